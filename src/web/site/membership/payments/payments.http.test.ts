import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  paymentsFor,
  signatureFor,
  stripeEvent,
} from '../../../../../test/helpers/stripe-events.js';
import {
  startStripeStandIn,
  type StripeStandIn,
} from '../../../../../test/helpers/stripe-stand-in.js';
import { describeEachDatabase } from '../../../../../test/helpers/test-database.js';
import { testKeyring } from '../../../../../test/helpers/test-keyring.js';
import { appFor } from '../../../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../../../platform/clock.js';
import { createMemoryMailer, type MemoryMailer } from '../../../../platform/mail/index.js';
import { LocalDiskStorage } from '../../../../platform/storage/index.js';
import type { AppTables } from '../../../../runtime/app-database.js';
import { createServices } from '../../../../runtime/services.js';

const origin = 'http://localhost:3000';
const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
  payload: new URLSearchParams(fields).toString(),
});

describeEachDatabase('Membership pages and Stripe webhook route (stand-in)', (getDb) => {
  let standIn: StripeStandIn;
  let app: FastifyInstance;
  let mailer: MemoryMailer;

  beforeAll(async () => {
    await getDb().truncate();
    standIn = await startStripeStandIn();
    mailer = createMemoryMailer();
    const clock = new FakeClock('2026-03-01T00:00:00.000Z');
    const db = getDb().database.db as Kysely<AppTables>;
    const services = createServices({
      keyring: testKeyring(),
      db,
      clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
      mailer,
      payments: paymentsFor(standIn),
    });
    ({ app } = await appFor(getDb(), { services, clock, db, mediaDir: '' }));
  });
  afterAll(async () => {
    await app.close();
    await standIn.close();
  });

  it('shows tiers with join buttons, and a paid join goes to Checkout with 303', async () => {
    const page = await app.inject({ url: '/membership/?campaign=drive-1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Join free');
    expect(page.body).toContain('Join for $5.00 a month');
    expect(page.body).toContain('at least $3.00');
    const tierId = /name="tierId" value="([^"]+)"/.exec(page.body)![1]!;
    const join = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, interval: 'month', email: 'a@example.org', campaign: 'drive-1' }),
    });
    expect(join.statusCode).toBe(303);
    expect(join.headers.location).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const amount = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, amount: '7.50', email: 'b@example.org' }),
    });
    expect(amount.statusCode).toBe(303);
    expect(standIn.requests.at(-1)!.form['line_items[0][price_data][unit_amount]']).toBe('750');
    const tooLittle = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, amount: '1' }),
    });
    expect(tooLittle.statusCode).toBe(400);
    expect(tooLittle.body).toContain('must be at least 3.00 a month');
    const crossSite = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, interval: 'month' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it('carries the last story read from the join forms into Checkout’s metadata', async () => {
    const page = await app.inject({ url: '/membership/' });
    const forms = page.body.match(
      /<form[^>]*class="member-form (?:tier-join|choose-amount)"[\s\S]*?<\/form>/g,
    );
    expect(forms?.length).toBeGreaterThan(0);
    // The page's script fills the hidden field from sessionStorage, as on the join form.
    for (const joinForm of forms ?? [])
      expect(joinForm).toMatch(/<input type="hidden" name="fromStory" value="" data-from-story/);
    const tierId = /name="tierId" value="([^"]+)"/.exec(page.body)![1]!;
    const join = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, interval: 'month', email: 'c@example.org', fromStory: '/night-shift/' }),
    });
    expect(join.statusCode).toBe(303);
    expect(standIn.requests.at(-1)!.form).toMatchObject({
      'metadata[fromStory]': '/night-shift/',
      'subscription_data[metadata][fromStory]': '/night-shift/',
    });
    // Something that is not a site path is left out, never refused.
    const odd = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, interval: 'month', email: 'd@example.org', fromStory: '//evil.example/' }),
    });
    expect(odd.statusCode).toBe(303);
    expect(standIn.requests.at(-1)!.form['metadata[fromStory]']).toBeUndefined();
  });

  it('answers a join or gift form with a problem by the form again (400), the problem under its field', async () => {
    const page = await app.inject({ url: '/membership/' });
    const tierId = /name="tierId" value="([^"]+)"/.exec(page.body)![1]!;
    const join = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId, interval: 'month', email: 'not-an-email' }),
    });
    expect(join.statusCode).toBe(400);
    // The styled page with the newsroom's layout, the typed value kept, the field marked.
    expect(join.body).toContain('class="site-header"');
    const joinForm =
      /<form[^>]*class="member-form tier-join"[^]*?<\/form>/.exec(join.body)?.[0] ?? '';
    expect(joinForm).toMatch(
      /<div class="form-field has-problem"><label for="email-[^"]+">Your email<\/label><input [^>]*aria-invalid="true"[^>]*value="not-an-email"/,
    );
    expect(joinForm).toMatch(
      /class="form-problem" id="email-[^"]+-problem" role="alert">Your email [^<]+</,
    );

    const giftPage = await app.inject({ url: '/membership/gift/' });
    const giftTier = /<option value="([^"]+)"/.exec(giftPage.body)![1]!;
    const gift = await app.inject({
      url: '/membership/gift/checkout',
      ...form({
        tierId: giftTier,
        months: '3',
        recipientEmail: 'nobody',
        recipientName: 'Dana',
        message: 'For you',
        buyerEmail: 'buyer@example.org',
      }),
    });
    expect(gift.statusCode).toBe(400);
    const giftForm =
      /<form[^>]*class="member-form gift-form"[^]*?<\/form>/.exec(gift.body)?.[0] ?? '';
    expect(giftForm).toMatch(
      /id="gift-recipient-email-problem" class="form-problem"|class="form-problem" id="gift-recipient-email-problem"/,
    );
    expect(giftForm).toMatch(/role="alert">Their email [^<]+</);
    expect(giftForm).toContain('value="Dana"');
    expect(giftForm).toContain('value="buyer@example.org"');
    expect(giftForm).toContain('<option value="3" selected>3 months</option>');
    expect(giftForm).toContain('>For you</textarea>');
    const badLength = await app.inject({
      url: '/membership/gift/checkout',
      ...form({
        tierId: giftTier,
        months: '5',
        recipientEmail: 'f@example.org',
        buyerEmail: 'b@example.org',
      }),
    });
    expect(badLength.statusCode).toBe(400);
    expect(badLength.body).toMatch(
      /id="gift-months-problem" role="alert">Length must be 1, 3, 6 or 12</,
    );
  });

  it('gift form → Checkout; the signed webhook pays it; the redeem page redeems it once', async () => {
    const giftPage = await app.inject({ url: '/membership/gift/' });
    const tierId = /<option value="([^"]+)"/.exec(giftPage.body)![1]!;
    const checkout = await app.inject({
      url: '/membership/gift/checkout',
      ...form({
        tierId,
        months: '1',
        recipientEmail: 'friend@example.org',
        recipientName: 'Dana',
        message: 'For you',
        buyerEmail: 'buyer@example.org',
      }),
    });
    expect(checkout.statusCode).toBe(303);
    const giftId = standIn.requests.at(-1)!.form['metadata[giftId]']!;
    const payload = stripeEvent('evt_http_gift', 'checkout.session.completed', 1_780_000_000, {
      id: 'cs_http_gift',
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: null,
      amount_total: 500,
      currency: 'usd',
      metadata: { kind: 'gift', giftId },
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signatureFor(payload, 'whsec_wrong'),
      },
      payload,
    });
    expect(bad.statusCode).toBe(400);
    const good = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signatureFor(payload),
      },
      payload,
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ received: true, duplicate: false });
    const code = /code=([\w-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    const show = await app.inject({ url: `/gift/redeem?code=${code}` });
    expect(show.body).toContain('Redeem my gift');
    const redeem = await app.inject({ url: '/gift/redeem', ...form({ code }) });
    expect(redeem.statusCode).toBe(200);
    expect(redeem.body).toContain('Your gift is ready');
    const again = await app.inject({ url: '/gift/redeem', ...form({ code }) });
    expect(again.statusCode).toBe(409);
  });
});

describeEachDatabase('Membership without Stripe keys', (getDb) => {
  it('the page offers free joining only; paid Checkout and webhooks are 503 with a clear message', async () => {
    await getDb().truncate();
    const { app } = await appFor(getDb());
    const page = await app.inject({ url: '/membership/' });
    expect(page.statusCode).toBe(200);
    // No staff wording ("not set up") on a reader page: the page simply offers free joining.
    expect(page.body).not.toContain('not set up');
    expect(page.body).toContain('Join free');
    expect(page.body).not.toContain('/membership/checkout');
    const join = await app.inject({
      url: '/membership/checkout',
      ...form({ tierId: 'x', interval: 'month' }),
    });
    expect(join.statusCode).toBe(503);
    expect(join.body).toContain('Paid membership is not available at the moment');
    const hook = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(hook.statusCode).toBe(503);
    expect(hook.json().errors[0].code).toBe('PAYMENTS_NOT_CONFIGURED');
    await app.close();
  });
});
