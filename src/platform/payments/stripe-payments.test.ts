import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentsFor, signatureFor, stripeEvent } from '../../../test/helpers/stripe-events.js';
import {
  startStripeStandIn,
  stripeCharge,
  stripeInvoice,
  stripeSubscription,
  type StripeStandIn,
} from '../../../test/helpers/stripe-stand-in.js';
import { isAppError } from '../errors.js';
import { createDisabledPayments } from './disabled-payments.js';
import type { Payments } from './payments.js';

describe('Stripe payments adapter (official SDK against the local stand-in)', () => {
  let standIn: StripeStandIn;
  let payments: Payments;
  beforeAll(async () => {
    standIn = await startStripeStandIn();
    payments = paymentsFor(standIn);
  });
  afterAll(() => standIn.close());

  it('creates a subscription Checkout session on the stand-in with inline prices and metadata', async () => {
    const session = await payments.createCheckoutSession({
      mode: 'subscription',
      customerEmail: 'reader@example.org',
      lineItems: [
        { currency: 'usd', unitAmount: 500, productName: 'Supporter', recurringInterval: 'month' },
      ],
      successUrl: 'http://localhost:3000/membership/thanks/',
      cancelUrl: 'http://localhost:3000/membership/',
      metadata: { kind: 'subscription', tierId: 't1', campaignId: 'c1' },
    });
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const sent = standIn.requests.at(-1)!;
    expect(sent.path).toBe('/v1/checkout/sessions');
    expect(sent.authorization).toBe('Bearer sk_test_masthead_stand_in');
    expect(sent.form).toMatchObject({
      mode: 'subscription',
      customer_email: 'reader@example.org',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '500',
      'line_items[0][price_data][recurring][interval]': 'month',
      'line_items[0][price_data][product_data][name]': 'Supporter',
      'metadata[kind]': 'subscription',
      'metadata[tierId]': 't1',
      'metadata[campaignId]': 'c1',
      'subscription_data[metadata][tierId]': 't1',
    });
  });

  it('opens a billing portal session and reads a subscription from the stand-in', async () => {
    expect((await payments.createPortalSession('cus_1', 'http://x/account/')).url).toMatch(
      /^https:\/\/billing\.stripe\.com\//,
    );
    standIn.setSubscription(
      stripeSubscription({
        id: 'sub_1',
        customer: 'cus_1',
        status: 'active',
        currentPeriodEnd: 1_800_000_000,
        amount: 1500,
        interval: 'year',
        metadata: { tierId: 't2' },
      }),
    );
    expect(await payments.retrieveSubscription('sub_1')).toMatchObject({
      id: 'sub_1',
      customerId: 'cus_1',
      status: 'active',
      amount: 1500,
      interval: 'year',
      metadata: { tierId: 't2' },
    });
  });

  it('cancels a subscription on the stand-in (gone: undefined) and reads charges and invoices', async () => {
    standIn.setSubscription(
      stripeSubscription({
        id: 'sub_cancel',
        customer: 'cus_1',
        status: 'active',
        currentPeriodEnd: 1_800_000_000,
        amount: 500,
      }),
    );
    expect(await payments.cancelSubscription('sub_cancel')).toMatchObject({
      id: 'sub_cancel',
      status: 'canceled',
    });
    expect(standIn.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v1/subscriptions/sub_cancel',
    });
    expect(await payments.cancelSubscription('sub_missing')).toBeUndefined();
    standIn.setCharge(
      stripeCharge({ id: 'ch_1', customer: 'cus_1', amount: 500, invoice: 'in_1' }),
    );
    standIn.setInvoice(
      stripeInvoice({ id: 'in_1', customer: 'cus_1', subscription: 'sub_cancel', amount: 500 }),
    );
    expect(await payments.retrieveCharge('ch_1')).toMatchObject({ id: 'ch_1', invoice: 'in_1' });
    expect(await payments.retrieveInvoice('in_1')).toMatchObject({ subscription: 'sub_cancel' });
    standIn.setUnavailable(true);
    await expect(payments.cancelSubscription('sub_cancel')).rejects.toMatchObject({
      status: 502,
      code: 'PAYMENTS_UNAVAILABLE',
    });
    standIn.setUnavailable(false);
  });

  it('verifies genuinely signed webhooks and refuses a bad signature with 400', () => {
    const payload = stripeEvent('evt_1', 'invoice.paid', 1_700_000_000, { id: 'in_1' });
    expect(payments.verifyWebhook(payload, signatureFor(payload)).id).toBe('evt_1');
    for (const signature of [signatureFor(payload, 'whsec_other'), undefined, 't=1,v1=00']) {
      try {
        payments.verifyWebhook(payload, signature);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.status).toBe(400);
        expect(isAppError(error) && error.code).toBe('INVALID_SIGNATURE');
      }
    }
    // A changed body with the original signature fails too.
    expect(() =>
      payments.verifyWebhook(payload.replace('in_1', 'in_2'), signatureFor(payload)),
    ).toThrow();
  });

  it('without keys, every call is a clear 503', async () => {
    const disabled = createDisabledPayments();
    expect(disabled.isEnabled).toBe(false);
    await expect(disabled.cancelSubscription('sub')).rejects.toMatchObject({ status: 503 });
    await expect(disabled.createPortalSession('cus', 'x')).rejects.toMatchObject({
      status: 503,
      code: 'PAYMENTS_NOT_CONFIGURED',
      message: 'Paid membership is not available at the moment',
    });
  });
});
