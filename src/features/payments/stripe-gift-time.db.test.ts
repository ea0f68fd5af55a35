import { describe, expect, it } from 'vitest';
import {
  periodEnd,
  periodEndIso,
  start,
  useStripeServices,
} from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

describeEachDatabase('Gift time kept across subscriptions, with the Stripe stand-in', (getDb) => {
  const ctx = useStripeServices(getDb);
  const { deliver, deliverAll, member, accessOf, historyOf, subscriptionFor, paidGift } = ctx;

  describe('gift time is never lost to a subscription', () => {
    it('a paying member who redeems a gift keeps paying access; the gift waits and runs after', async () => {
      const email = 'payer-gift@example.org';
      const s = subscriptionFor(email);
      await deliver(s.created);
      expect(await accessOf(email)).toEqual({
        status: 'paid',
        tierId: ctx.supporter.id,
        accessUntil: periodEndIso,
      });
      const { code } = await paidGift(email, 3);
      const redeemed = await ctx.services.gifts.redeem(code);
      const threeMonths = Date.parse('2026-06-01T00:00:00Z') - Date.parse(start);
      expect(redeemed).toMatchObject({
        accessUntil: periodEndIso,
        heldSeconds: threeMonths / 1000,
      });
      // Renewals keep the member paid and the gift held.
      await deliverAll([s.renewed], 3);
      const m = await member(email);
      expect(await accessOf(email)).toMatchObject({ status: 'paid', accessUntil: periodEndIso });
      expect((await ctx.services.gifts.heldFor(m!.id)).seconds).toBe(threeMonths / 1000);

      // The subscription ends on 21 September: the gift's three months start then.
      ctx.clock.set(periodEndIso);
      await deliverAll([s.deleted], 3);
      expect(await accessOf(email)).toEqual({
        status: 'gift',
        tierId: ctx.supporter.id,
        accessUntil: new Date(periodEnd * 1000 + threeMonths).toISOString(),
      });
      expect((await ctx.services.gifts.heldFor(m!.id)).seconds).toBe(0);
      expect(await historyOf(email, 'gift_resumed')).toHaveLength(1);
    });

    it('a gift member who subscribes has the rest of the gift held, in either delivery order', async () => {
      const outcomes = [];
      for (const order of ['in order', 'deleted first'] as const) {
        ctx.clock.set(start);
        const email = `gift-then-pay-${order.replace(' ', '-')}@example.org`;
        const { code } = await paidGift(email, 1);
        await ctx.services.gifts.redeem(code); // gift until 1 April
        const giftEnd = '2026-04-01T00:00:00.000Z';
        expect((await accessOf(email)).accessUntil).toBe(giftEnd);
        const s = subscriptionFor(email);
        ctx.clock.set('2026-03-11T00:00:00.000Z'); // 21 gift days left
        if (order === 'in order') {
          await deliverAll([s.created], 2);
          expect(await accessOf(email)).toMatchObject({
            status: 'paid',
            accessUntil: periodEndIso,
          });
          const m = await member(email);
          expect((await ctx.services.gifts.heldFor(m!.id)).seconds).toBe(21 * 86_400);
          await deliverAll([s.deleted, s.created], 2);
        } else {
          await deliverAll([s.deleted, s.created], 2);
        }
        outcomes.push(await accessOf(email));
      }
      // Delivered in order, the gift's 21 days resume when the subscription ends (here at once);
      // the other way round the gift never paused. Either way the gift still ends on 1 April.
      expect(outcomes).toEqual([
        { status: 'gift', tierId: ctx.supporter.id, accessUntil: '2026-04-01T00:00:00.000Z' },
        { status: 'gift', tierId: ctx.supporter.id, accessUntil: '2026-04-01T00:00:00.000Z' },
      ]);
    });
    it('a redemption racing the end of the subscription loses no gift time', async () => {
      for (let i = 0; i < 4; i++) {
        const email = `race-${i}@example.org`;
        const s = subscriptionFor(email);
        await deliver(s.created);
        const { code } = await paidGift(email, 3);
        await Promise.all([ctx.services.gifts.redeem(code), deliver(s.deleted)]);
        const m = await member(email);
        expect({
          ...(await accessOf(email)),
          held: (await ctx.services.gifts.heldFor(m!.id)).seconds,
        }).toEqual({
          status: 'gift',
          tierId: ctx.supporter.id,
          accessUntil: '2026-06-01T00:00:00.000Z',
          held: 0,
        });
      }
    });
  });
});
