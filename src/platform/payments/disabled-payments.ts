import { AppError } from '../errors.js';
import type { Payments } from './payments.js';

export const paymentsNotConfigured = () =>
  new AppError({
    code: 'PAYMENTS_NOT_CONFIGURED',
    status: 503,
    message: 'Paid membership is not set up yet',
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
    verifyWebhook: () => refuse(),
  };
}
