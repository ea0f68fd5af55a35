import type Stripe from 'stripe';
import { AppError } from '../errors.js';
import { loadOnFirstUse } from '../load-on-first-use.js';
import { paymentsNotConfigured } from './disabled-payments.js';
import {
  parseSubscription,
  type CheckoutSessionInput,
  type PaymentEvent,
  type Payments,
} from './payments.js';

export interface StripePaymentsOptions {
  secretKey: string;
  /** whsec_…; without it webhooks are refused with 503 (Checkout still works). */
  webhookSecret: string | undefined;
  /** Where the API lives: Stripe by default, a local stand-in in tests. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Seconds a webhook timestamp may be off (Stripe's default: 300). */
  webhookTolerance?: number;
}

const unavailable = (cause: unknown) =>
  new AppError({
    code: 'PAYMENTS_UNAVAILABLE',
    status: 502,
    message: 'The payment provider did not answer; please try again in a moment',
    cause,
  });

/** The SDK (about 150 modules) is loaded when Stripe is configured, not by every start. */
const stripeSdk = loadOnFirstUse<typeof Stripe>('stripe');

/** Runs a Stripe call, turning its failures into a safe 502 (details stay in the log via `cause`). */
async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error);
  }
}

/** The payments port over the official Stripe SDK. */
export function createStripePayments(options: StripePaymentsOptions): Payments {
  const Sdk = stripeSdk();
  const stripe = new Sdk(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });

  return {
    isEnabled: true,

    async createCheckoutSession(input: CheckoutSessionInput) {
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: input.mode,
        line_items: input.lineItems.map((item) => ({
          quantity: item.quantity ?? 1,
          price_data: {
            currency: item.currency,
            unit_amount: item.unitAmount,
            product_data: { name: item.productName },
            ...(item.recurringInterval ? { recurring: { interval: item.recurringInterval } } : {}),
          },
        })),
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        metadata: input.metadata,
        ...(input.customerId
          ? { customer: input.customerId }
          : input.customerEmail
            ? { customer_email: input.customerEmail }
            : {}),
        ...(input.mode === 'subscription'
          ? { subscription_data: { metadata: input.metadata } }
          : { payment_intent_data: { metadata: input.metadata } }),
      };
      const session = await call(() => stripe.checkout.sessions.create(params));
      if (!session.url) throw unavailable(new Error('Checkout session without a URL'));
      return { id: session.id, url: session.url };
    },

    async createPortalSession(customerId, returnUrl) {
      const session = await call(() =>
        stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl }),
      );
      return { url: session.url };
    },

    async retrieveSubscription(id) {
      const subscription = await call(() => stripe.subscriptions.retrieve(id));
      return parseSubscription(subscription);
    },

    async cancelSubscription(id) {
      try {
        return parseSubscription(await stripe.subscriptions.cancel(id));
      } catch (error) {
        // Gone already (deleted in the dashboard, or another test mode): nothing left to charge.
        if (error instanceof Sdk.errors.StripeInvalidRequestError && error.statusCode === 404)
          return undefined;
        throw unavailable(error);
      }
    },

    async retrieveCharge(id) {
      const charge = await call(() => stripe.charges.retrieve(id));
      return charge as unknown as Record<string, unknown>;
    },

    async retrieveInvoice(id) {
      const invoice = await call(() => stripe.invoices.retrieve(id));
      return invoice as unknown as Record<string, unknown>;
    },

    verifyWebhook(rawBody, signatureHeader): PaymentEvent {
      if (!options.webhookSecret) throw paymentsNotConfigured();
      if (!signatureHeader)
        throw new AppError({
          code: 'INVALID_SIGNATURE',
          status: 400,
          message: 'stripe-signature: missing',
          problems: [{ field: 'stripe-signature', message: 'missing' }],
        });
      try {
        const event = stripe.webhooks.constructEvent(
          rawBody,
          signatureHeader,
          options.webhookSecret,
          options.webhookTolerance,
        );
        return event as unknown as PaymentEvent;
      } catch (error) {
        throw new AppError({
          code: 'INVALID_SIGNATURE',
          status: 400,
          message: 'stripe-signature: does not match the body',
          problems: [{ field: 'stripe-signature', message: 'does not match the body' }],
          cause: error,
        });
      }
    },
  };
}
