import { z } from 'zod';
import { AppError, validationError } from '../../platform/errors.js';
import {
  paymentsNotConfigured,
  type CheckoutLineItem,
  type Payments,
} from '../../platform/payments/index.js';
import { memberEmailSchema, type MembersService } from '../members/index.js';
import { giftPriceOf, priceOf, type Tier, type TiersService } from '../tiers/index.js';
import type { GiftsService } from './gifts.service.js';

const id = z.string().trim().min(1, 'must not be empty').max(64);
const amount = z
  .number()
  .int('must be a whole number of minor units (cents)')
  .min(100, 'must be at least 1.00')
  .max(100_000_000, 'is too large');
const optionalEmail = memberEmailSchema.optional();

export const checkoutInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('subscription'),
    tierId: id,
    interval: z.enum(['month', 'year']),
    email: optionalEmail,
  }),
  /** "Choose your amount": a monthly subscription of at least the tier's minimum. */
  z.strictObject({
    kind: z.literal('amount'),
    amount,
    tierId: id.optional(),
    email: optionalEmail,
  }),
  z.strictObject({ kind: z.literal('donation'), amount, email: optionalEmail }),
  z.strictObject({
    kind: z.literal('gift'),
    tierId: id,
    months: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
    recipientEmail: memberEmailSchema,
    recipientName: z.string().trim().max(120).default(''),
    message: z.string().trim().max(1000).default(''),
    buyerEmail: memberEmailSchema,
  }),
]);
/** What a checkout form may ask for, before parsing (the reader forms build it from their fields). */
export type CheckoutInput = z.input<typeof checkoutInputSchema>;
/** A checkout request parsed at the front door (`checkoutInputSchema`). */
type CheckoutRequest = z.output<typeof checkoutInputSchema>;

/** A story path from the form's hidden field (`/<slug>/`), else undefined: never refused. */
const storyPathOf = (value: string | undefined): string | undefined =>
  value && /^\/[^/\s\\]/.test(value) && value.length <= 300 ? value : undefined;

const noSuchTier = (field = 'tierId') =>
  validationError([{ field, message: 'no paid tier on sale has this id' }]);

/** Starts Stripe Checkout for a membership, a donation or a gift, and the billing portal. */
export function createCheckoutService(deps: {
  payments: Payments;
  tiers: TiersService;
  members: MembersService;
  gifts: GiftsService;
  publicUrl: string;
  /** Whether a membership drive with this id exists (stale campaign links are dropped, not refused). */
  campaignExists: (id: string) => Promise<boolean>;
}) {
  const { payments, publicUrl } = deps;
  const successUrl = `${publicUrl}/membership/thanks/?session_id={CHECKOUT_SESSION_ID}`;

  async function paidTier(tierId: string | undefined): Promise<Tier> {
    const tiers = await deps.tiers.list({ activeOnly: true });
    const tier = tierId
      ? tiers.find((t) => t.id === tierId)
      : tiers.find((t) => !t.isFree && t.minimumAmount !== null);
    if (!tier || tier.isFree) throw noSuchTier();
    return tier;
  }

  return {
    isEnabled: payments.isEnabled,

    /**
     * A Checkout URL to send the reader to; metadata ties the payment back to its purpose, the
     * drive and, for a membership, the last story the reader read (`fromStory`, a site path).
     */
    async startCheckout(
      value: CheckoutRequest,
      options: { campaignId?: string | undefined; fromStory?: string | undefined } = {},
    ): Promise<string> {
      if (!payments.isEnabled) throw paymentsNotConfigured();
      const campaignId =
        options.campaignId && (await deps.campaignExists(options.campaignId))
          ? options.campaignId
          : undefined;
      const email = value.kind === 'gift' ? value.buyerEmail : value.email;
      const known = email ? await deps.members.byEmail(email) : undefined;
      const metadata: Record<string, string> = { kind: value.kind };
      if (campaignId) metadata.campaignId = campaignId;
      if (email) metadata.memberEmail = email;
      const fromStory = storyPathOf(options.fromStory);
      if (fromStory && (value.kind === 'subscription' || value.kind === 'amount'))
        metadata.fromStory = fromStory;

      let mode: 'subscription' | 'payment' = 'subscription';
      let line: CheckoutLineItem;
      let cancelPath = '/membership/';
      if (value.kind === 'subscription') {
        const tier = await paidTier(value.tierId);
        const price = priceOf(tier, value.interval);
        if (price === undefined)
          throw validationError([
            { field: 'interval', message: `this tier has no ${value.interval}ly price` },
          ]);
        metadata.tierId = tier.id;
        line = {
          currency: tier.currency,
          unitAmount: price,
          productName: `${tier.name} membership`,
          recurringInterval: value.interval,
        };
      } else if (value.kind === 'amount') {
        const tier = await paidTier(value.tierId);
        if (tier.minimumAmount === null)
          throw validationError([{ field: 'tierId', message: 'this tier has fixed prices' }]);
        if (value.amount < tier.minimumAmount)
          throw validationError([
            {
              field: 'amount',
              message: `must be at least ${(tier.minimumAmount / 100).toFixed(2)} a month`,
            },
          ]);
        metadata.tierId = tier.id;
        line = {
          currency: tier.currency,
          unitAmount: value.amount,
          productName: `${tier.name} membership (your amount)`,
          recurringInterval: 'month',
        };
      } else if (value.kind === 'donation') {
        mode = 'payment';
        const currency = (await deps.tiers.list({ activeOnly: true })).find(
          (t) => !t.isFree,
        )?.currency;
        line = { currency: currency ?? 'usd', unitAmount: value.amount, productName: 'Donation' };
      } else {
        mode = 'payment';
        cancelPath = '/membership/gift/';
        const tier = await paidTier(value.tierId);
        const price = giftPriceOf(tier, value.months);
        if (price === undefined)
          throw validationError([{ field: 'tierId', message: 'this tier cannot be given' }]);
        const giftId = await deps.gifts.createPending({
          buyerEmail: value.buyerEmail,
          recipientEmail: value.recipientEmail,
          recipientName: value.recipientName,
          message: value.message,
          tierId: tier.id,
          months: value.months,
          amount: price,
          currency: tier.currency,
          campaignId: campaignId ?? null,
        });
        metadata.tierId = tier.id;
        metadata.giftId = giftId;
        line = {
          currency: tier.currency,
          unitAmount: price,
          productName: `Gift: ${tier.name}, ${value.months} month${value.months === 1 ? '' : 's'}`,
        };
      }
      const session = await payments.createCheckoutSession({
        mode,
        ...(known?.stripeCustomerId
          ? { customerId: known.stripeCustomerId }
          : email
            ? { customerEmail: email }
            : {}),
        lineItems: [line],
        successUrl,
        cancelUrl: `${publicUrl}${cancelPath}`,
        metadata,
      });
      if (metadata.giftId) await deps.gifts.attachCheckoutSession(metadata.giftId, session.id);
      return session.url;
    },

    /** Stripe's billing portal for a member who has paid before (change card, cancel, invoices). */
    async billingPortalUrl(memberId: string): Promise<string> {
      if (!payments.isEnabled) throw paymentsNotConfigured();
      const member = await deps.members.byId(memberId);
      if (!member?.stripeCustomerId)
        throw new AppError({
          code: 'NO_BILLING_ACCOUNT',
          status: 404,
          message: 'There are no payments to manage for this account',
        });
      return (await payments.createPortalSession(member.stripeCustomerId, `${publicUrl}/account/`))
        .url;
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
