import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { tooManyRequests } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { StaffAuthTables } from './staff-auth.table.js';

/**
 * How many failures each scope tolerates in its window. A lockout is simply "this many recent
 * failures": it ends by itself when the oldest one leaves the window. The client address is the
 * socket's (the app trusts X-Forwarded-For only behind a configured proxy), so a forged header
 * cannot reset it.
 */
export const authLimits = {
  /** Wrong passwords or codes for one account (key: normalised email). */
  account: { max: 5, windowMs: 15 * 60_000 },
  /** Wrong passwords or codes from one client address, across accounts. */
  ip: { max: 20, windowMs: 15 * 60_000 },
  /** Password-reset requests from one address (answered 429 past the limit). */
  'reset-ip': { max: 10, windowMs: 60 * 60_000 },
  /** Reset emails to one address (silently not sent past the limit: no mail bombing). */
  'reset-email': { max: 3, windowMs: 60 * 60_000 },
} as const;

export type AuthLimitScope = keyof typeof authLimits;

export function createAuthLimiter(deps: { db: Kysely<StaffAuthTables>; clock: Clock }) {
  const { db, clock } = deps;
  const limiter = {
    /** Seconds until the scope/key may try again, or undefined when it may now. */
    async retryAfter(scope: AuthLimitScope, key: string): Promise<number | undefined> {
      const { max, windowMs } = authLimits[scope];
      const now = clock.now().getTime();
      const rows = await db
        .selectFrom('auth_failures')
        .select('created_at')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('created_at', '>', new Date(now - windowMs).toISOString())
        .orderBy('created_at', 'desc')
        .limit(max)
        .execute();
      const oldestCounted = rows[max - 1];
      if (!oldestCounted) return undefined;
      return Math.max(1, Math.ceil((Date.parse(oldestCounted.created_at) + windowMs - now) / 1000));
    },

    /** Throws 429 (with Retry-After) if any of the scope/key pairs is locked out. */
    async assertAllowed(checks: ReadonlyArray<readonly [AuthLimitScope, string]>): Promise<void> {
      let wait = 0;
      for (const [scope, key] of checks)
        wait = Math.max(wait, (await limiter.retryAfter(scope, key)) ?? 0);
      if (wait > 0) throw tooManyRequests(wait);
    },

    async record(scope: AuthLimitScope, key: string): Promise<void> {
      const now = clock.now();
      await db
        .insertInto('auth_failures')
        .values({ id: newId(), scope, key: key.slice(0, 254), created_at: now.toISOString() })
        .execute();
      // Rows that left the window count for nothing: keep the table small.
      await db
        .deleteFrom('auth_failures')
        .where('scope', '=', scope)
        .where('key', '=', key.slice(0, 254))
        .where(
          'created_at',
          '<',
          new Date(now.getTime() - authLimits[scope].windowMs).toISOString(),
        )
        .execute();
    },

    async clear(scope: AuthLimitScope, key: string): Promise<void> {
      await db
        .deleteFrom('auth_failures')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
    },
  };
  return limiter;
}

export type AuthLimiter = ReturnType<typeof createAuthLimiter>;
