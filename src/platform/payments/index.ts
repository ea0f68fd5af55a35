export type {
  CheckoutLineItem,
  CheckoutSession,
  CheckoutSessionInput,
  PaymentEvent,
  Payments,
  SubscriptionSnapshot,
} from './payments.js';
export { parseSubscription, subscriptionSnapshotSchema } from './payments.js';
export { createDisabledPayments, paymentsNotConfigured } from './disabled-payments.js';
export { createStripePayments } from './stripe-payments.js';
