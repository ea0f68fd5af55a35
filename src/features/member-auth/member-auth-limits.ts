import type { LimitCheck, LimitRule } from '../../platform/limits/index.js';

/**
 * Sign-in (and email-change) link limits, reserved before the link is made or sent (see
 * src/platform/limits/), so a burst of concurrent requests cannot send one email past them.
 * Past either limit the answer is 429 with Retry-After. The per-email 429 reveals nothing about
 * who is a member: a link is sent to any address, known or not.
 */
export const memberAuthLimits = {
  /** Link requests from one client address: a burst… */
  'member-link-ip-minute': { max: 10, windowMs: 60_000 },
  /** …and a sustained rate. */
  'member-link-ip-hour': { max: 60, windowMs: 60 * 60_000 },
  /** Links sent to one email address (no mail bombing through our server). */
  'member-link-email': { max: 3, windowMs: 10 * 60_000 },
} as const satisfies Record<string, LimitRule>;

const check = (name: keyof typeof memberAuthLimits, key: string): LimitCheck => ({
  name,
  rule: memberAuthLimits[name],
  key,
});

export const clientChecks = (ip: string): LimitCheck[] => [
  check('member-link-ip-minute', ip),
  check('member-link-ip-hour', ip),
];
export const emailCheck = (email: string): LimitCheck => check('member-link-email', email);
