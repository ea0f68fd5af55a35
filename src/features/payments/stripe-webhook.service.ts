import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { zodValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  subscriptionSnapshotSchema,
  type PaymentEvent,
  type Payments,
  type SubscriptionSnapshot,
} from '../../platform/payments/index.js';
import type { EventsTables } from '../events/index.js';
import type { Member, MembersService, MembersTables } from '../members/index.js';
import type { TiersService } from '../tiers/index.js';
import type { GiftsService } from './gifts.service.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { PaymentsTables } from './payments.table.js';
import { chargeSchema, checkoutSessionSchema, invoiceSchema } from './stripe-objects.js';
import { accessFromSubscription, isLiveStatus, supersedes } from './subscription-state.js';

type Db = Kysely<PaymentsTables & MembersTables & EventsTables>;
type MembersDb = Kysely<MembersTables & EventsTables>;
type Session = z.output<typeof checkoutSessionSchema>;

/** What an event asks for, worked out before the transaction (API calls, lookups on `db`). */
type Plan =
  | {
      kind: 'subscription';
      snapshot: SubscriptionSnapshot;
      tierId: string | null;
      campaignId: string | null;
      email: string | undefined;
    }
  | { kind: 'donation'; session: Session; campaignId: string | null; email: string | undefined }
  | { kind: 'gift'; session: Session; giftId: string }
  | { kind: 'invoice'; invoice: z.output<typeof invoiceSchema>; isPaid: boolean }
  | { kind: 'refund'; charge: z.output<typeof chargeSchema> }
  | { kind: 'ignored' };

function parseObject<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw zodValidationError(parsed.error, { prefix: 'data.object' });
}

/**
 * Stripe webhooks: verified on the raw body, recorded once by event id in the same transaction
 * as their effect (a repeated or concurrent delivery changes nothing), and applied so that any
 * delivery order ends in the same member state.
 */
export function createStripeWebhookService(deps: {
  db: Db;
  clock: Clock;
  payments: Payments;
  members: MembersService;
  tiers: TiersService;
  gifts: GiftsService;
  campaignExists: (id: string) => Promise<boolean>;
}) {
  const { members, clock } = deps;

  const knownTier = async (id: string | undefined) =>
    id && (await deps.tiers.byId(id)) ? id : null;
  const knownCampaign = async (id: string | undefined) =>
    id && (await deps.campaignExists(id)) ? id : null;

  async function plan(event: PaymentEvent): Promise<Plan> {
    const object = event.data.object;
    switch (event.type) {
      case 'checkout.session.completed': {
        const session = parseObject(checkoutSessionSchema, object);
        const email =
          session.metadata.memberEmail ??
          session.customer_details?.email ??
          session.customer_email ??
          undefined;
        const campaignId = await knownCampaign(session.metadata.campaignId);
        if (session.mode === 'subscription' && session.subscription) {
          // The subscription as it is now: newer than this event, so it is stored at this
          // event's time and any later subscription event still supersedes it.
          const snapshot = await deps.payments.retrieveSubscription(session.subscription);
          const tierId = await knownTier(snapshot.metadata.tierId ?? session.metadata.tierId);
          return { kind: 'subscription', snapshot, tierId, campaignId, email };
        }
        if (session.mode !== 'payment' || session.payment_status === 'unpaid')
          return { kind: 'ignored' };
        if (session.metadata.kind === 'gift' && session.metadata.giftId)
          return { kind: 'gift', session, giftId: session.metadata.giftId };
        return { kind: 'donation', session, campaignId, email };
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const snapshot = parseObject(subscriptionSnapshotSchema, object);
        return {
          kind: 'subscription',
          snapshot,
          tierId: await knownTier(snapshot.metadata.tierId),
          campaignId: await knownCampaign(snapshot.metadata.campaignId),
          email: snapshot.metadata.memberEmail,
        };
      }
      case 'invoice.paid':
      case 'invoice.payment_failed':
        return {
          kind: 'invoice',
          invoice: parseObject(invoiceSchema, object),
          isPaid: event.type === 'invoice.paid',
        };
      case 'charge.refunded':
        return { kind: 'refund', charge: parseObject(chargeSchema, object) };
      default:
        return { kind: 'ignored' };
    }
  }

  /** The member a payment belongs to: by Stripe customer, else by email (created and linked). */
  async function memberFor(
    m: MembersDb,
    customerId: string | null | undefined,
    email: string | null | undefined,
    campaignId: string | null = null,
  ): Promise<Member | undefined> {
    const linked = customerId ? await members.byStripeCustomer(customerId, m) : undefined;
    if (linked) return linked;
    if (!email) return undefined;
    const { member } = await members.findOrCreate({ email, campaignId }, m);
    if (customerId && !member.stripeCustomerId) {
      await members.setStripeCustomer(m, member.id, customerId);
      return { ...member, stripeCustomerId: customerId };
    }
    return member;
  }

  async function applySubscription(
    t: PaymentsDb,
    m: MembersDb,
    event: PaymentEvent,
    p: Extract<Plan, { kind: 'subscription' }>,
  ): Promise<void> {
    const { snapshot } = p;
    const stored = await repo.subscription(t, snapshot.id);
    const next = {
      eventCreated: event.created,
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
    const member = await memberFor(m, snapshot.customerId, p.email, p.campaignId);
    if (!member) return;
    if (!supersedes(next, storedVersion)) return;
    const at = clock.now().toISOString();
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
      stripe_updated_at: event.created,
      created_at: stored?.created_at ?? at,
      updated_at: at,
    });
    const access = accessFromSubscription({
      member,
      subscription: {
        status: snapshot.status,
        tierId,
        currentPeriodEnd: snapshot.currentPeriodEnd,
      },
      hasOtherLiveSubscription: isLiveStatus(snapshot.status)
        ? false
        : await repo.hasOtherLiveSubscription(t, member.id, snapshot.id),
    });
    if (access) await members.setAccess(m, member.id, access);
    if (stored && isLiveStatus(stored.status) && !isLiveStatus(snapshot.status))
      await members.recordEvent(m, {
        memberId: member.id,
        type: 'cancelled',
        data: { subscriptionId: snapshot.id, status: snapshot.status },
        campaignId: snapshot.metadata.campaignId ?? null,
      });
  }

  /** Applies one event inside its transaction; returns a gift whose email is due after commit. */
  async function apply(trx: Db, event: PaymentEvent, p: Plan): Promise<string | undefined> {
    const t = narrow(trx).to<PaymentsTables & MembersTables>();
    const m = narrow(trx).to<MembersTables & EventsTables>();
    switch (p.kind) {
      case 'subscription':
        await applySubscription(t, m, event, p);
        return undefined;
      case 'donation': {
        const member = await memberFor(m, p.session.customer, p.email, p.campaignId);
        if (member)
          await members.recordEvent(m, {
            memberId: member.id,
            type: 'donated',
            data: { checkoutSessionId: p.session.id },
            campaignId: p.campaignId,
            amount: p.session.amount_total ?? null,
            currency: p.session.currency ?? null,
          });
        return undefined;
      }
      case 'gift': {
        const gift = await deps.gifts.markPaid(t, p.giftId);
        if (!gift) return undefined;
        const buyer = await memberFor(m, p.session.customer, gift.buyerEmail);
        if (buyer)
          await members.recordEvent(m, {
            memberId: buyer.id,
            type: 'gift_purchased',
            data: { giftId: gift.id, months: gift.months, recipientEmail: gift.recipientEmail },
            campaignId: p.session.metadata.campaignId ?? null,
            amount: gift.amount,
            currency: gift.currency,
          });
        return gift.id;
      }
      case 'invoice': {
        const { invoice } = p;
        const member = await memberFor(m, invoice.customer, invoice.customer_email);
        if (!member) return undefined;
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
        return undefined;
      }
      case 'refund': {
        const { charge } = p;
        if (charge.metadata.giftId)
          await repo.moveGift(t, charge.metadata.giftId, ['pending_payment', 'paid', 'sent'], {
            status: 'refunded',
            updated_at: clock.now().toISOString(),
          });
        const member = await memberFor(
          m,
          charge.customer,
          charge.billing_details?.email ?? charge.receipt_email,
        );
        if (member)
          await members.recordEvent(m, {
            memberId: member.id,
            type: 'refunded',
            data: { chargeId: charge.id },
            campaignId: charge.metadata.campaignId ?? null,
            amount: charge.amount_refunded,
            currency: charge.currency,
          });
        return undefined;
      }
      case 'ignored':
        return undefined;
    }
  }

  return {
    /**
     * Verifies and applies one delivery. A bad signature is a 400; an event already recorded
     * is answered as received with no effect (except retrying a gift email that failed).
     */
    async handleWebhook(
      rawBody: Buffer | string,
      signature: string | undefined,
    ): Promise<{ isDuplicate: boolean; type: string }> {
      const event = deps.payments.verifyWebhook(rawBody, signature);
      const work = await plan(event);
      const result = await deps.db.transaction().execute(async (trx) => {
        const t = narrow(trx).to<PaymentsTables & MembersTables>();
        const at = clock.now().toISOString();
        if (!(await repo.claimEvent(t, event, at))) return { isDuplicate: true, giftId: undefined };
        const giftId = await apply(trx, event, work);
        await repo.markProcessed(t, event.id, at);
        return { isDuplicate: false, giftId };
      });
      const giftId = result.giftId ?? (work.kind === 'gift' ? work.giftId : undefined);
      if (giftId) await deps.gifts.sendIfPaid(giftId);
      return { isDuplicate: result.isDuplicate, type: event.type };
    },
  };
}

export type StripeWebhookService = ReturnType<typeof createStripeWebhookService>;
