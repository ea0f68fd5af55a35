import { AppError } from '../errors.js';
import type { Payments } from './payments.js';

export const paymentsNotConfigured = () =>
  new AppError({
    code: 'PAYMENTS_NOT_CONFIGURED',
    status: 503,
    // Readers can meet this (a stale form): it says what is so, not what staff should do.
    message: 'Paid membership is not available at the moment',
  });

/** Without Stripe keys: every call answers 503 PAYMENTS_NOT_CONFIGURED; free membership still works. */
export function createDisabledPayments(): Payments {
  const refuse = (): never => {
    throw paymentsNotConfigured();
  };
  return {
    isEnabled: false,
    createCheckoutSession: () => Promise.reject(paymentsNotConfigured()),
    createPortalSession: () => Promise.reject(paymentsNotConfigured()),
    retrieveSubscription: () => Promise.reject(paymentsNotConfigured()),
    cancelSubscription: () => Promise.reject(paymentsNotConfigured()),
    retrieveCharge: () => Promise.reject(paymentsNotConfigured()),
    retrieveInvoice: () => Promise.reject(paymentsNotConfigured()),
    verifyWebhook: () => refuse(),
  };
}
