import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { tooManyRequests } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { MemberAuthTables } from './member-auth.table.js';

interface Window {
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Sign-in link limits. Requests from one client address are counted in `auth_failures` (shared
 * with staff sign-in, so the limits hold across processes and restarts) under their own scope;
 * links to one email address are counted from the tokens themselves. Past either limit the
 * answer is 429 with Retry-After. The per-email 429 reveals nothing about who is a member: a
 * link is sent to any address, known or not.
 */
export const memberAuthLimits = {
  /** Link requests from one client address: a burst, and a sustained rate. */
  ip: [
    { max: 10, windowMs: 60_000 },
    { max: 60, windowMs: 60 * 60_000 },
  ],
  /** Links sent to one email address (no mail bombing through our server). */
  email: [{ max: 3, windowMs: 10 * 60_000 }],
} as const satisfies Record<string, readonly Window[]>;

const ipScope = 'member-link-ip';

/** Seconds until the window has room again, given the newest-first times it counted. */
function waitFor(times: string[], window: Window, now: number): number {
  const oldestCounted = times[window.max - 1];
  if (!oldestCounted) return 0;
  return Math.max(1, Math.ceil((Date.parse(oldestCounted) + window.windowMs - now) / 1000));
}

export function createMemberAuthLimiter(deps: { db: Kysely<MemberAuthTables>; clock: Clock }) {
  const { db, clock } = deps;
  const longest = (windows: readonly Window[]) => Math.max(...windows.map((w) => w.windowMs));
  const maxCount = (windows: readonly Window[]) => Math.max(...windows.map((w) => w.max));

  const wait = (times: string[], windows: readonly Window[], now: number) =>
    Math.max(
      0,
      ...windows.map((w) =>
        waitFor(
          times.filter((t) => Date.parse(t) > now - w.windowMs),
          w,
          now,
        ),
      ),
    );

  return {
    /** Counts a link request from `ip`; throws 429 (Retry-After) when the address is over its limit. */
    async takeIp(ip: string): Promise<void> {
      const now = clock.now().getTime();
      const key = ip.slice(0, 254);
      const windows = memberAuthLimits.ip;
      const rows = await db
        .selectFrom('auth_failures')
        .select('created_at')
        .where('scope', '=', ipScope)
        .where('key', '=', key)
        .where('created_at', '>', new Date(now - longest(windows)).toISOString())
        .orderBy('created_at', 'desc')
        .limit(maxCount(windows))
        .execute();
      const seconds = wait(
        rows.map((r) => r.created_at),
        windows,
        now,
      );
      if (seconds > 0) throw tooManyRequests(seconds);
      await db
        .insertInto('auth_failures')
        .values({ id: newId(), scope: ipScope, key, created_at: new Date(now).toISOString() })
        .execute();
      // Rows that left the longest window count for nothing: keep the table small.
      await db
        .deleteFrom('auth_failures')
        .where('scope', '=', ipScope)
        .where('key', '=', key)
        .where('created_at', '<', new Date(now - longest(windows)).toISOString())
        .execute();
    },

    /** Throws 429 (Retry-After) when enough links went to this email address recently. */
    async assertEmailAllowed(email: string): Promise<void> {
      const now = clock.now().getTime();
      const windows = memberAuthLimits.email;
      const rows = await db
        .selectFrom('member_sign_in_tokens')
        .select('created_at')
        .where('email', '=', email)
        .where('created_at', '>', new Date(now - longest(windows)).toISOString())
        .orderBy('created_at', 'desc')
        .limit(maxCount(windows))
        .execute();
      const seconds = wait(
        rows.map((r) => r.created_at),
        windows,
        now,
      );
      if (seconds > 0) throw tooManyRequests(seconds);
    },
  };
}

export type MemberAuthLimiter = ReturnType<typeof createMemberAuthLimiter>;
