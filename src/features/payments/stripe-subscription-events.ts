// Subscription events (customer.subscription.*) and invoices (invoice.paid,
// invoice.payment_failed): a subscription's state is stored when newer than the stored one and
// the member's access re-derived; an invoice is recorded in the member's history.
import type { PaymentEvent } from '../../platform/payments/index.js';
import { newId } from '../../platform/ids.js';
import type { Member, SharedHandle } from '../members/index.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { WebhookContext } from './stripe-webhook-context.js';
import type { Plan, SubscriptionPlan } from './stripe-webhook-plan.js';
import { isLiveStatus, supersedes } from './subscription-state.js';

export function createSubscriptionEvents(ctx: WebhookContext) {
  const { members, access, now, memberFor } = ctx;

  /** Stores a subscription state if it is newer than the stored one, then re-derives access. */
  async function applySubscription(
    t: PaymentsDb,
    m: SharedHandle,
    event: PaymentEvent,
    p: SubscriptionPlan,
  ): Promise<Member | undefined> {
    const { snapshot } = p;
    const stored = await repo.subscription(t, snapshot.id);
    // A state read from (or made through) the API after the event is at least as new as what
    // is stored, and a cancellation is as new as the moment it happened.
    const eventCreated = p.isFromApi
      ? Math.max(event.created, stored?.stripe_updated_at ?? 0, snapshot.canceledAt ?? 0)
      : event.created;
    const next = {
      eventCreated,
      status: snapshot.status,
      currentPeriodEnd: snapshot.currentPeriodEnd,
    };
    const storedVersion = stored && {
      eventCreated: stored.stripe_updated_at,
      status: stored.status,
      currentPeriodEnd: stored.current_period_end
        ? Math.floor(new Date(stored.current_period_end).getTime() / 1000)
        : 0,
    };
    const member = stored
      ? await members.byId(stored.member_id, m)
      : await memberFor(m, snapshot.customerId, p.email, {
          campaignId: p.campaignId,
          mayCreate: isLiveStatus(snapshot.status) || snapshot.status === 'incomplete',
        });
    if (!member) return undefined;
    if (!supersedes(next, storedVersion)) return member;
    const at = now();
    const tierId = p.tierId ?? stored?.tier_id ?? null;
    await repo.saveSubscription(t, stored, {
      id: stored?.id ?? newId(),
      member_id: member.id,
      stripe_subscription_id: snapshot.id,
      status: snapshot.status,
      tier_id: tierId,
      interval: snapshot.interval,
      amount: snapshot.amount,
      currency: snapshot.currency,
      current_period_end: new Date(snapshot.currentPeriodEnd * 1000).toISOString(),
      cancel_at_period_end: snapshot.isCancelAtPeriodEnd ? 1 : 0,
      stripe_updated_at: eventCreated,
      created_at: stored?.created_at ?? at,
      updated_at: at,
    });
    await access.reconcile(t, m, member.id);
    if (stored && isLiveStatus(stored.status) && !isLiveStatus(snapshot.status))
      await members.recordEvent(m, {
        memberId: member.id,
        type: 'cancelled',
        data: { subscriptionId: snapshot.id, status: snapshot.status },
        campaignId: snapshot.metadata.campaignId ?? null,
      });
    return member;
  }

  /** Records a paid or failed invoice in the member's history; access follows the subscription. */
  async function applyInvoice(
    m: SharedHandle,
    p: Extract<Plan, { kind: 'invoice' }>,
  ): Promise<void> {
    const { invoice } = p;
    const member = await memberFor(m, invoice.customer, invoice.customer_email, {
      mayCreate: p.isPaid,
    });
    if (!member) return;
    const campaignId =
      invoice.subscription_details?.metadata.campaignId ?? member.campaignId ?? null;
    await members.recordEvent(m, {
      memberId: member.id,
      type: !p.isPaid
        ? 'payment_failed'
        : invoice.billing_reason === 'subscription_create'
          ? 'paid'
          : 'renewed',
      data: { invoiceId: invoice.id, subscriptionId: invoice.subscription ?? null },
      campaignId,
      amount: p.isPaid ? invoice.amount_paid : invoice.amount_due,
      currency: invoice.currency,
    });
  }

  return { applySubscription, applyInvoice };
}

export type SubscriptionEvents = ReturnType<typeof createSubscriptionEvents>;
