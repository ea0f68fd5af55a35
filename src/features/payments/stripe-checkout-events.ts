// Checkout events (checkout.session.completed, async_payment_succeeded/failed): a delayed
// payment is recorded once and grants only when it moves to paid; a subscription, a donation or
// a gift is granted once paid.
import type { PaymentEvent } from '../../platform/payments/index.js';
import type { SharedHandle } from '../members/index.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { AfterCommit, WebhookContext } from './stripe-webhook-context.js';
import type { Plan } from './stripe-webhook-plan.js';
import type { SubscriptionEvents } from './stripe-subscription-events.js';

export function createCheckoutEvents(ctx: WebhookContext, subscriptions: SubscriptionEvents) {
  const { deps, members, access, now, memberFor } = ctx;
  const { applySubscription } = subscriptions;

  async function applyCheckout(
    t: PaymentsDb,
    m: SharedHandle,
    event: PaymentEvent,
    p: Extract<Plan, { kind: 'checkout' }>,
  ): Promise<AfterCommit> {
    const { session, purchase } = p;
    // A delayed payment is recorded once; its outcome (paid, failed) is final, so a late
    // `completed` after the outcome changes nothing. Only the event that moves it to paid grants.
    let isGranted = !p.isDelayed;
    let isFailed = false;
    let isNewlyAwaiting = false;
    if (p.isDelayed) {
      const at = now();
      const isInserted = await repo.insertCheckoutPayment(t, {
        session_id: session.id,
        kind: session.metadata.kind ?? purchase.kind,
        status: 'awaiting',
        stripe_subscription_id: purchase.kind === 'subscription' ? purchase.snapshot.id : null,
        gift_id: purchase.kind === 'gift' ? purchase.giftId : null,
        email: p.email ?? null,
        notified_at: null,
        created_at: at,
        updated_at: at,
      });
      isNewlyAwaiting = isInserted && p.payment === 'awaiting';
      if (p.payment !== 'awaiting') {
        const isMoved = await repo.moveCheckoutPayment(
          t,
          session.id,
          { status: ['awaiting'] },
          { status: p.payment, updated_at: at },
        );
        isGranted = isMoved && p.payment === 'paid';
        isFailed = isMoved && p.payment === 'failed';
      }
    }
    const member =
      purchase.kind === 'subscription'
        ? await applySubscription(t, m, event, purchase)
        : purchase.kind === 'donation' && p.payment !== 'failed'
          ? await memberFor(m, session.customer, p.email, { campaignId: p.campaignId })
          : p.email
            ? await memberFor(m, session.customer, p.email, { mayCreate: false })
            : undefined;
    if (member && (isNewlyAwaiting || isFailed))
      await members.recordEvent(m, {
        memberId: member.id,
        type: isFailed ? 'payment_failed' : 'payment_pending',
        data: { checkoutSessionId: session.id, kind: purchase.kind },
        campaignId: p.campaignId,
        amount: session.amount_total ?? null,
        currency: session.currency ?? null,
      });
    if (purchase.kind === 'subscription' && member) await access.reconcile(t, m, member.id);
    if (!isGranted) return { failedSessionId: isFailed ? session.id : undefined };
    // The membership is paid: one `paid` conversion, with the story and drive it came from. A
    // redelivered event is claimed already, and a delayed payment grants only once.
    if (purchase.kind === 'subscription' && member) await purchase.attribution?.(m);
    if (purchase.kind === 'donation') {
      if (member)
        await members.recordEvent(m, {
          memberId: member.id,
          type: 'donated',
          data: { checkoutSessionId: session.id },
          campaignId: p.campaignId,
          amount: session.amount_total ?? null,
          currency: session.currency ?? null,
        });
      return {};
    }
    if (purchase.kind === 'gift') {
      const gift = await deps.gifts.markPaid(t, purchase.giftId);
      if (!gift) return {};
      const buyer = await memberFor(m, session.customer, gift.buyerEmail);
      if (buyer)
        await members.recordEvent(m, {
          memberId: buyer.id,
          type: 'gift_purchased',
          data: { giftId: gift.id, months: gift.months, recipientEmail: gift.recipientEmail },
          campaignId: session.metadata.campaignId ?? null,
          amount: gift.amount,
          currency: gift.currency,
        });
      return { giftId: gift.id };
    }
    return {};
  }

  return { applyCheckout };
}
