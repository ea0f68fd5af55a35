import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paymentsFor, signatureFor, stripeEvent } from '../../../test/helpers/stripe-events.js';
import {
  startStripeStandIn,
  stripeCharge,
  stripeCheckoutSession,
  stripeDispute,
  stripeInvoice,
  stripeSubscription,
  type StripeStandIn,
} from '../../../test/helpers/stripe-stand-in.js';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/helpers/smtp-test-server.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { FakeClock } from '../../platform/clock.js';
import { createSmtpMailer } from '../../platform/mail/index.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import type { AppTables } from '../../runtime/app-database.js';
import { createServices, type Services } from '../../runtime/services.js';
import type { Tier } from '../tiers/index.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';

const T = 1_780_000_000; // event times (unix seconds)
const periodEnd = 1_790_000_000; // 2026-09-21
const periodEndIso = new Date(periodEnd * 1000).toISOString();
const start = '2026-03-01T00:00:00.000Z';

describeEachDatabase(
  'Gifts, refunds, disputes, delayed payments and deletion with the Stripe stand-in',
  (getDb) => {
    let standIn: StripeStandIn;
    let smtp: SmtpTestServer;
    let services: Services;
    let clock: FakeClock;
    let supporter: Tier;
    let n = 0;

    const deliver = (payload: string) =>
      services.membershipPayments.handleWebhook(payload, signatureFor(payload));
    /** Delivers every event of the list, in order; each one three times (replays change nothing). */
    const deliverAll = async (payloads: string[], times = 1) => {
      for (const payload of payloads) for (let i = 0; i < times; i++) await deliver(payload);
    };
    const member = (email: string) => services.members.byEmail(email);
    const accessOf = async (email: string) => {
      const m = await member(email);
      return { status: m?.status, tierId: m?.tierId, accessUntil: m?.accessUntil };
    };
    const historyOf = async (email: string, type: string) => {
      const m = await member(email);
      return m ? (await services.members.history(m.id)).filter((e) => e.type === type) : [];
    };
    const cancelRequests = (sub: string) =>
      standIn.requests.filter(
        (r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${sub}`,
      );

    /** A live subscription on the stand-in for `email`, and the events Stripe would send for it. */
    function subscriptionFor(email: string) {
      n += 1;
      const customer = `cus_acc_${n}`;
      const sub = `sub_acc_${n}`;
      const metadata = { kind: 'subscription', tierId: supporter.id, memberEmail: email };
      const snapshot = (status: string) =>
        stripeSubscription({
          id: sub,
          customer,
          status,
          currentPeriodEnd: periodEnd,
          amount: 500,
          metadata,
        });
      standIn.setSubscription(snapshot('active'));
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
          standIn.setInvoice(
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
          standIn.setCharge(charge);
          return charge;
        },
      };
    }

    /** A paid gift for `recipient`; returns its id and the redeem code from the recipient's email. */
    async function paidGift(recipient: string, months: 1 | 3 | 6 | 12 = 3) {
      const before = smtp.received.length;
      await services.membershipPayments.startCheckout({
        kind: 'gift',
        tierId: supporter.id,
        months,
        recipientEmail: recipient,
        buyerEmail: 'giver@example.org',
      });
      const giftId = standIn.requests.at(-1)!.form['metadata[giftId]']!;
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
            metadata: { kind: 'gift', giftId, tierId: supporter.id },
          }),
        ),
      );
      const mail = await smtp.waitFor(before + 1);
      const code = /\/gift\/redeem\?code=([\w-]+)/.exec(mail.text)![1]!;
      return { giftId, code };
    }

    beforeAll(async () => {
      await getDb().truncate();
      standIn = await startStripeStandIn();
      smtp = await startSmtpTestServer();
      clock = new FakeClock(start);
      services = createServices({
        db: getDb().database.db as Kysely<AppTables>,
        clock,
        storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'masthead-media-'))),
        mailer: createSmtpMailer({ url: smtp.url, from: 'Masthead <noreply@example.org>' }),
        payments: paymentsFor(standIn),
        keyring: testKeyring(),
      });
      supporter = (await services.tiers.ensureDefaults()).find((t) => t.slug === 'supporter')!;
    });
    beforeEach(() => {
      clock.set(start);
      standIn.setUnavailable(false);
    });
    afterAll(async () => {
      await standIn.close();
      await smtp.close();
    });

    describe('gift time is never lost to a subscription', () => {
      it('a paying member who redeems a gift keeps paying access; the gift waits and runs after', async () => {
        const email = 'payer-gift@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        expect(await accessOf(email)).toEqual({
          status: 'paid',
          tierId: supporter.id,
          accessUntil: periodEndIso,
        });
        const { code } = await paidGift(email, 3);
        const redeemed = await services.gifts.redeem(code);
        const threeMonths = Date.parse('2026-06-01T00:00:00Z') - Date.parse(start);
        expect(redeemed).toMatchObject({
          accessUntil: periodEndIso,
          heldSeconds: threeMonths / 1000,
        });
        // Renewals keep the member paid and the gift held.
        await deliverAll([s.renewed], 3);
        const m = await member(email);
        expect(await accessOf(email)).toMatchObject({ status: 'paid', accessUntil: periodEndIso });
        expect((await services.gifts.heldFor(m!.id)).seconds).toBe(threeMonths / 1000);

        // The subscription ends on 21 September: the gift's three months start then.
        clock.set(periodEndIso);
        await deliverAll([s.deleted], 3);
        expect(await accessOf(email)).toEqual({
          status: 'gift',
          tierId: supporter.id,
          accessUntil: new Date(periodEnd * 1000 + threeMonths).toISOString(),
        });
        expect((await services.gifts.heldFor(m!.id)).seconds).toBe(0);
        expect(await historyOf(email, 'gift_resumed')).toHaveLength(1);
      });

      it('a gift member who subscribes has the rest of the gift held, in either delivery order', async () => {
        const outcomes = [];
        for (const order of ['in order', 'deleted first'] as const) {
          clock.set(start);
          const email = `gift-then-pay-${order.replace(' ', '-')}@example.org`;
          const { code } = await paidGift(email, 1);
          await services.gifts.redeem(code); // gift until 1 April
          const giftEnd = '2026-04-01T00:00:00.000Z';
          expect((await accessOf(email)).accessUntil).toBe(giftEnd);
          const s = subscriptionFor(email);
          clock.set('2026-03-11T00:00:00.000Z'); // 21 gift days left
          if (order === 'in order') {
            await deliverAll([s.created], 2);
            expect(await accessOf(email)).toMatchObject({
              status: 'paid',
              accessUntil: periodEndIso,
            });
            const m = await member(email);
            expect((await services.gifts.heldFor(m!.id)).seconds).toBe(21 * 86_400);
            await deliverAll([s.deleted, s.created], 2);
          } else {
            await deliverAll([s.deleted, s.created], 2);
          }
          outcomes.push(await accessOf(email));
        }
        // Delivered in order, the gift's 21 days resume when the subscription ends (here at once);
        // the other way round the gift never paused. Either way the gift still ends on 1 April.
        expect(outcomes).toEqual([
          { status: 'gift', tierId: supporter.id, accessUntil: '2026-04-01T00:00:00.000Z' },
          { status: 'gift', tierId: supporter.id, accessUntil: '2026-04-01T00:00:00.000Z' },
        ]);
      });
      it('a redemption racing the end of the subscription loses no gift time', async () => {
        for (let i = 0; i < 4; i++) {
          const email = `race-${i}@example.org`;
          const s = subscriptionFor(email);
          await deliver(s.created);
          const { code } = await paidGift(email, 3);
          await Promise.all([services.gifts.redeem(code), deliver(s.deleted)]);
          const m = await member(email);
          expect({
            ...(await accessOf(email)),
            held: (await services.gifts.heldFor(m!.id)).seconds,
          }).toEqual({
            status: 'gift',
            tierId: supporter.id,
            accessUntil: '2026-06-01T00:00:00.000Z',
            held: 0,
          });
        }
      });
    });

    describe('refunds', () => {
      it('a full refund of a subscription payment cancels it on the stand-in and ends access, once', async () => {
        const email = 'refund-full@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        const refunded = stripeEvent(
          `evt_${s.sub}_refund`,
          'charge.refunded',
          T + 10,
          s.charge(500),
        );
        await deliverAll([refunded], 3);
        expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
        expect(cancelRequests(s.sub)).toHaveLength(1);
        expect(standIn.subscription(s.sub)?.status).toBe('canceled');
        expect(await historyOf(email, 'refunded')).toMatchObject([
          { amount: 500, data: { isFull: true, subscriptionId: s.sub } },
        ]);
        expect(await historyOf(email, 'cancelled')).toHaveLength(1);
        // A renewal event from before the refund, delivered late, does not bring access back.
        await deliver(s.renewed);
        expect((await accessOf(email)).status).toBe('free');
        await deliver(s.deleted);
        expect(await historyOf(email, 'cancelled')).toHaveLength(1);
      });

      it('a partial refund changes nothing but is recorded', async () => {
        const email = 'refund-part@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        await deliverAll(
          [stripeEvent(`evt_${s.sub}_part`, 'charge.refunded', T + 10, s.charge(200))],
          2,
        );
        expect(await accessOf(email)).toMatchObject({ status: 'paid', accessUntil: periodEndIso });
        expect(cancelRequests(s.sub)).toHaveLength(0);
        expect(await historyOf(email, 'refunded')).toMatchObject([
          { amount: 200, data: { isFull: false } },
        ]);
      });

      it('a refunded gift ends: unredeemed it cannot be redeemed, redeemed its time is taken back', async () => {
        const giftCharge = (giftId: string) =>
          stripeCharge({
            id: `ch_${giftId}`,
            customer: null,
            amount: 1500,
            amountRefunded: 1500,
            email: 'giver@example.org',
            metadata: { kind: 'gift', giftId },
          });
        const unredeemed = await paidGift('never-redeemed@example.org');
        await deliverAll(
          [
            stripeEvent(
              'evt_gift_refund_1',
              'charge.refunded',
              T + 5,
              giftCharge(unredeemed.giftId),
            ),
          ],
          2,
        );
        await expect(services.gifts.redeem(unredeemed.code)).rejects.toMatchObject({
          status: 410,
          code: 'GIFT_REFUNDED',
        });

        const redeemed = await paidGift('refunded-recipient@example.org', 1);
        await services.gifts.redeem(redeemed.code);
        expect((await accessOf('refunded-recipient@example.org')).status).toBe('gift');
        await deliverAll(
          [stripeEvent('evt_gift_refund_2', 'charge.refunded', T + 5, giftCharge(redeemed.giftId))],
          3,
        );
        expect(await accessOf('refunded-recipient@example.org')).toEqual({
          status: 'free',
          tierId: null,
          accessUntil: null,
        });
        expect(await historyOf('refunded-recipient@example.org', 'gift_withdrawn')).toHaveLength(1);

        // Held while paying: the refund takes the held time away, paid access stays.
        const payer = 'refunded-held@example.org';
        await deliver(subscriptionFor(payer).created);
        const held = await paidGift(payer, 1);
        await services.gifts.redeem(held.code);
        await deliver(
          stripeEvent('evt_gift_refund_3', 'charge.refunded', T + 5, giftCharge(held.giftId)),
        );
        expect((await accessOf(payer)).status).toBe('paid');
        expect((await services.gifts.heldFor((await member(payer))!.id)).seconds).toBe(0);
      });
    });

    describe('disputes', () => {
      const disputeEvents = (s: ReturnType<typeof subscriptionFor>, closed: 'won' | 'lost') => {
        s.charge();
        const dispute = (status: string) =>
          stripeDispute({ id: `dp_${s.sub}`, charge: `ch_${s.sub}`, amount: 500, status });
        return {
          created: stripeEvent(
            `evt_${s.sub}_dp1`,
            'charge.dispute.created',
            T + 10,
            dispute('needs_response'),
          ),
          closed: stripeEvent(`evt_${s.sub}_dp2`, 'charge.dispute.closed', T + 20, dispute(closed)),
        };
      };

      it('an open dispute suspends paid access, renewals included; won restores it', async () => {
        const email = 'dispute-won@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        const d = disputeEvents(s, 'won');
        await deliverAll([d.created], 3);
        expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
        await deliver(s.renewed);
        expect((await accessOf(email)).status).toBe('free');
        await deliverAll([d.closed], 3);
        expect(await accessOf(email)).toEqual({
          status: 'paid',
          tierId: supporter.id,
          accessUntil: periodEndIso,
        });
        expect(cancelRequests(s.sub)).toHaveLength(0);
        expect(await historyOf(email, 'dispute_opened')).toHaveLength(1);
        expect(await historyOf(email, 'dispute_won')).toHaveLength(1);
      });

      it('a lost dispute cancels the subscription on the stand-in and ends access', async () => {
        const email = 'dispute-lost@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        const d = disputeEvents(s, 'lost');
        await deliverAll([d.created, d.closed], 2);
        expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
        expect(cancelRequests(s.sub)).toHaveLength(1);
        await deliver(s.renewed);
        expect((await accessOf(email)).status).toBe('free');
      });

      it('closed before created (out of order): the late "created" does not suspend again', async () => {
        const email = 'dispute-order@example.org';
        const s = subscriptionFor(email);
        const d = disputeEvents(s, 'won');
        await deliverAll([d.closed, s.created, d.created], 2);
        expect(await accessOf(email)).toMatchObject({ status: 'paid', accessUntil: periodEndIso });
        expect(await historyOf(email, 'dispute_opened')).toHaveLength(0);
      });

      it('a disputed gift cannot be redeemed until the dispute is won', async () => {
        const gift = await paidGift('disputed-gift@example.org');
        standIn.setCharge(
          stripeCharge({
            id: `ch_${gift.giftId}`,
            customer: null,
            amount: 1500,
            email: 'giver@example.org',
            metadata: { kind: 'gift', giftId: gift.giftId },
          }),
        );
        const dispute = (status: string) =>
          stripeDispute({
            id: `dp_${gift.giftId}`,
            charge: `ch_${gift.giftId}`,
            amount: 1500,
            status,
          });
        await deliver(
          stripeEvent('evt_gdp1', 'charge.dispute.created', T, dispute('needs_response')),
        );
        await expect(services.gifts.redeem(gift.code)).rejects.toMatchObject({
          status: 409,
          code: 'GIFT_ON_HOLD',
        });
        await deliver(stripeEvent('evt_gdp2', 'charge.dispute.closed', T + 5, dispute('won')));
        expect((await services.gifts.redeem(gift.code)).accessUntil).toBe(
          '2026-06-01T00:00:00.000Z',
        );
      });
    });

    describe('delayed payment methods (checkout.session.async_payment_*)', () => {
      function delayedSubscription(email: string) {
        const s = subscriptionFor(email);
        const session = (paymentStatus: 'paid' | 'unpaid') =>
          stripeCheckoutSession({
            id: `cs_${s.sub}`,
            mode: 'subscription',
            paymentStatus,
            customer: s.customer,
            email,
            amount: 500,
            subscription: s.sub,
            metadata: s.metadata,
          });
        return {
          ...s,
          completed: stripeEvent(
            `evt_${s.sub}_cs`,
            'checkout.session.completed',
            T + 1,
            session('unpaid'),
          ),
          succeeded: stripeEvent(
            `evt_${s.sub}_ok`,
            'checkout.session.async_payment_succeeded',
            T + 5,
            session('paid'),
          ),
          failed: stripeEvent(
            `evt_${s.sub}_ko`,
            'checkout.session.async_payment_failed',
            T + 5,
            session('unpaid'),
          ),
        };
      }

      it('grants nothing until the payment succeeds, in every delivery order', async () => {
        const orders = [
          [0, 1, 2],
          [1, 0, 2],
          [2, 0, 1],
          [2, 1, 0],
          [0, 2, 1],
          [1, 2, 0],
        ];
        for (const [i, order] of orders.entries()) {
          const email = `delayed-${i}@example.org`;
          const s = delayedSubscription(email);
          const events = [s.completed, s.created, s.succeeded];
          // Once Checkout has said the payment is delayed, nothing is granted before success.
          for (const index of order.slice(0, order.indexOf(2)))
            await deliverAll([events[index]!], 2);
          if (order.indexOf(0) < order.indexOf(2))
            expect((await accessOf(email)).status, `order ${order.join()}`).not.toBe('paid');
          for (const index of order.slice(order.indexOf(2))) await deliverAll([events[index]!], 2);
          expect(await accessOf(email), `order ${order.join()}`).toEqual({
            status: 'paid',
            tierId: supporter.id,
            accessUntil: periodEndIso,
          });
        }
      });

      it('a failed payment grants nothing and emails the reader once', async () => {
        const email = 'delayed-failed@example.org';
        const s = delayedSubscription(email);
        const before = smtp.received.length;
        await deliverAll([s.completed, s.created, s.failed], 3);
        expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
        const mail = await smtp.waitFor(before + 1);
        await new Promise((r) => setTimeout(r, 200));
        expect(smtp.received).toHaveLength(before + 1);
        expect(mail.to).toEqual([email]);
        expect(mail.subject).toBe('Your payment for a membership did not go through');
        expect(mail.text).toContain('http://localhost:3000/membership/');
        expect(await historyOf(email, 'payment_pending')).toHaveLength(1);
        expect(await historyOf(email, 'payment_failed')).toHaveLength(1);
        // A late success for the same session does not override the failure.
        await deliver(s.succeeded);
        expect((await accessOf(email)).status).toBe('free');
      });

      it('a gift or a donation by a delayed method counts only on success', async () => {
        await services.membershipPayments.startCheckout({
          kind: 'gift',
          tierId: supporter.id,
          months: 1,
          recipientEmail: 'delayed-gift@example.org',
          buyerEmail: 'slow-giver@example.org',
        });
        const giftId = standIn.requests.at(-1)!.form['metadata[giftId]']!;
        const gift = (paymentStatus: 'paid' | 'unpaid') =>
          stripeCheckoutSession({
            id: 'cs_delayed_gift',
            mode: 'payment',
            paymentStatus,
            customer: null,
            email: 'slow-giver@example.org',
            amount: 500,
            metadata: { kind: 'gift', giftId, tierId: supporter.id },
          });
        const before = smtp.received.length;
        await deliverAll(
          [stripeEvent('evt_dg1', 'checkout.session.completed', T, gift('unpaid'))],
          2,
        );
        expect((await services.gifts.boughtBy('slow-giver@example.org'))[0]?.status).toBe(
          'pending_payment',
        );
        await deliverAll(
          [stripeEvent('evt_dg2', 'checkout.session.async_payment_succeeded', T + 5, gift('paid'))],
          3,
        );
        const mail = await smtp.waitFor(before + 1);
        expect(mail.to).toEqual(['delayed-gift@example.org']);

        const donation = (paymentStatus: 'paid' | 'unpaid') =>
          stripeCheckoutSession({
            id: 'cs_delayed_donation',
            mode: 'payment',
            paymentStatus,
            customer: null,
            email: 'slow-donor@example.org',
            amount: 2500,
            metadata: { kind: 'donation', memberEmail: 'slow-donor@example.org' },
          });
        await deliverAll(
          [
            stripeEvent(
              'evt_dd2',
              'checkout.session.async_payment_succeeded',
              T + 5,
              donation('paid'),
            ),
            stripeEvent('evt_dd1', 'checkout.session.completed', T, donation('unpaid')),
          ],
          3,
        );
        expect(await historyOf('slow-donor@example.org', 'donated')).toHaveLength(1);
      });
    });

    describe('deleting a member cancels their subscription first', () => {
      it('cancels on the stand-in, deletes, and a later Stripe event does not bring them back', async () => {
        const email = 'leaving@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        const m = await member(email);
        await services.memberAdmin.delete(m!.id, 'staff:test');
        expect(cancelRequests(s.sub)).toHaveLength(1);
        expect(await member(email)).toBeUndefined();
        await deliver(s.deleted);
        expect(await member(email)).toBeUndefined();
      });

      it('with Stripe unreachable: 503 SUBSCRIPTION_NOT_CANCELLED and the member is kept', async () => {
        const email = 'stuck@example.org';
        const s = subscriptionFor(email);
        await deliver(s.created);
        const m = await member(email);
        standIn.setUnavailable(true);
        for (const remove of [
          () => services.membershipPayments.closeAccount(m!.id),
          () => services.memberAdmin.delete(m!.id, 'staff:test'),
        ])
          await expect(remove()).rejects.toMatchObject({
            status: 503,
            code: 'SUBSCRIPTION_NOT_CANCELLED',
            message: expect.stringContaining('could not be cancelled'),
          });
        expect(await accessOf(email)).toMatchObject({ status: 'paid' });
        standIn.setUnavailable(false);
        await services.membershipPayments.closeAccount(m!.id);
        expect(await member(email)).toBeUndefined();
      });

      it('a member without a subscription is deleted without asking Stripe', async () => {
        const { member: free } = await services.members.findOrCreate({
          email: 'free-leaver@example.org',
        });
        standIn.setUnavailable(true);
        await services.membershipPayments.closeAccount(free.id);
        expect(await member('free-leaver@example.org')).toBeUndefined();
      });
    });
  },
);
