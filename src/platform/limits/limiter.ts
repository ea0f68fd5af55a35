import type { Clock } from '../clock.js';
import { AppError, tooManyRequests } from '../errors.js';
import type { AttemptStore } from './attempt-store.js';

/** At most `max` attempts per `windowMs`, counted per key. */
export interface LimitRule {
  readonly max: number;
  readonly windowMs: number;
}

/** One limit to pass: its name (the rule's, e.g. 'staff-sign-in-account'), rule and key. */
export interface LimitCheck {
  readonly name: string;
  readonly rule: LimitRule;
  readonly key: string;
}

/** Attempts counted by a `take`; give them back when the attempt turns out not to count. */
export interface Reservation {
  release(): Promise<void>;
}

/** The answer when the counters cannot be reached: refuse (fail closed), never run unlimited. */
export const limitsUnavailable = (cause?: unknown) =>
  new AppError({
    code: 'LIMITS_UNAVAILABLE',
    status: 503,
    message:
      'This is briefly unavailable: we cannot check attempt limits right now. Try again in a minute.',
    details: { retryAfter: 30 },
    cause,
  });

const storeKey = (check: LimitCheck) => `${check.name}:${check.key.slice(0, 254)}`;

/**
 * The one way every attempt limit is applied: reserve first, then do the work. `take` counts an
 * attempt under each check atomically in the store and throws 429 (Retry-After) when any window
 * is full — giving back what it had already counted for the others; `tryTake` answers false
 * instead of throwing (limits that are silent by design). Store failures become 503.
 */
export function createLimiter(deps: { store: AttemptStore; clock: Clock }) {
  const { store, clock } = deps;

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof AppError ? error : limitsUnavailable(error);
    }
  };

  async function attempt(
    checks: readonly LimitCheck[],
  ): Promise<{ reservation: Reservation; retryAfter?: number }> {
    const now = clock.now().getTime();
    const taken: Array<{ key: string; resetAt: number }> = [];
    const reservation: Reservation = {
      release: () =>
        guarded(async () => {
          for (const t of taken.splice(0)) await store.release(t);
        }),
    };
    for (const check of checks) {
      const key = storeKey(check);
      const result = await guarded(() =>
        store.take({ key, max: check.rule.max, windowMs: check.rule.windowMs, now }),
      );
      if (!result.isAllowed) {
        await reservation.release();
        return {
          reservation,
          retryAfter: Math.max(1, Math.ceil((result.resetAt - now) / 1000)),
        };
      }
      taken.push({ key, resetAt: result.resetAt });
    }
    return { reservation };
  }

  return {
    /** Counts one attempt under every check, or throws 429 with the longest wait. */
    async take(...checks: LimitCheck[]): Promise<Reservation> {
      const { reservation, retryAfter } = await attempt(checks);
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
      return reservation;
    },
    /** Like `take`, but answers undefined when a window is full (nothing is counted then). */
    async tryTake(...checks: LimitCheck[]): Promise<Reservation | undefined> {
      const { reservation, retryAfter } = await attempt(checks);
      return retryAfter === undefined ? reservation : undefined;
    },
    /** Forgets the key's count under that limit. */
    clear: (name: string, key: string): Promise<void> =>
      guarded(() => store.clear(storeKey({ name, key, rule: { max: 0, windowMs: 0 } }))),
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
