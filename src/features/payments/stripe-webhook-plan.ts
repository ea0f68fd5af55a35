import type { z } from 'zod';
import { parseInput } from '../../platform/validation.js';
import {
  subscriptionSnapshotSchema,
  type PaymentEvent,
  type Payments,
  type SubscriptionSnapshot,
} from '../../platform/payments/index.js';
import type { TiersService } from '../tiers/index.js';
import {
  chargeSchema,
  checkoutSessionSchema,
  disputeSchema,
  invoiceSchema,
} from './stripe-objects.js';
import type { AttributePaid } from './stripe-webhook-context.js';
import { disputeOutcome } from './subscription-state.js';

export type Session = z.output<typeof checkoutSessionSchema>;
export type Charge = z.output<typeof chargeSchema>;

/**
 * How a Checkout session's payment stands: `paid` now (a card), `awaiting` a delayed method
 * (bank debit), or `failed` (the delayed payment did not go through).
 */
export type CheckoutPayment = 'paid' | 'awaiting' | 'failed';

/** A subscription state to store, and whether its member may be created from the event's email. */
export interface SubscriptionPlan {
  snapshot: SubscriptionSnapshot;
  tierId: string | null;
  campaignId: string | null;
  email: string | undefined;
  /**
   * Stored at least as new as what is stored: the snapshot was read from (or changed through)
   * the API after the event, so it is newer than anything already recorded.
   */
  isFromApi: boolean;
}

/** What an event asks for, worked out before the transaction (API calls, lookups). */
export type Plan =
  | ({ kind: 'subscription' } & SubscriptionPlan)
  | {
      kind: 'checkout';
      session: Session;
      payment: CheckoutPayment;
      /** Whether the payment method is a delayed one (its outcome arrives in a later event). */
      isDelayed: boolean;
      campaignId: string | null;
      email: string | undefined;
      /** What the session bought. */
      purchase:
        | ({
            kind: 'subscription';
            /** Writes the membership's `paid` conversion, for the event that grants it. */
            attribution: Awaited<ReturnType<AttributePaid>> | undefined;
          } & SubscriptionPlan)
        | { kind: 'gift'; giftId: string }
        | { kind: 'donation' };
    }
  | { kind: 'invoice'; invoice: z.output<typeof invoiceSchema>; isPaid: boolean }
  | {
      kind: 'refund';
      charge: Charge;
      isFull: boolean;
      /** The subscription the refunded payment paid for, as canceled through the API. */
      ended: SubscriptionPlan | undefined;
    }
  | {
      kind: 'dispute';
      dispute: z.output<typeof disputeSchema>;
      outcome: 'open' | 'won' | 'lost';
      charge: Charge;
      subscriptionId: string | null;
      /** After a lost dispute, the subscription canceled through the API. */
      ended: SubscriptionPlan | undefined;
    }
  | { kind: 'ignored' };

/** Stripe's objects are input like any other: parsed at the door, fields named under data.object. */
const parseObject = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> =>
  parseInput(schema, value, { prefix: 'data.object' });

/** Works out what each Stripe event asks for; the only part of webhook handling that calls Stripe. */
export function createWebhookPlanner(deps: {
  payments: Payments;
  tiers: TiersService;
  campaignExists: (id: string) => Promise<boolean>;
  attributePaid?: AttributePaid | undefined;
}) {
  const knownTier = async (id: string | undefined) =>
    id && (await deps.tiers.byId(id)) ? id : null;
  const knownCampaign = async (id: string | undefined) =>
    id && (await deps.campaignExists(id)) ? id : null;

  const fromApi = async (
    snapshot: SubscriptionSnapshot,
    fallbackTier?: string,
  ): Promise<SubscriptionPlan> => ({
    snapshot,
    tierId: await knownTier(snapshot.metadata.tierId ?? fallbackTier),
    campaignId: await knownCampaign(snapshot.metadata.campaignId),
    email: snapshot.metadata.memberEmail,
    isFromApi: true,
  });

  /** The subscription a charge paid for, through its invoice (none for one-off payments). */
  async function subscriptionOf(charge: Charge): Promise<string | null> {
    if (!charge.invoice) return null;
    const invoice = parseObject(invoiceSchema, await deps.payments.retrieveInvoice(charge.invoice));
    return invoice.subscription ?? null;
  }

  /** Cancels a subscription that is still running; its final state either way. */
  async function end(subscriptionId: string): Promise<SubscriptionPlan | undefined> {
    const current = await deps.payments.retrieveSubscription(subscriptionId);
    if (current.status === 'canceled' || current.status === 'incomplete_expired')
      return fromApi(current);
    const canceled = await deps.payments.cancelSubscription(subscriptionId);
    return canceled ? fromApi(canceled) : undefined;
  }

  async function checkout(event: PaymentEvent): Promise<Plan> {
    const session = parseObject(checkoutSessionSchema, event.data.object);
    const email =
      session.metadata.memberEmail ??
      session.customer_details?.email ??
      session.customer_email ??
      undefined;
    const campaignId = await knownCampaign(session.metadata.campaignId);
    const isDelayed =
      event.type !== 'checkout.session.completed' || session.payment_status === 'unpaid';
    const payment: CheckoutPayment =
      event.type === 'checkout.session.async_payment_failed'
        ? 'failed'
        : event.type === 'checkout.session.async_payment_succeeded' ||
            session.payment_status !== 'unpaid'
          ? 'paid'
          : 'awaiting';
    const base = { kind: 'checkout' as const, session, payment, isDelayed, campaignId, email };
    if (session.mode === 'subscription' && session.subscription) {
      // The subscription as it is now: newer than this event, so it is stored at this
      // event's time and any later subscription event still supersedes it.
      const snapshot = await deps.payments.retrieveSubscription(session.subscription);
      const tierId = await knownTier(snapshot.metadata.tierId ?? session.metadata.tierId);
      // Only a paid session can grant (and so count): its story is looked up now, outside the
      // transaction; whether this event is the one that grants is decided inside it.
      const attribution =
        payment === 'paid' && deps.attributePaid
          ? await deps.attributePaid({ fromStory: session.metadata.fromStory, campaignId })
          : undefined;
      return {
        ...base,
        purchase: {
          kind: 'subscription',
          snapshot,
          tierId,
          campaignId,
          email,
          isFromApi: false,
          attribution,
        },
      };
    }
    if (session.mode !== 'payment') return { kind: 'ignored' };
    if (session.metadata.kind === 'gift' && session.metadata.giftId)
      return { ...base, purchase: { kind: 'gift', giftId: session.metadata.giftId } };
    return { ...base, purchase: { kind: 'donation' } };
  }

  return async function plan(event: PaymentEvent): Promise<Plan> {
    const object = event.data.object;
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
        return checkout(event);
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
          isFromApi: false,
        };
      }
      case 'invoice.paid':
      case 'invoice.payment_failed':
        return {
          kind: 'invoice',
          invoice: parseObject(invoiceSchema, object),
          isPaid: event.type === 'invoice.paid',
        };
      case 'charge.refunded': {
        const charge = parseObject(chargeSchema, object);
        const isFull =
          charge.refunded || (charge.amount > 0 && charge.amount_refunded >= charge.amount);
        const subscriptionId = isFull ? await subscriptionOf(charge) : null;
        const ended = subscriptionId ? await end(subscriptionId) : undefined;
        return { kind: 'refund', charge, isFull, ended };
      }
      case 'charge.dispute.created':
      case 'charge.dispute.updated':
      case 'charge.dispute.closed': {
        const dispute = parseObject(disputeSchema, object);
        const outcome = disputeOutcome(dispute.status);
        const charge = parseObject(
          chargeSchema,
          await deps.payments.retrieveCharge(dispute.charge),
        );
        const subscriptionId = await subscriptionOf(charge);
        const ended = outcome === 'lost' && subscriptionId ? await end(subscriptionId) : undefined;
        return { kind: 'dispute', dispute, outcome, charge, subscriptionId, ended };
      }
      default:
        return { kind: 'ignored' };
    }
  };
}
