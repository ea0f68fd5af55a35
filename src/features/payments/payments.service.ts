import { narrow } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { createCheckoutService } from './checkout.service.js';
import { paymentsRepository as repo } from './payments.repository.js';
import type { PaymentsTables } from './payments.table.js';
import { createStripeWebhookService } from './stripe-webhook.service.js';
import type { StripeWebhookDeps } from './stripe-webhook-context.js';

/**
 * Membership payments: Checkout for memberships, donations and gifts; the billing portal;
 * webhooks. It needs what the webhook handling needs (`StripeWebhookDeps`); checkout a subset.
 */
export function createMembershipPaymentsService(deps: StripeWebhookDeps) {
  const db = narrow(deps.db).to<PaymentsTables>();
  const checkout = createCheckoutService(deps);
  const webhooks = createStripeWebhookService(deps);
  return {
    isEnabled: deps.payments.isEnabled,
    startCheckout: (...args: Parameters<typeof checkout.startCheckout>) =>
      checkout.startCheckout(...args),
    billingPortalUrl: (memberId: string) => checkout.billingPortalUrl(memberId),
    handleWebhook: (...args: Parameters<typeof webhooks.handleWebhook>) =>
      webhooks.handleWebhook(...args),

    /** Monthly recurring revenue per currency: active subscriptions, yearly amounts divided by 12. */
    async monthlyRecurringRevenue(): Promise<Array<{ currency: string; amount: number }>> {
      const mrr = new Map<string, number>();
      for (const row of await repo.activeAmounts(db)) {
        const amount = Number(row.amount ?? 0);
        const monthly = row.interval === 'year' ? amount / 12 : amount;
        mrr.set(row.currency, (mrr.get(row.currency) ?? 0) + monthly);
      }
      return [...mrr]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => ({ currency, amount: Math.round(amount) }));
    },

    /** Everything kept about a member, for "export my data": members' record and their subscriptions. */
    async exportAccount(memberId: string) {
      const { member, history, exportedAt } = await deps.members.exportData(memberId);
      const subscriptions = await repo.subscriptionsOf(db, memberId);
      return {
        member,
        subscriptions: subscriptions.map((s) => ({
          status: s.status,
          interval: s.interval,
          amount: s.amount,
          currency: s.currency,
          currentPeriodEnd: s.current_period_end,
          cancelAtPeriodEnd: s.cancel_at_period_end === 1,
        })),
        history,
        exportedAt,
      };
    },

    /**
     * Deletes a member (reader or staff asking), cancelling every subscription Stripe may still
     * charge first. If Stripe cannot be reached (or is not configured) while one is running,
     * nothing is deleted: 503 SUBSCRIPTION_NOT_CANCELLED — never a deleted member whose card
     * keeps being charged.
     */
    async closeAccount(memberId: string, actor = 'member'): Promise<void> {
      for (const subscription of await repo.chargeableSubscriptions(db, memberId)) {
        try {
          await deps.payments.cancelSubscription(subscription.stripe_subscription_id);
        } catch (error) {
          throw new AppError({
            code: 'SUBSCRIPTION_NOT_CANCELLED',
            status: 503,
            message:
              'The account was not deleted: its paid membership could not be cancelled with the ' +
              'payment provider just now, and deleting it would leave the card being charged. ' +
              'Please try again in a few minutes.',
            cause: error,
          });
        }
      }
      await deps.members.delete(memberId, actor);
    },
  };
}

export type MembershipPaymentsService = ReturnType<typeof createMembershipPaymentsService>;
