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
