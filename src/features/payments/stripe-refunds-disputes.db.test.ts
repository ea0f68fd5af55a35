import { describe, expect, it } from 'vitest';
import { stripeEvent } from '../../../test/helpers/stripe-events.js';
import { stripeCharge, stripeDispute } from '../../../test/helpers/stripe-stand-in.js';
import { T, periodEndIso, useStripeServices } from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

describeEachDatabase('Refunds and disputes, with the Stripe stand-in', (getDb) => {
  const ctx = useStripeServices(getDb);
  const {
    deliver,
    deliverAll,
    member,
    accessOf,
    historyOf,
    cancelRequests,
    subscriptionFor,
    paidGift,
  } = ctx;

  describe('refunds', () => {
    it('a full refund of a subscription payment cancels it on the stand-in and ends access, once', async () => {
      const email = 'refund-full@example.org';
      const s = subscriptionFor(email);
      await deliver(s.created);
      const refunded = stripeEvent(`evt_${s.sub}_refund`, 'charge.refunded', T + 10, s.charge(500));
      await deliverAll([refunded], 3);
      expect(await accessOf(email)).toEqual({ status: 'free', tierId: null, accessUntil: null });
      expect(cancelRequests(s.sub)).toHaveLength(1);
      expect(ctx.standIn.subscription(s.sub)?.status).toBe('canceled');
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
        [stripeEvent('evt_gift_refund_1', 'charge.refunded', T + 5, giftCharge(unredeemed.giftId))],
        2,
      );
      await expect(ctx.services.gifts.redeem(unredeemed.code)).rejects.toMatchObject({
        status: 410,
        code: 'GIFT_REFUNDED',
      });

      const redeemed = await paidGift('refunded-recipient@example.org', 1);
      await ctx.services.gifts.redeem(redeemed.code);
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
      await ctx.services.gifts.redeem(held.code);
      await deliver(
        stripeEvent('evt_gift_refund_3', 'charge.refunded', T + 5, giftCharge(held.giftId)),
      );
      expect((await accessOf(payer)).status).toBe('paid');
      expect((await ctx.services.gifts.heldFor((await member(payer))!.id)).seconds).toBe(0);
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
        tierId: ctx.supporter.id,
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
      ctx.standIn.setCharge(
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
      await expect(ctx.services.gifts.redeem(gift.code)).rejects.toMatchObject({
        status: 409,
        code: 'GIFT_ON_HOLD',
      });
      await deliver(stripeEvent('evt_gdp2', 'charge.dispute.closed', T + 5, dispute('won')));
      expect((await ctx.services.gifts.redeem(gift.code)).accessUntil).toBe(
        '2026-06-01T00:00:00.000Z',
      );
    });
  });
});
