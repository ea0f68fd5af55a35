/**
 * The plumbing that keeps the delivery engine's pool busy (docs/performance.md, "Newsletter
 * sending", changes 2 and 3), free of SQL and of mail: a feed that claims the next batch while
 * the current one's last messages are in flight, a writer that puts the lanes' concurrent steps
 * into one write, and a throttle for the per-email counts.
 */

/**
 * Hands out claimed work in order and asks for more (`refill`: the next batch, `null` when there
 * is none) as soon as fewer than `lowWater` items are left, so no lane waits at a batch boundary.
 * One refill at a time; a failed refill stops the feed and is thrown to every taker.
 */
export function createFeed<T>(options: {
  items?: readonly T[];
  refill?: () => Promise<readonly T[] | null>;
  lowWater: number;
}) {
  const queue: T[] = [...(options.items ?? [])];
  let refilling: Promise<void> | null = null;
  let isDry = options.refill === undefined;
  let failure: { error: unknown } | null = null;

  function refillSoon(): void {
    if (refilling || isDry || !options.refill) return;
    refilling = options
      .refill()
      .then(
        (items) => {
          if (items === null) isDry = true;
          else queue.push(...items);
        },
        (error: unknown) => {
          isDry = true;
          failure = { error };
        },
      )
      .finally(() => {
        refilling = null;
      });
  }

  function takeNow(): T | undefined {
    const item = queue.shift();
    if (queue.length < options.lowWater) refillSoon();
    return item;
  }

  return {
    /** The next item if one is ready now (never waits); starts a refill when running low. */
    takeNow,

    /** The next item, waiting for a refill under way; undefined once there is no more work. */
    async take(): Promise<T | undefined> {
      for (;;) {
        const item = takeNow();
        if (item !== undefined) return item;
        if (failure) throw failure.error;
        if (!refilling) return undefined;
        await refilling;
      }
    },

    /** No more refills (a stop or an error); what is already queued is still handed out. */
    stop(): void {
      isDry = true;
    },
  };
}

export type Feed<T> = ReturnType<typeof createFeed<T>>;

/**
 * Writes steps one write at a time; the steps that arrive while a write is under way go
 * together in the next one. Each caller waits for the write that holds its step, so nothing a
 * caller goes on to do runs ahead of its step being stored.
 *
 * The first write starts on the next turn of the event loop (setImmediate), not at once: the
 * answers a poll of the sockets brings in together (several connections' replies) then go in
 * one statement. With a synchronous driver (better-sqlite3) a write started at once would be
 * over before the next lane's answer is even read, so every answer was a statement of its own.
 */
export function createStepWriter<S, R>(write: (steps: S[]) => Promise<R>) {
  let waiting: Array<{ steps: S[]; resolve: (result: R) => void; reject: (e: unknown) => void }> =
    [];
  let isWriting = false;

  async function drain(): Promise<void> {
    isWriting = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        const result = await write(group.flatMap((g) => g.steps));
        for (const g of group) g.resolve(result);
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    isWriting = false;
  }

  return {
    /** Resolves with the result of the write that stored these steps. */
    submit(steps: S[]): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ steps, resolve, reject });
        if (!isWriting) {
          isWriting = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}

/**
 * Runs async work one piece at a time, in the order asked. The engine's statements that write
 * many of one worker's rows (hand-offs, lease renewals, skips) go through one of these: on
 * PostgreSQL two of them locking the same rows in different orders would deadlock.
 */
export function createSerial() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * Runs `task` per key at most once every `intervalMs` (by `now`), never twice at once for one
 * key; `settle` waits for the ones under way. Failures go to `onError`: a skipped refresh is
 * made up by the next one.
 */
export function createThrottle(options: {
  intervalMs: number;
  now: () => Date;
  task: (key: string) => Promise<void>;
  onError: (error: unknown, key: string) => void;
}) {
  const lastRun = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  return {
    poke(key: string): void {
      const at = options.now().getTime();
      const last = lastRun.get(key);
      if (running.has(key) || (last !== undefined && at - last < options.intervalMs)) return;
      lastRun.set(key, at);
      running.set(
        key,
        options
          .task(key)
          .catch((error: unknown) => options.onError(error, key))
          .finally(() => running.delete(key)),
      );
    },
    async settle(): Promise<void> {
      await Promise.all(running.values());
    },
  };
}
