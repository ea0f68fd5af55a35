import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { stripeEvent } from '../../../test/helpers/stripe-events.js';
import {
  stripeCheckoutSession,
  stripeSubscription,
} from '../../../test/helpers/stripe-stand-in.js';
import { T, periodEnd, useStripeServices } from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import type { AppTables } from '../../runtime/app-database.js';
import { campaignInputSchema } from '../campaigns/index.js';
import { checkoutInputSchema, type CheckoutInput } from './index.js';

/** What the SDK sent under `prefix[…]` in the stand-in's last request (`metadata[kind]` → kind). */
const sentUnder = (form: Record<string, string>, prefix: string) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith(`${prefix}[`))
      .map(([key, value]) => [key.slice(prefix.length + 1, -1), value]),
  );

describeEachDatabase(
  'Paid memberships attributed to the story read last (Stripe stand-in)',
  (getDb) => {
    const ctx = useStripeServices(getDb);
    const { deliver, deliverAll } = ctx;
    let storyId: string;
    let driveId: string;
    let n = 0;

    beforeAll(async () => {
      const author = await ctx.services.authors.create({ name: 'Iva Reporter' });
      storyId = newId();
      await ctx.services.posts.importBatch([
        {
          id: storyId,
          kind: 'article',
          slug: 'night-shift',
          title: 'Night shift at the plant',
          body: { type: 'doc', content: [{ type: 'paragraph' }] },
          authorIds: [author.id],
          tagIds: [],
          status: 'published',
          publishedAt: '2026-02-20T08:00:00.000Z',
        },
      ]);
      driveId = (
        await ctx.services.campaigns.create(
          parseInput(campaignInputSchema, {
            name: 'Spring drive',
            headline: 'Help us reach 100 members',
            goal: 100,
            metric: 'paying_members',
            startsAt: '2026-02-01T00:00:00Z',
            endsAt: '2026-04-01T00:00:00Z',
          }),
        )
      ).id;
    });

    const conversions = (kind: string) =>
      (getDb().database.db as Kysely<AppTables>)
        .selectFrom('analytics_conversions')
        .select(['path', 'post_id', 'campaign_id'])
        .where('kind', '=', kind)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();

    /** Starts Checkout as the membership page does, and Stripe's objects for the session it made. */
    async function checkout(input: CheckoutInput, options: { fromStory?: string } = {}) {
      n += 1;
      await ctx.services.membershipPayments.startCheckout(
        parseInput(checkoutInputSchema, input, { rootField: 'kind' }),
        { campaignId: driveId, ...options },
      );
      const sent = ctx.standIn.requests.at(-1)!.form;
      const metadata = sentUnder(sent, 'metadata');
      const sub = `sub_conv_${n}`;
      const customer = `cus_conv_${n}`;
      const email = metadata.memberEmail ?? `buyer${n}@example.org`;
      // Stripe copies the session's subscription_data.metadata onto the subscription.
      const subscription = stripeSubscription({
        id: sub,
        customer,
        status: 'active',
        currentPeriodEnd: periodEnd,
        amount: 500,
        metadata: sentUnder(sent, 'subscription_data[metadata]'),
      });
      ctx.standIn.setSubscription(subscription);
      const session = (paymentStatus: 'paid' | 'unpaid') =>
        stripeCheckoutSession({
          id: `cs_conv_${n}`,
          mode: sent.mode === 'payment' ? 'payment' : 'subscription',
          paymentStatus,
          customer,
          email,
          amount: 500,
          ...(sent.mode === 'payment' ? {} : { subscription: sub }),
          metadata,
        });
      const event = (name: string, type: string, object: Record<string, unknown>) =>
        stripeEvent(`evt_conv_${n}_${name}`, type, T + n, object);
      return {
        metadata,
        subscriptionMetadata: sentUnder(sent, 'subscription_data[metadata]'),
        created: event('created', 'customer.subscription.created', subscription),
        completed: event('completed', 'checkout.session.completed', session('paid')),
        completedUnpaid: event('unpaid', 'checkout.session.completed', session('unpaid')),
        succeeded: event('ok', 'checkout.session.async_payment_succeeded', session('paid')),
        failed: event('ko', 'checkout.session.async_payment_failed', session('unpaid')),
      };
    }

    const monthly = (email: string): CheckoutInput => ({
      kind: 'subscription',
      tierId: ctx.supporter.id,
      interval: 'month',
      email,
    });

    it('counts a paid membership once for the story and drive, however often Stripe delivers', async () => {
      // The reader reads the story (the page's beacon), then joins from the membership page.
      await ctx.services.analytics.recordBeacon(
        { path: '/night-shift/' },
        {
          ip: '10.7.0.1',
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
          isPrivate: false,
        },
      );
      await ctx.services.analytics.flush();
      const s = await checkout(monthly('card@example.org'), { fromStory: '/night-shift/' });
      expect(s.metadata).toMatchObject({ fromStory: '/night-shift/', campaignId: driveId });
      expect(s.subscriptionMetadata).toMatchObject({ fromStory: '/night-shift/' });
      // Stripe delivers at least once: the same event at once, then again later, in any order.
      await Promise.all(Array.from({ length: 5 }, () => deliver(s.completed)));
      await deliverAll([s.created, s.completed], 3);
      expect(await conversions('paid')).toEqual([
        { path: '/night-shift/', post_id: storyId, campaign_id: driveId },
      ]);
      expect((await ctx.services.members.byEmail('card@example.org'))?.status).toBe('paid');

      const summary = await ctx.services.analytics.summary({});
      expect(summary).toMatchObject({ paid: 1, signups: 0 });
      expect(summary.topPosts).toEqual([
        expect.objectContaining({ postId: storyId, views: 1, signups: 0, paid: 1 }),
      ]);
      expect(await ctx.services.analytics.post(storyId, {})).toMatchObject({ paid: 1 });
      expect((await ctx.services.analytics.campaigns({})).campaigns).toEqual([
        { campaignId: driveId, signups: 0, paid: 1 },
      ]);
    });

    it('counts a delayed payment when it succeeds, once, and a failed one never', async () => {
      const before = (await conversions('paid')).length;
      const ok = await checkout(
        { kind: 'amount', amount: 700, tierId: ctx.supporter.id, email: 'debit@example.org' },
        { fromStory: '/night-shift/' },
      );
      await deliverAll([ok.completedUnpaid, ok.created], 2);
      expect(await conversions('paid')).toHaveLength(before);
      await deliverAll([ok.succeeded, ok.completedUnpaid, ok.succeeded], 2);
      expect(await conversions('paid')).toHaveLength(before + 1);

      const ko = await checkout(monthly('bounced@example.org'), { fromStory: '/night-shift/' });
      await deliverAll([ko.completedUnpaid, ko.created, ko.failed], 2);
      expect(await conversions('paid')).toHaveLength(before + 1);
    });

    it('counts a membership without a story for its drive, and no donation or gift', async () => {
      const before = await conversions('paid');
      const direct = await checkout(monthly('direct@example.org'), {
        fromStory: 'https://evil.example/',
      });
      expect(direct.metadata.fromStory).toBeUndefined();
      await deliverAll([direct.completed, direct.created]);
      const donation = await checkout(
        { kind: 'donation', amount: 2500, email: 'donor@example.org' },
        { fromStory: '/night-shift/' },
      );
      expect(donation.metadata.fromStory).toBeUndefined();
      await deliver(donation.completed);
      await ctx.paidGift('friend@example.org');
      expect(await conversions('paid')).toEqual([
        ...before,
        { path: null, post_id: null, campaign_id: driveId },
      ]);
    });
  },
);
