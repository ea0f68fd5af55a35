/** Stripe API objects in the shapes Stripe documents, for the stand-in and the tests. */

/** A Stripe subscription object in the documented shape (API version 2025-02-24.acacia). */
export function stripeSubscription(input: {
  id: string;
  customer: string;
  status: string;
  currentPeriodEnd: number;
  amount: number;
  currency?: string;
  interval?: 'month' | 'year';
  metadata?: Record<string, string>;
}): Record<string, unknown> & { id: string } {
  return {
    id: input.id,
    object: 'subscription',
    customer: input.customer,
    status: input.status,
    current_period_start: input.currentPeriodEnd - 30 * 86_400,
    current_period_end: input.currentPeriodEnd,
    cancel_at_period_end: false,
    metadata: input.metadata ?? {},
    items: {
      object: 'list',
      data: [
        {
          id: `si_${input.id}`,
          object: 'subscription_item',
          quantity: 1,
          price: {
            id: `price_${input.id}`,
            object: 'price',
            currency: input.currency ?? 'usd',
            unit_amount: input.amount,
            recurring: { interval: input.interval ?? 'month', interval_count: 1 },
          },
        },
      ],
    },
    livemode: false,
  };
}

/** A Stripe charge object (API version 2025-02-24.acacia): `invoice` for a subscription's payment. */
export function stripeCharge(input: {
  id: string;
  customer: string | null;
  amount: number;
  amountRefunded?: number;
  invoice?: string | null;
  email?: string;
  metadata?: Record<string, string>;
}): Record<string, unknown> & { id: string } {
  const refunded = input.amountRefunded ?? 0;
  return {
    id: input.id,
    object: 'charge',
    amount: input.amount,
    amount_refunded: refunded,
    refunded: refunded >= input.amount,
    currency: 'usd',
    customer: input.customer,
    invoice: input.invoice ?? null,
    payment_intent: `pi_${input.id}`,
    billing_details: { email: input.email ?? null },
    receipt_email: input.email ?? null,
    metadata: input.metadata ?? {},
    paid: true,
    status: 'succeeded',
    livemode: false,
  };
}

/** A Stripe invoice object, tying a payment to its subscription. */
export function stripeInvoice(input: {
  id: string;
  customer: string;
  subscription: string | null;
  amount: number;
}): Record<string, unknown> & { id: string } {
  return {
    id: input.id,
    object: 'invoice',
    customer: input.customer,
    subscription: input.subscription,
    billing_reason: 'subscription_cycle',
    amount_paid: input.amount,
    amount_due: input.amount,
    currency: 'usd',
    status: 'paid',
    livemode: false,
  };
}

/** A Stripe dispute object: `status` as Stripe reports it (needs_response, won, lost…). */
export function stripeDispute(input: {
  id: string;
  charge: string;
  amount: number;
  status: string;
}): Record<string, unknown> & { id: string } {
  return {
    id: input.id,
    object: 'dispute',
    charge: input.charge,
    payment_intent: `pi_${input.charge}`,
    amount: input.amount,
    currency: 'usd',
    status: input.status,
    reason: 'fraudulent',
    livemode: false,
  };
}

/** A Checkout session object as Stripe sends it in checkout.session.* events. */
export function stripeCheckoutSession(input: {
  id: string;
  mode: 'subscription' | 'payment';
  paymentStatus: 'paid' | 'unpaid';
  customer: string | null;
  email: string;
  amount: number;
  subscription?: string;
  metadata: Record<string, string>;
}): Record<string, unknown> & { id: string } {
  return {
    id: input.id,
    object: 'checkout.session',
    mode: input.mode,
    status: 'complete',
    payment_status: input.paymentStatus,
    customer: input.customer,
    customer_details: { email: input.email },
    amount_total: input.amount,
    currency: 'usd',
    metadata: input.metadata,
    ...(input.subscription
      ? { subscription: input.subscription }
      : { payment_intent: `pi_${input.id}` }),
    livemode: false,
  };
}
