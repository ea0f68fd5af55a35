// Charge events: refunds (charge.refunded) and disputes (charge.dispute.*). A full refund or a
// lost dispute ends what the charge paid for (the subscription through Stripe, a gift here); an
// open dispute withholds a subscription until it closes.
import type { PaymentEvent } from '../../platform/payments/index.js';
import type { SharedHandle } from '../members/index.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { WebhookContext } from './stripe-webhook-context.js';
import type { Plan } from './stripe-webhook-plan.js';
import type { SubscriptionEvents } from './stripe-subscription-events.js';
import { isClosedDispute } from './subscription-state.js';

export function createChargeEvents(ctx: WebhookContext, subscriptions: SubscriptionEvents) {
  const { members, access, now, memberFor } = ctx;
  const { applySubscription } = subscriptions;

  /** Ends a refunded gift: unredeemed it can no longer be redeemed; redeemed its time is taken back. */
  async function endGift(
    t: PaymentsDb,
    m: SharedHandle,
    giftId: string,
    reason: 'refunded' | 'dispute_lost',
  ): Promise<void> {
    const at = now();
    // The recipient first, then the gift: the same lock order as redeeming, so a refund racing
    // a redemption waits instead of deadlocking.
    const seen = await repo.gift(t, giftId);
    if (!seen) return;
    if (seen.redeemed_by) await members.lock(m, seen.redeemed_by);
    if (
      await repo.moveGift(t, giftId, ['pending_payment', 'paid', 'sent'], {
        status: 'refunded',
        updated_at: at,
      })
    )
      return;
    const gift = await repo.gift(t, giftId);
    if (!gift || gift.status !== 'redeemed') return;
    if (await repo.moveGift(t, giftId, ['redeemed'], { status: 'refunded', updated_at: at }))
      await access.takeBackGift(t, m, gift, reason);
  }

  /** A refund: a full one ends a gift or (planned before) the subscription; recorded either way. */
  async function applyRefund(
    t: PaymentsDb,
    m: SharedHandle,
    event: PaymentEvent,
    p: Extract<Plan, { kind: 'refund' }>,
  ): Promise<void> {
    const { charge } = p;
    if (p.isFull && charge.metadata.giftId) await endGift(t, m, charge.metadata.giftId, 'refunded');
    if (p.ended) await applySubscription(t, m, event, p.ended);
    const member = await memberFor(
      m,
      charge.customer,
      charge.billing_details?.email ?? charge.receipt_email,
      { mayCreate: false },
    );
    if (member)
      await members.recordEvent(m, {
        memberId: member.id,
        type: 'refunded',
        data: {
          chargeId: charge.id,
          isFull: p.isFull,
          subscriptionId: p.ended?.snapshot.id ?? null,
          giftId: charge.metadata.giftId ?? null,
        },
        campaignId: charge.metadata.campaignId ?? null,
        amount: charge.amount_refunded,
        currency: charge.currency,
      });
  }

  async function applyDispute(
    t: PaymentsDb,
    m: SharedHandle,
    event: PaymentEvent,
    p: Extract<Plan, { kind: 'dispute' }>,
  ): Promise<void> {
    const { dispute, charge } = p;
    const member = await memberFor(
      m,
      charge.customer,
      charge.billing_details?.email ?? charge.receipt_email,
      { mayCreate: false },
    );
    const stored = await repo.dispute(t, dispute.id);
    const gift = charge.metadata.giftId ? await repo.gift(t, charge.metadata.giftId) : undefined;
    // A closed dispute never reopens; an older event never overwrites a newer one.
    const isNewer =
      !stored ||
      (!isClosedDispute(stored.status) &&
        (isClosedDispute(p.outcome) || event.created >= stored.stripe_updated_at));
    if (isNewer) {
      const at = now();
      await repo.saveDispute(t, stored, {
        id: dispute.id,
        charge_id: charge.id,
        member_id: member?.id ?? null,
        stripe_subscription_id: p.subscriptionId,
        gift_id: gift?.id ?? null,
        status: p.outcome,
        amount: dispute.amount,
        currency: dispute.currency,
        stripe_updated_at: Math.max(event.created, stored?.stripe_updated_at ?? 0),
        created_at: stored?.created_at ?? at,
        updated_at: at,
      });
      if (member && stored?.status !== p.outcome)
        await members.recordEvent(m, {
          memberId: member.id,
          type:
            p.outcome === 'open'
              ? 'dispute_opened'
              : p.outcome === 'won'
                ? 'dispute_won'
                : 'dispute_lost',
          data: { disputeId: dispute.id, chargeId: charge.id, subscriptionId: p.subscriptionId },
          amount: dispute.amount,
          currency: dispute.currency,
        });
      if (p.outcome === 'lost' && gift) await endGift(t, m, gift.id, 'dispute_lost');
    }
    if (p.ended) await applySubscription(t, m, event, p.ended);
    if (member) await access.reconcile(t, m, member.id);
  }

  return { applyRefund, applyDispute };
}
