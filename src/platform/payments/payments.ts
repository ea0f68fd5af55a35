import { z } from 'zod';

/** One line of a Checkout session, priced inline (no Stripe price objects to keep in sync). */
export interface CheckoutLineItem {
  /** Three-letter ISO currency code, lower case. */
  currency: string;
  /** Integer minor units (cents). */
  unitAmount: number;
  productName: string;
  /** Set for subscriptions: how often the amount is charged. */
  recurringInterval?: 'month' | 'year';
  quantity?: number;
}

export interface CheckoutSessionInput {
  mode: 'subscription' | 'payment';
  /** Prefills Checkout's email field; ignored when `customerId` is given. */
  customerEmail?: string;
  /** An existing customer (a returning member), so their subscriptions stay together. */
  customerId?: string;
  lineItems: CheckoutLineItem[];
  successUrl: string;
  cancelUrl: string;
  /** Copied onto the session and onto the subscription or payment it creates. */
  metadata: Record<string, string>;
}

export interface CheckoutSession {
  id: string;
  url: string;
}

/** A verified webhook event: its object is still untrusted shape-wise; parse it before use. */
export interface PaymentEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  data: { object: Record<string, unknown> };
}

/** The payments port: Stripe in production, `disabled` when no keys are configured. */
export interface Payments {
  readonly isEnabled: boolean;
  createCheckoutSession(input: CheckoutSessionInput): Promise<CheckoutSession>;
  createPortalSession(customerId: string, returnUrl: string): Promise<{ url: string }>;
  retrieveSubscription(id: string): Promise<SubscriptionSnapshot>;
  /**
   * Cancels a subscription at once (no more charges); the canceled subscription, or undefined
   * when Stripe has no such subscription. Throws 502 PAYMENTS_UNAVAILABLE when Stripe cannot be
   * reached.
   */
  cancelSubscription(id: string): Promise<SubscriptionSnapshot | undefined>;
  /** A charge as Stripe answers it (untrusted shape: parse before use). */
  retrieveCharge(id: string): Promise<Record<string, unknown>>;
  /** An invoice as Stripe answers it (untrusted shape: parse before use). */
  retrieveInvoice(id: string): Promise<Record<string, unknown>>;
  /** Checks the signature over the raw bytes; throws a 400 INVALID_SIGNATURE when it does not match. */
  verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): PaymentEvent;
}

const idOf = z
  .union([z.string(), z.object({ id: z.string() }).passthrough()])
  .transform((v) => (typeof v === 'string' ? v : v.id));

/** The fields of a Stripe subscription object we rely on (API version 2025-02-24.acacia). */
export const subscriptionSnapshotSchema = z
  .object({
    id: z.string(),
    customer: idOf,
    status: z.enum([
      'incomplete',
      'incomplete_expired',
      'trialing',
      'active',
      'past_due',
      'canceled',
      'unpaid',
      'paused',
    ]),
    current_period_end: z.number().int(),
    cancel_at_period_end: z.boolean().default(false),
    canceled_at: z.number().int().nullish(),
    metadata: z.record(z.string(), z.string()).default({}),
    items: z
      .object({
        data: z.array(
          z
            .object({
              price: z
                .object({
                  currency: z.string(),
                  unit_amount: z.number().int().nullable(),
                  recurring: z.object({ interval: z.string() }).passthrough().nullable(),
                })
                .passthrough(),
              quantity: z.number().int().optional(),
            })
            .passthrough(),
        ),
      })
      .passthrough(),
  })
  .passthrough()
  .transform((s) => {
    const item = s.items.data[0];
    return {
      id: s.id,
      customerId: s.customer,
      status: s.status,
      currentPeriodEnd: s.current_period_end,
      isCancelAtPeriodEnd: s.cancel_at_period_end,
      /** Unix seconds when it was cancelled, if it was. */
      canceledAt: s.canceled_at ?? null,
      metadata: s.metadata,
      amount: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
      currency: item?.price.currency ?? 'usd',
      interval: item?.price.recurring?.interval === 'year' ? 'year' : 'month',
    } as const;
  });

export type SubscriptionSnapshot = z.output<typeof subscriptionSnapshotSchema>;

/** Parses a raw subscription object (from a webhook or the API) into the snapshot we use. */
export const parseSubscription = (raw: unknown): SubscriptionSnapshot =>
  subscriptionSnapshotSchema.parse(raw);
