import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Tier } from '../../src/features/tiers/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { createSmtpMailer } from '../../src/platform/mail/index.js';
import type { Services } from '../../src/runtime/services.js';
import { paymentsFor, signatureFor, stripeEvent } from './stripe-events.js';
import {
  startStripeStandIn,
  stripeCharge,
  stripeCheckoutSession,
  stripeInvoice,
  stripeSubscription,
  type StripeStandIn,
} from './stripe-stand-in.js';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';
import type { TestDatabase } from './test-database.js';
import { servicesFor } from './test-runtime.js';

/** Event times (unix seconds) and the period end the stand-in's subscriptions carry. */
export const T = 1_780_000_000;
export const periodEnd = 1_790_000_000; // 2026-09-21
export const periodEndIso = new Date(periodEnd * 1000).toISOString();
export const start = '2026-03-01T00:00:00.000Z';

/**
 * The services of one test file wired to the Stripe stand-in and an in-process SMTP server, on
 * the suite's database, with the helpers every payments suite uses: deliver a signed webhook,
 * read a member's access and history, a live subscription and its events, a paid gift. Call it
 * inside `describeEachDatabase`; the values are ready from `beforeAll` on.
 */
export function useStripeServices(getDb: () => TestDatabase) {
  let n = 0;
  const ctx = {
    standIn: undefined as unknown as StripeStandIn,
    smtp: undefined as unknown as SmtpTestServer,
    services: undefined as unknown as Services,
    clock: new FakeClock(start),
    supporter: undefined as unknown as Tier,
  };

  beforeAll(async () => {
    await getDb().truncate();
    ctx.standIn = await startStripeStandIn();
    ctx.smtp = await startSmtpTestServer();
    ctx.services = servicesFor(getDb(), ctx.clock, {
      mailer: createSmtpMailer({ url: ctx.smtp.url, from: 'Masthead <noreply@example.org>' }),
      payments: paymentsFor(ctx.standIn),
    }).services;
    ctx.supporter = (await ctx.services.tiers.ensureDefaults()).find(
      (t) => t.slug === 'supporter',
    )!;
  });
  beforeEach(() => {
    ctx.clock.set(start);
    ctx.standIn.setUnavailable(false);
  });
  afterAll(async () => {
    await ctx.standIn.close();
    await ctx.smtp.close();
  });

  /** A signed delivery, as Stripe makes it. */
  const deliver = (payload: string) =>
    ctx.services.membershipPayments.handleWebhook(payload, signatureFor(payload));
  /** Delivers every event of the list, in order, each `times` times (replays change nothing). */
  const deliverAll = async (payloads: string[], times = 1) => {
    for (const payload of payloads) for (let i = 0; i < times; i++) await deliver(payload);
  };
  const member = (email: string) => ctx.services.members.byEmail(email);
  const accessOf = async (email: string) => {
    const m = await member(email);
    return { status: m?.status, tierId: m?.tierId, accessUntil: m?.accessUntil };
  };
  const historyOf = async (email: string, type: string) => {
    const m = await member(email);
    return m ? (await ctx.services.members.history(m.id)).filter((e) => e.type === type) : [];
  };
  const cancelRequests = (sub: string) =>
    ctx.standIn.requests.filter(
      (r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${sub}`,
    );

  /** A live subscription on the stand-in for `email`, and the events Stripe would send for it. */
  function subscriptionFor(email: string) {
    n += 1;
    const customer = `cus_acc_${n}`;
    const sub = `sub_acc_${n}`;
    const metadata = { kind: 'subscription', tierId: ctx.supporter.id, memberEmail: email };
    const snapshot = (status: string) =>
      stripeSubscription({
        id: sub,
        customer,
        status,
        currentPeriodEnd: periodEnd,
        amount: 500,
        metadata,
      });
    ctx.standIn.setSubscription(snapshot('active'));
    const event = (name: string, type: string, created: number, status: string) =>
      stripeEvent(`evt_${sub}_${name}`, type, created, snapshot(status));
    return {
      customer,
      sub,
      metadata,
      created: event('created', 'customer.subscription.created', T, 'active'),
      renewed: event('renewed', 'customer.subscription.updated', T + 50, 'active'),
      deleted: event('deleted', 'customer.subscription.deleted', T + 100, 'canceled'),
      /** The charge of its latest invoice, on the stand-in. */
      charge(amountRefunded = 0) {
        ctx.standIn.setInvoice(
          stripeInvoice({ id: `in_${sub}`, customer, subscription: sub, amount: 500 }),
        );
        const charge = stripeCharge({
          id: `ch_${sub}`,
          customer,
          amount: 500,
          amountRefunded,
          invoice: `in_${sub}`,
          email,
        });
        ctx.standIn.setCharge(charge);
        return charge;
      },
    };
  }

  /** A paid gift for `recipient`; returns its id and the redeem code from the recipient's email. */
  async function paidGift(recipient: string, months: 1 | 3 | 6 | 12 = 3) {
    const before = ctx.smtp.received.length;
    await ctx.services.membershipPayments.startCheckout({
      kind: 'gift',
      tierId: ctx.supporter.id,
      months,
      recipientEmail: recipient,
      buyerEmail: 'giver@example.org',
      recipientName: '',
      message: '',
    });
    const giftId = ctx.standIn.requests.at(-1)!.form['metadata[giftId]']!;
    n += 1;
    await deliver(
      stripeEvent(
        `evt_gift_${n}`,
        'checkout.session.completed',
        T,
        stripeCheckoutSession({
          id: `cs_gift_${n}`,
          mode: 'payment',
          paymentStatus: 'paid',
          customer: null,
          email: 'giver@example.org',
          amount: 1500,
          metadata: { kind: 'gift', giftId, tierId: ctx.supporter.id },
        }),
      ),
    );
    const mail = await ctx.smtp.waitFor(before + 1);
    const code = /\/gift\/redeem\?code=([\w-]+)/.exec(mail.text)![1]!;
    return { giftId, code };
  }

  return Object.assign(ctx, {
    deliver,
    deliverAll,
    member,
    accessOf,
    historyOf,
    cancelRequests,
    subscriptionFor,
    paidGift,
  });
}
