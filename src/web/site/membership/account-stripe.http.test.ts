import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paymentsFor, signatureFor, stripeEvent } from '../../../../test/helpers/stripe-events.js';
import {
  startStripeStandIn,
  stripeCheckoutSession,
  stripeSubscription,
  type StripeStandIn,
} from '../../../../test/helpers/stripe-stand-in.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { appFor, tokenHeaders } from '../../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../../platform/clock.js';
import { createMemoryMailer, type MemoryMailer } from '../../../platform/mail/index.js';
import { LocalDiskStorage } from '../../../platform/storage/index.js';
import type { AppTables } from '../../../runtime/app-database.js';
import { createServices, type Services } from '../../../runtime/services.js';
import { testKeyring } from '../../../../test/helpers/test-keyring.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const cookiePair = (response: LightMyRequestResponse) => {
  const header = response.headers['set-cookie'];
  return ((Array.isArray(header) ? header.join('\n') : header) ?? '').split(';')[0] ?? '';
};
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const T = 1_780_000_000;
const periodEnd = 1_790_000_000;

describeEachDatabase('Account page and deletion with Stripe (stand-in, over HTTP)', (getDb) => {
  let standIn: StripeStandIn;
  let app: FastifyInstance;
  let mailer: MemoryMailer;
  let services: Services;
  let tierId: string;

  const webhook = async (payload: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': signatureFor(payload) },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  async function signIn(email: string): Promise<string> {
    await app.inject({
      method: 'POST',
      url: '/signin/',
      headers: formHeaders,
      payload: form({ email }),
    });
    const link = /(http:\/\/localhost:3000\/signin\/confirm\?token=\S+)/.exec(
      mailer.sent.at(-1)!.text,
    )![1]!;
    const confirmed = await app.inject({
      method: 'POST',
      url: '/signin/confirm',
      headers: formHeaders,
      payload: form({ token: new URL(link).searchParams.get('token')! }),
    });
    expect(confirmed.statusCode).toBe(303);
    return cookiePair(confirmed);
  }
  const account = (cookie: string) => app.inject({ url: '/account/', headers: { cookie } });

  /** A subscription bought by a delayed method: Checkout completes unpaid, then succeeds. */
  function delayedSubscription(email: string, n: number) {
    const sub = `sub_http_${n}`;
    const customer = `cus_http_${n}`;
    const metadata = { kind: 'subscription', tierId, memberEmail: email };
    standIn.setSubscription(
      stripeSubscription({
        id: sub,
        customer,
        status: 'active',
        currentPeriodEnd: periodEnd,
        amount: 500,
        metadata,
      }),
    );
    const session = (paymentStatus: 'paid' | 'unpaid') =>
      stripeCheckoutSession({
        id: `cs_http_${n}`,
        mode: 'subscription',
        paymentStatus,
        customer,
        email,
        amount: 500,
        subscription: sub,
        metadata,
      });
    return {
      sub,
      completed: stripeEvent(
        `evt_http_${n}_cs`,
        'checkout.session.completed',
        T,
        session('unpaid'),
      ),
      succeeded: stripeEvent(
        `evt_http_${n}_ok`,
        'checkout.session.async_payment_succeeded',
        T + 5,
        session('paid'),
      ),
    };
  }

  beforeAll(async () => {
    await getDb().truncate();
    standIn = await startStripeStandIn();
    mailer = createMemoryMailer();
    const clock = new FakeClock('2026-03-01T00:00:00.000Z');
    const db = getDb().database.db as Kysely<AppTables>;
    services = createServices({
      db,
      clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
      mailer,
      payments: paymentsFor(standIn),
      keyring: testKeyring(),
    });
    ({ app } = await appFor(getDb(), { services, clock, db, mediaDir: '' }));
    tierId = (await services.tiers.ensureDefaults()).find((t) => t.slug === 'supporter')!.id;
  });
  afterAll(async () => {
    await app.close();
    await standIn.close();
  });

  it('a bank-debit subscription starts on async_payment_succeeded; a gift redeemed meanwhile is held and shown', async () => {
    const email = 'held@example.org';
    const cookie = await signIn(email);
    const s = delayedSubscription(email, 1);
    await webhook(s.completed);
    expect((await account(cookie)).body).toContain('<strong>Free member</strong>');
    await webhook(s.succeeded);
    expect((await account(cookie)).body).toContain('<strong>Paying member</strong>');

    await services.membershipPayments.startCheckout({
      kind: 'gift',
      tierId,
      months: 3,
      recipientEmail: email,
      buyerEmail: 'aunt@example.org',
      recipientName: '',
      message: '',
    });
    const giftId = standIn.requests.at(-1)!.form['metadata[giftId]']!;
    await webhook(
      stripeEvent(
        'evt_http_gift',
        'checkout.session.completed',
        T,
        stripeCheckoutSession({
          id: 'cs_http_gift',
          mode: 'payment',
          paymentStatus: 'paid',
          customer: null,
          email: 'aunt@example.org',
          amount: 1500,
          metadata: { kind: 'gift', giftId, tierId },
        }),
      ),
    );
    const code = /code=([\w-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    const redeemed = await app.inject({
      method: 'POST',
      url: '/gift/redeem',
      headers: { ...formHeaders, origin: 'http://localhost:3000' },
      payload: form({ code }),
    });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.body).toContain(
      'You are already a paying member, so your gift is saved: its 92 days start when your paid membership ends (2026-09-21).',
    );
    const page = (await account(cookie)).body;
    expect(page).toContain('<strong>Paying member</strong>');
    expect(page).toContain(
      'Gift time saved for you: 92 days. It starts when your paid membership ends, so you lose none of it.',
    );
  });

  it('deleting an account with Stripe unreachable answers 503 SUBSCRIPTION_NOT_CANCELLED and keeps it', async () => {
    const email = 'leaver@example.org';
    const cookie = await signIn(email);
    const s = delayedSubscription(email, 2);
    await webhook(s.succeeded);
    const csrf = csrfIn((await account(cookie)).body);
    const memberId = (await services.members.byEmail(email))!.id;

    standIn.setUnavailable(true);
    const refused = await app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, confirm: 'delete' }),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.body).toContain('could not be cancelled with the payment provider');
    const admin = await app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/members/${memberId}`,
      headers: await tokenHeaders(services, 'administrator'),
    });
    expect(admin.statusCode).toBe(503);
    expect(admin.json<{ errors: Array<{ code: string }> }>().errors[0]?.code).toBe(
      'SUBSCRIPTION_NOT_CANCELLED',
    );
    expect(await services.members.byEmail(email)).toBeDefined();
    expect(standIn.subscription(s.sub)?.status).toBe('active');

    standIn.setUnavailable(false);
    const deleted = await app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { ...formHeaders, cookie },
      payload: form({ csrf, confirm: 'delete' }),
    });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toContain('Your account is deleted');
    expect(standIn.subscription(s.sub)?.status).toBe('canceled');
    expect(await services.members.byEmail(email)).toBeUndefined();
  });
});
