import { z } from 'zod';

/**
 * Every machine code an API error can carry: the server throws only these (AppError's `code` is
 * typed by this list), the OpenAPI document enumerates them, and the admin switches on them
 * instead of on HTTP statuses. Adding a code is adding it here; removing one breaks the build
 * wherever it is still thrown or handled.
 */
export const errorCodes = [
  // Input and request shape
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'INVALID_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'FILE_TOO_LARGE',
  'INVALID_IMAGE',
  'UNSAFE_URL',
  // Who may do what
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'INVALID_CREDENTIALS',
  'INVALID_TWO_FACTOR_CODE',
  'TWO_FACTOR_EXPIRED',
  'LINK_INVALID',
  'INVALID_SIGNATURE',
  'RATE_LIMITED',
  // The thing asked for
  'NOT_FOUND',
  'MOVED_PERMANENTLY',
  'CONFLICT',
  'PUBLISHED',
  'INVALID_STATUS',
  'MEMBER_EXISTS',
  'NOT_COMPED',
  'NO_DEMO',
  // Payments
  'PAYMENTS_NOT_CONFIGURED',
  'MAIL_NOT_CONFIGURED',
  'PAYMENTS_UNAVAILABLE',
  'NO_BILLING_ACCOUNT',
  'GIFT_ALREADY_REDEEMED',
  'GIFT_REFUNDED',
  'GIFT_ON_HOLD',
  'SUBSCRIPTION_NOT_CANCELLED',
  // Something the request needs is not answering (retry later)
  'UNAVAILABLE',
  'LIMITS_UNAVAILABLE',
  'OUTBOUND_TIMEOUT',
  'OUTBOUND_FAILED',
  'STORAGE_FULL',
  'STORAGE_NOT_WRITABLE',
  // A bug on our side, logged
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorCodeSchema = z.enum(errorCodes);
