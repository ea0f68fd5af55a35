import { describe, expect, it } from 'vitest';
import { stripeEvent } from '../../../test/helpers/stripe-events.js';
import { stripeCheckoutSession } from '../../../test/helpers/stripe-stand-in.js';
import { T, periodEndIso, useStripeServices } from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

describeEachDatabase('Delayed payment methods, with the Stripe stand-in', (getDb) => {
  const ctx = useStripeServices(getDb);
  const { deliver, deliverAll, accessOf, historyOf, subscriptionFor } = ctx;

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
        for (const index of order.slice(0, order.indexOf(2))) await deliverAll([events[index]!], 2);
        if (order.indexOf(0) < order.indexOf(2))
          expect((await accessOf(email)).status, `order ${order.join()}`).not.toBe('paid');
        for (const index of order.slice(order.indexOf(2))) await deliverAll([events[index]!], 2);
        expect(await accessOf(email), `order ${order.join()}`).toEqual({
          status: 'paid',
          tierId: ctx.supporter.id,
          accessUntil: periodEndIso,
        });
      }
    });

    it('a failed payment grants nothing and emails the reader once', async () => {
      const email = 'delayed-failed@example.org';
      const s = delayedSubscription(email);
      const before = ctx.smtp.received.length;
      await deliverAll([s.completed, s.created, s.failed], 3);
      expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
      const mail = await ctx.smtp.waitFor(before + 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(ctx.smtp.received).toHaveLength(before + 1);
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
      await ctx.services.membershipPayments.startCheckout({
        kind: 'gift',
        tierId: ctx.supporter.id,
        months: 1,
        recipientEmail: 'delayed-gift@example.org',
        buyerEmail: 'slow-giver@example.org',
        recipientName: '',
        message: '',
      });
      const giftId = ctx.standIn.requests.at(-1)!.form['metadata[giftId]']!;
      const gift = (paymentStatus: 'paid' | 'unpaid') =>
        stripeCheckoutSession({
          id: 'cs_delayed_gift',
          mode: 'payment',
          paymentStatus,
          customer: null,
          email: 'slow-giver@example.org',
          amount: 500,
          metadata: { kind: 'gift', giftId, tierId: ctx.supporter.id },
        });
      const before = ctx.smtp.received.length;
      await deliverAll(
        [stripeEvent('evt_dg1', 'checkout.session.completed', T, gift('unpaid'))],
        2,
      );
      expect((await ctx.services.gifts.boughtBy('slow-giver@example.org'))[0]?.status).toBe(
        'pending_payment',
      );
      await deliverAll(
        [stripeEvent('evt_dg2', 'checkout.session.async_payment_succeeded', T + 5, gift('paid'))],
        3,
      );
      const mail = await ctx.smtp.waitFor(before + 1);
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
});
