import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import type { Mailer } from '../../platform/mail/index.js';
import { tellPaymentFailed } from './payment-failed-mail.js';
import type { PaymentEvent, Payments } from '../../platform/payments/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Member, MembersService, SharedHandle } from '../members/index.js';
import type { TiersService } from '../tiers/index.js';
import type { GiftsService } from './gifts.service.js';
import { createMemberAccess } from './member-access.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { PaymentsTables } from './payments.table.js';
import { createWebhookPlanner, type Plan, type SubscriptionPlan } from './stripe-webhook-plan.js';
import { isClosedDispute, isLiveStatus, supersedes } from './subscription-state.js';

type Db = Kysely<PaymentsTables & EventsTables>;

/** Work due after the transaction commits: a gift's email, or telling a reader a payment failed. */
interface AfterCommit {
  giftId?: string | undefined;
  failedSessionId?: string | undefined;
}

/**
 * Stripe webhooks: verified on the raw body, recorded once by event id in the same transaction
 * as their effect (a repeated or concurrent delivery changes nothing), and applied so that any
 * delivery order ends in the same member state: what an event changes is stored (subscription,
 * dispute, delayed payment), and the member's access is then derived from everything stored.
 */
export function createStripeWebhookService(deps: {
  db: Db;
  clock: Clock;
  payments: Payments;
  members: MembersService;
  /** Opens the transactions whose member events are announced after commit. */
  events: Pick<EventsService, 'withTransaction'>;
  tiers: TiersService;
  gifts: GiftsService;
  mailer: Mailer;
  publicUrl: string;
  campaignExists: (id: string) => Promise<boolean>;
}) {
  const { members, clock } = deps;
  const plan = createWebhookPlanner(deps);
  const access = createMemberAccess({ members, clock });
  const now = () => clock.now().toISOString();

  /**
   * The member a payment belongs to: by Stripe customer, else by email — created and linked
   * only when `mayCreate` (an event that grants something), so an event about a deleted
   * member's ended subscription never brings them back.
   */
  async function memberFor(
    m: SharedHandle,
    customerId: string | null | undefined,
    email: string | null | undefined,
    options: { campaignId?: string | null; mayCreate?: boolean } = {},
  ): Promise<Member | undefined> {
    const linked = customerId ? await members.byStripeCustomer(customerId, m) : undefined;
    if (linked) return linked;
    if (!email) return undefined;
    let member: Member | undefined;
    if (options.mayCreate ?? true)
      member = (await members.findOrCreate({ email, campaignId: options.campaignId ?? null }, m))
        .member;
    else member = await members.byEmail(email, m);
    if (member && customerId && !member.stripeCustomerId) {
      await members.setStripeCustomer(m, member.id, customerId);
      return { ...member, stripeCustomerId: customerId };
    }
    return member;
  }

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

  /** Applies one event inside its transaction; returns what is due after commit. */
  async function apply(trx: Db, event: PaymentEvent, p: Plan): Promise<AfterCommit> {
    const t = narrow(trx).to<PaymentsTables>();
    const m = narrow(trx).to<EventsTables>();
    switch (p.kind) {
      case 'subscription':
        await applySubscription(t, m, event, p);
        return {};
      case 'checkout':
        return applyCheckout(t, m, event, p);
      case 'invoice': {
        const { invoice } = p;
        const member = await memberFor(m, invoice.customer, invoice.customer_email, {
          mayCreate: p.isPaid,
        });
        if (!member) return {};
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
        return {};
      }
      case 'refund': {
        const { charge } = p;
        if (p.isFull && charge.metadata.giftId)
          await endGift(t, m, charge.metadata.giftId, 'refunded');
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
        return {};
      }
      case 'dispute':
        await applyDispute(t, m, event, p);
        return {};
      case 'ignored':
        return {};
    }
  }

  return {
    /**
     * Verifies and applies one delivery. A bad signature is a 400; an event already recorded
     * is answered as received with no effect (except retrying an email that failed).
     */
    async handleWebhook(
      rawBody: Buffer | string,
      signature: string | undefined,
    ): Promise<{ isDuplicate: boolean; type: string }> {
      const event = deps.payments.verifyWebhook(rawBody, signature);
      const work = await plan(event);
      const result = await deps.events.withTransaction(deps.db, async (trx) => {
        const t = narrow(trx).to<PaymentsTables>();
        const at = now();
        const nothing: AfterCommit = {};
        if (!(await repo.claimEvent(t, event, at))) return { isDuplicate: true, after: nothing };
        const after = await apply(trx, event, work);
        await repo.markProcessed(t, event.id, at);
        return { isDuplicate: false, after };
      });
      const purchase = work.kind === 'checkout' ? work.purchase : undefined;
      const giftId =
        result.after.giftId ??
        (purchase?.kind === 'gift' && work.kind === 'checkout' && work.payment === 'paid'
          ? purchase.giftId
          : undefined);
      if (giftId) await deps.gifts.sendIfPaid(giftId);
      if (work.kind === 'checkout' && work.payment === 'failed')
        await tellPaymentFailed(deps, work.session.id);
      return { isDuplicate: result.isDuplicate, type: event.type };
    },
  };
}

export type StripeWebhookService = ReturnType<typeof createStripeWebhookService>;
