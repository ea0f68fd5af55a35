import { describe, expect, it } from 'vitest';
import { useStripeServices } from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

describeEachDatabase('Deleting a paying member, with the Stripe stand-in', (getDb) => {
  const ctx = useStripeServices(getDb);
  const { deliver, member, accessOf, cancelRequests, subscriptionFor } = ctx;

  describe('deleting a member cancels their subscription first', () => {
    it('cancels on the stand-in, deletes, and a later Stripe event does not bring them back', async () => {
      const email = 'leaving@example.org';
      const s = subscriptionFor(email);
      await deliver(s.created);
      const m = await member(email);
      await ctx.services.memberAdmin.delete(m!.id, 'staff:test');
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
      ctx.standIn.setUnavailable(true);
      for (const remove of [
        () => ctx.services.membershipPayments.closeAccount(m!.id),
        () => ctx.services.memberAdmin.delete(m!.id, 'staff:test'),
      ])
        await expect(remove()).rejects.toMatchObject({
          status: 503,
          code: 'SUBSCRIPTION_NOT_CANCELLED',
          message: expect.stringContaining('could not be cancelled'),
        });
      expect(await accessOf(email)).toMatchObject({ status: 'paid' });
      ctx.standIn.setUnavailable(false);
      await ctx.services.membershipPayments.closeAccount(m!.id);
      expect(await member(email)).toBeUndefined();
    });

    it('a member without a subscription is deleted without asking Stripe', async () => {
      const { member: free } = await ctx.services.members.findOrCreate({
        email: 'free-leaver@example.org',
      });
      ctx.standIn.setUnavailable(true);
      await ctx.services.membershipPayments.closeAccount(free.id);
      expect(await member('free-leaver@example.org')).toBeUndefined();
    });
  });
});
