import Stripe from 'stripe';
import { createStripePayments, type Payments } from '../../src/platform/payments/index.js';

export const testWebhookSecret = 'whsec_test_masthead_stand_in';
export const testSecretKey = 'sk_test_masthead_stand_in';

const signer = new Stripe(testSecretKey);

/** A Stripe event in the documented envelope, with the given object. */
export function stripeEvent(
  id: string,
  type: string,
  created: number,
  object: Record<string, unknown>,
): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-02-24.acacia',
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
}

/** A genuine Stripe-Signature header for this payload (the SDK's own test signer). */
export const signatureFor = (payload: string, secret = testWebhookSecret): string =>
  signer.webhooks.generateTestHeaderString({ payload, secret });

/** The real Stripe adapter pointed at the local stand-in. */
export const paymentsFor = (standIn: { host: string; port: number }): Payments =>
  createStripePayments({
    secretKey: testSecretKey,
    webhookSecret: testWebhookSecret,
    host: standIn.host,
    port: standIn.port,
    protocol: 'http',
  });
