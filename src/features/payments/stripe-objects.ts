import { z } from 'zod';

/** The fields of Stripe objects the webhook uses (API version 2025-02-24.acacia). */
const idOf = z
  .union([z.string(), z.object({ id: z.string() }).passthrough()])
  .transform((v) => (typeof v === 'string' ? v : v.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});

export const checkoutSessionSchema = z
  .object({
    id: z.string(),
    mode: z.enum(['subscription', 'payment', 'setup']),
    customer: idOf.nullish(),
    subscription: idOf.nullish(),
    customer_email: z.string().nullish(),
    customer_details: z.object({ email: z.string().nullish() }).passthrough().nullish(),
    payment_status: z.string().nullish(),
    amount_total: z.number().int().nullish(),
    currency: z.string().nullish(),
    metadata,
  })
  .passthrough();

export const invoiceSchema = z
  .object({
    id: z.string(),
    customer: idOf.nullish(),
    customer_email: z.string().nullish(),
    subscription: idOf.nullish(),
    billing_reason: z.string().nullish(),
    amount_paid: z.number().int().default(0),
    amount_due: z.number().int().default(0),
    currency: z.string(),
    subscription_details: z.object({ metadata }).passthrough().nullish(),
  })
  .passthrough();

export const chargeSchema = z
  .object({
    id: z.string(),
    customer: idOf.nullish(),
    amount: z.number().int().default(0),
    amount_refunded: z.number().int().default(0),
    /** True once the whole charge is refunded. */
    refunded: z.boolean().default(false),
    invoice: idOf.nullish(),
    currency: z.string(),
    receipt_email: z.string().nullish(),
    billing_details: z.object({ email: z.string().nullish() }).passthrough().nullish(),
    metadata,
  })
  .passthrough();

export const disputeSchema = z
  .object({
    id: z.string(),
    charge: idOf,
    amount: z.number().int().default(0),
    currency: z.string().default('usd'),
    status: z.string(),
  })
  .passthrough();
