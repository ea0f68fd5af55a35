import type { LimitCheck, LimitRule } from '../../platform/limits/index.js';

/**
 * The staff-side attempt limits. Every one is reserved before the work it guards (see
 * src/platform/limits/): a burst of concurrent requests can never get more than `max` through.
 * The client address is the socket's (the app trusts X-Forwarded-For only behind a configured
 * proxy), so a forged header cannot reset a count. docs/security.md lists them all.
 */
export const authLimits = {
  /** Password or 2FA-code checks for one account (key: normalised email); success clears it. */
  'staff-sign-in-account': { max: 5, windowMs: 15 * 60_000 },
  /** Password or 2FA-code checks from one client address, across accounts; success gives back its own. */
  'staff-sign-in-ip': { max: 20, windowMs: 15 * 60_000 },
  /** Password-reset requests from one address (answered 429 past the limit). */
  'password-reset-ip': { max: 10, windowMs: 60 * 60_000 },
  /** Reset emails to one address (silently not sent past the limit: no mail bombing). */
  'password-reset-email': { max: 3, windowMs: 60 * 60_000 },
  /** Invitations sent by one staff account (answered 429 past the limit). */
  'invitation-sender': { max: 20, windowMs: 60 * 60_000 },
} as const satisfies Record<string, LimitRule>;

export type AuthLimitName = keyof typeof authLimits;

/** The check for one of the limits above and a key. */
export const authLimit = (name: AuthLimitName, key: string): LimitCheck => ({
  name,
  rule: authLimits[name],
  key,
});
