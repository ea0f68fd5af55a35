import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/ids.js';
import { createSmtpMailer } from '../../src/platform/mail/index.js';
import { LocalDiskStorage } from '../../src/platform/storage/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { paymentsFor, signatureFor, stripeEvent } from '../helpers/stripe-events.js';
import {
  startStripeStandIn,
  stripeSubscription,
  type StripeStandIn,
} from '../helpers/stripe-stand-in.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { testKeyring } from '../helpers/test-keyring.js';
import { appFor } from '../helpers/test-runtime.js';

const origin = 'http://localhost:3000';
const formPost = (url: string, fields: Record<string, string>, cookie?: string) => ({
  method: 'POST' as const,
  url,
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin,
    ...(cookie ? { cookie } : {}),
  },
  payload: new URLSearchParams(fields).toString(),
});
const driveCount = (html: string) => /class="drive-count">([\d,]+) out of ([\d,]+)/.exec(html)?.[1];

/**
 * The membership journey end to end, against a real SMTP server and the Stripe SDK pointed at a
 * local stand-in: join free by email link, upgrade to paid monthly through Checkout and a
 * genuinely signed webhook, read a members-only story an anonymous reader cannot, and see the
 * drive's counter go up by one within a minute.
 */
describeEachDatabase('membership journey (Stripe stand-in, real SMTP)', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  let smtp: SmtpTestServer;
  let standIn: StripeStandIn;
  let clock: FakeClock;
  let storyUrl: string;

  beforeAll(async () => {
    await getDb().truncate();
    smtp = await startSmtpTestServer();
    standIn = await startStripeStandIn();
    clock = new FakeClock('2026-11-20T10:00:00.000Z');
    const db = getDb().database.db as Kysely<AppTables>;
    services = createServices({
      keyring: testKeyring(),
      db,
      clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'mh-journey-'))),
      mailer: createSmtpMailer({ url: smtp.url, from: 'Newsroom <news@example.org>' }),
      payments: paymentsFor(standIn),
    });
    await loadDemoNewsroom(services, { now: clock.now(), articles: 12, briefs: 5, photos: 1 });
    const [author] = await services.authors.list();
    const [section] = await services.tags.navigation();
    const body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'What the members are told first.' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'The analysis only members read.' }] },
      ],
    };
    await services.posts.importBatch([
      {
        id: newId(),
        kind: 'article',
        slug: 'members-analysis',
        title: 'Members analysis',
        body: body as never,
        authorIds: [author!.id],
        tagIds: [section!.id],
        status: 'published',
        visibility: 'members',
        publishedAt: clock.now().toISOString(),
      },
    ]);
    storyUrl = '/members-analysis/';
    ({ app } = await appFor(getDb(), { services, clock, db, mediaDir: '' }));
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await standIn.close();
  });

  it('joins by email link, pays monthly through Checkout and the webhook, reads members-only, and the drive counts one more', async () => {
    const home = (await app.inject('/')).body;
    const before = driveCount(home);
    // The banner's buttons carry the drive, so what starts there is counted for it.
    expect(home).toMatch(/href="\/membership\/\?campaign=[0-9a-f-]+"/);
    expect(before).toBeDefined();

    // 1. Join free: the sign-in link arrives by SMTP; opening it shows a button, the POST signs in.
    const email = 'new.reader@example.org';
    const mailsBefore = smtp.received.length;
    const asked = await app.inject(formPost('/signin/', { email }));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Check your email');
    const mail = await smtp.waitFor(mailsBefore + 1);
    expect(mail.to).toEqual([email]);
    const token = /\/signin\/confirm\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const confirmPage = await app.inject(`/signin/confirm?token=${token}`);
    expect(confirmPage.headers['set-cookie']).toBeUndefined();
    const confirmed = await app.inject(formPost('/signin/confirm', { token: token! }));
    expect(confirmed.statusCode).toBe(303);
    const cookie = String(confirmed.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^masthead_member=/);

    // A free member already reads members-only stories; an anonymous reader does not.
    const asMember = await app.inject({ url: storyUrl, headers: { cookie } });
    expect(asMember.body).toContain('The analysis only members read.');
    const anonymous = await app.inject(storyUrl);
    expect(anonymous.body).not.toContain('The analysis only members read.');
    expect(anonymous.body).toContain('This story is for members.');

    // 2. Upgrade: Checkout through the SDK (stand-in), then Stripe's signed webhook events.
    const membership = await app.inject({ url: '/membership/' });
    const tierId = /name="tierId" value="([^"]+)"/.exec(membership.body)![1]!;
    const drive = (await services.campaigns.running())[0]!;
    const checkout = await app.inject(
      formPost(
        '/membership/checkout',
        { tierId, interval: 'month', email, campaign: drive.id },
        cookie,
      ),
    );
    expect(checkout.statusCode).toBe(303);
    const sent = standIn.requests.at(-1)!.form;
    expect(sent['metadata[campaignId]']).toBe(drive.id);
    const now = Math.floor(clock.now().getTime() / 1000);
    const metadata = { kind: 'subscription', tierId, memberEmail: email, campaignId: drive.id };
    const subscription = stripeSubscription({
      id: 'sub_journey',
      customer: 'cus_journey',
      status: 'active',
      currentPeriodEnd: now + 30 * 86_400,
      amount: 500,
      metadata,
    });
    standIn.setSubscription(subscription);
    const deliver = async (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        headers: { 'content-type': 'application/json', 'stripe-signature': signatureFor(payload) },
        payload,
      });
    const completed = stripeEvent('evt_journey_1', 'checkout.session.completed', now, {
      id: 'cs_journey',
      object: 'checkout.session',
      mode: 'subscription',
      payment_status: 'paid',
      customer: 'cus_journey',
      subscription: 'sub_journey',
      customer_details: { email },
      amount_total: 500,
      currency: 'usd',
      metadata,
    });
    expect((await deliver(completed)).statusCode).toBe(200);
    expect(
      (
        await deliver(
          stripeEvent('evt_journey_2', 'customer.subscription.created', now + 1, subscription),
        )
      ).statusCode,
    ).toBe(200);
    const forged = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' },
      payload: completed,
    });
    expect(forged.statusCode).toBe(400);
    expect(await services.members.byEmail(email)).toMatchObject({ status: 'paid' });

    // 3. The drive's counter on every page shows one more within a minute.
    clock.advance(61_000);
    for (const url of ['/', '/news/', storyUrl]) {
      const after = driveCount((await app.inject({ url })).body);
      expect(Number(after?.replace(/,/g, '')), url).toBe(Number(before?.replace(/,/g, '')) + 1);
    }
  });
});
