import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signatureFor, stripeEvent, paymentsFor } from '../../../test/helpers/stripe-events.js';
import {
  startStripeStandIn,
  stripeSubscription,
  type StripeStandIn,
} from '../../../test/helpers/stripe-stand-in.js';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/helpers/smtp-test-server.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { FakeClock } from '../../platform/clock.js';
import { createSmtpMailer } from '../../platform/mail/index.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import type { AppTables } from '../../runtime/app-database.js';
import { createServices, type Services } from '../../runtime/services.js';
import type { Tier } from '../tiers/index.js';

const T = 1_780_000_000; // event times (unix seconds)
const periodEnd = 1_790_000_000;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describeEachDatabase('Membership payments with the Stripe stand-in', (getDb) => {
  let standIn: StripeStandIn;
  let smtp: SmtpTestServer;
  let services: Services;
  let clock: FakeClock;
  let supporter: Tier;

  const deliver = (payload: string) =>
    services.membershipPayments.handleWebhook(payload, signatureFor(payload));
  const eventsOf = async (email: string, type: string) => {
    const member = await services.members.byEmail(email);
    return member ? (await services.members.history(member.id)).filter((e) => e.type === type) : [];
  };

  beforeAll(async () => {
    await getDb().truncate();
    standIn = await startStripeStandIn();
    smtp = await startSmtpTestServer();
    clock = new FakeClock('2026-03-01T00:00:00.000Z');
    services = createServices({
      keyring: testKeyring(),
      db: getDb().database.db as Kysely<AppTables>,
      clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
      mailer: createSmtpMailer({ url: smtp.url, from: 'Masthead <noreply@example.org>' }),
      payments: paymentsFor(standIn),
    });
    const tiers = await services.tiers.ensureDefaults();
    supporter = tiers.find((t) => t.slug === 'supporter')!;
  });
  afterAll(async () => {
    await standIn.close();
    await smtp.close();
  });

  it('starts a subscription Checkout through the SDK with the tier price and metadata (stand-in)', async () => {
    const url = await services.membershipPayments.startCheckout({
      kind: 'subscription',
      tierId: supporter.id,
      interval: 'year',
      email: 'Reader@Example.org',
    });
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(standIn.requests.at(-1)!.form).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][recurring][interval]': 'year',
      'metadata[kind]': 'subscription',
      'metadata[tierId]': supporter.id,
      'metadata[memberEmail]': 'reader@example.org',
      success_url: 'http://localhost:3000/membership/thanks/?session_id={CHECKOUT_SESSION_ID}',
    });
    await expect(
      services.membershipPayments.startCheckout({ kind: 'amount', amount: 200 }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'amount' }] });
    await expect(
      services.membershipPayments.startCheckout({
        kind: 'subscription',
        tierId: 'nope',
        interval: 'month',
      }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'tierId' }] });
  });

  it('the same donation event 10 times in sequence and 10 at once has one effect', async () => {
    const session = (id: string) => ({
      id,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: null,
      customer_details: { email: 'donor@example.org' },
      amount_total: 2500,
      currency: 'usd',
      metadata: { kind: 'donation', memberEmail: 'donor@example.org' },
    });
    const first = stripeEvent('evt_don_1', 'checkout.session.completed', T, session('cs_d1'));
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await deliver(first));
    expect(results.filter((r) => !r.isDuplicate)).toHaveLength(1);
    const second = stripeEvent('evt_don_2', 'checkout.session.completed', T + 1, session('cs_d2'));
    const together = await Promise.all(Array.from({ length: 10 }, () => deliver(second)));
    expect(together.filter((r) => !r.isDuplicate)).toHaveLength(1);
    const donated = await eventsOf('donor@example.org', 'donated');
    expect(donated).toHaveLength(2);
    expect(donated[0]).toMatchObject({ amount: 2500, currency: 'usd' });
  });

  it('the four subscription events in all 24 orders end in the same member state', async () => {
    const orders = permutations([0, 1, 2, 3]);
    expect(orders).toHaveLength(24);
    for (const [n, order] of orders.entries()) {
      const email = `order${n}@example.org`;
      const customer = `cus_order_${n}`;
      const sub = `sub_order_${n}`;
      const metadata = { kind: 'subscription', tierId: supporter.id, memberEmail: email };
      const subscription = (status: string) =>
        stripeSubscription({
          id: sub,
          customer,
          status,
          currentPeriodEnd: periodEnd,
          amount: 500,
          metadata,
        });
      standIn.setSubscription(subscription('active'));
      const events = [
        stripeEvent(
          `evt_${n}_created`,
          'customer.subscription.created',
          T,
          subscription('incomplete'),
        ),
        stripeEvent(`evt_${n}_checkout`, 'checkout.session.completed', T + 1, {
          id: `cs_${n}`,
          object: 'checkout.session',
          mode: 'subscription',
          payment_status: 'paid',
          customer,
          subscription: sub,
          customer_details: { email },
          amount_total: 500,
          currency: 'usd',
          metadata,
        }),
        stripeEvent(
          `evt_${n}_updated`,
          'customer.subscription.updated',
          T + 2,
          subscription('active'),
        ),
        stripeEvent(`evt_${n}_invoice`, 'invoice.paid', T + 3, {
          id: `in_${n}`,
          object: 'invoice',
          customer,
          customer_email: email,
          subscription: sub,
          billing_reason: 'subscription_create',
          amount_paid: 500,
          amount_due: 500,
          currency: 'usd',
          subscription_details: { metadata: { ...metadata, campaignId: 'drive-2026' } },
        }),
      ];
      for (const i of order) await deliver(events[i]!);
      const member = await services.members.byEmail(email);
      expect(
        {
          status: member?.status,
          tierId: member?.tierId,
          accessUntil: member?.accessUntil,
          customer: member?.stripeCustomerId,
        },
        `order ${order.join(',')}`,
      ).toEqual({
        status: 'paid',
        tierId: supporter.id,
        accessUntil: new Date(periodEnd * 1000).toISOString(),
        customer,
      });
      const paid = await eventsOf(email, 'paid');
      expect(paid).toHaveLength(1);
      expect(paid[0]).toMatchObject({ amount: 500, campaignId: 'drive-2026' });
    }
  });

  it('a deleted subscription sends the member back to free; an older event does not revive it', async () => {
    const email = 'order0@example.org';
    const metadata = { tierId: supporter.id, memberEmail: email };
    const snapshot = (status: string) =>
      stripeSubscription({
        id: 'sub_order_0',
        customer: 'cus_order_0',
        status,
        currentPeriodEnd: periodEnd,
        amount: 500,
        metadata,
      });
    await deliver(
      stripeEvent('evt_del', 'customer.subscription.deleted', T + 10, snapshot('canceled')),
    );
    expect(await services.members.byEmail(email)).toMatchObject({
      status: 'free',
      tierId: null,
      accessUntil: null,
    });
    await deliver(
      stripeEvent('evt_late', 'customer.subscription.updated', T + 5, snapshot('active')),
    );
    expect((await services.members.byEmail(email))?.status).toBe('free');
    expect(await eventsOf(email, 'cancelled')).toHaveLength(1);
  });

  it('a gift: Checkout, one email for 10 concurrent deliveries, redeemed once as a gift', async () => {
    const before = smtp.received.length;
    await services.membershipPayments.startCheckout({
      kind: 'gift',
      tierId: supporter.id,
      months: 3,
      recipientEmail: 'friend@example.org',
      recipientName: 'Dana',
      message: 'Enjoy!',
      buyerEmail: 'buyer@example.org',
    });
    const form = standIn.requests.at(-1)!.form;
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][unit_amount]': '1500',
    });
    const giftId = form['metadata[giftId]']!;
    expect((await services.gifts.boughtBy('buyer@example.org'))[0]).toMatchObject({
      id: giftId,
      status: 'pending_payment',
    });
    const payload = stripeEvent('evt_gift', 'checkout.session.completed', T, {
      id: 'cs_gift',
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: null,
      customer_details: { email: 'buyer@example.org' },
      amount_total: 1500,
      currency: 'usd',
      metadata: { kind: 'gift', giftId, tierId: supporter.id, memberEmail: 'buyer@example.org' },
    });
    await Promise.all(Array.from({ length: 10 }, () => deliver(payload)));
    for (let i = 0; i < 3; i++) await deliver(payload);
    const mail = await smtp.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(before + 1);
    expect(mail.to).toEqual(['friend@example.org']);
    expect(await eventsOf('buyer@example.org', 'gift_purchased')).toHaveLength(1);
    const code = /\/gift\/redeem\?code=([\w-]+)/.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    expect(await services.gifts.preview(code!)).toMatchObject({ status: 'sent', months: 3 });

    const { accessUntil } = await services.gifts.redeem(code!);
    expect(accessUntil).toBe('2026-06-01T00:00:00.000Z');
    expect(await services.members.byEmail('friend@example.org')).toMatchObject({
      status: 'gift',
      tierId: supporter.id,
      accessUntil,
    });
    await expect(services.gifts.redeem(code!)).rejects.toMatchObject({
      status: 409,
      code: 'GIFT_ALREADY_REDEEMED',
    });
    expect((await services.gifts.boughtBy('buyer@example.org'))[0]?.status).toBe('redeemed');
  });

  it('invoice.payment_failed and charge.refunded are recorded with amounts', async () => {
    const email = 'order1@example.org';
    await deliver(
      stripeEvent('evt_fail', 'invoice.payment_failed', T + 20, {
        id: 'in_fail',
        customer: 'cus_order_1',
        customer_email: email,
        subscription: 'sub_order_1',
        billing_reason: 'subscription_cycle',
        amount_paid: 0,
        amount_due: 500,
        currency: 'usd',
      }),
    );
    await deliver(
      stripeEvent('evt_refund', 'charge.refunded', T + 21, {
        id: 'ch_1',
        customer: 'cus_order_1',
        amount_refunded: 500,
        currency: 'usd',
        metadata: {},
      }),
    );
    expect((await eventsOf(email, 'payment_failed'))[0]).toMatchObject({ amount: 500 });
    expect((await eventsOf(email, 'refunded'))[0]).toMatchObject({ amount: 500 });
  });
});
