/**
 * Where attempt counters live: one counter per key, in a fixed window that starts with the
 * first attempt after the previous window ended. `take` is the whole decision in one atomic
 * step (reserve before the work), so no number of concurrent requests can count past `max`.
 */
export interface TakeResult {
  /** True when the attempt was counted (there was room); false when the window is full. */
  readonly isAllowed: boolean;
  /** When the current window ends (ms since the epoch). */
  readonly resetAt: number;
}

export interface AttemptStore {
  /** Counts one attempt for `key` if fewer than `max` were counted in the current window. */
  take(input: { key: string; max: number; windowMs: number; now: number }): Promise<TakeResult>;
  /** Gives one counted attempt back (the window that counted it only; never below zero). */
  release(input: { key: string; resetAt: number }): Promise<void>;
  /** Forgets the key (e.g. a successful sign-in ends an account's lockout count). */
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}
