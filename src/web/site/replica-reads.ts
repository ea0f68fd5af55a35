/**
 * Where a cached page's render reads (DATABASE_READ_URL): the read replica, except just after a
 * change. A replica lags its primary by a little; a page re-rendered from it right after the
 * change that dropped it could put the old content back in the cache (and at the CDN) for as
 * long as the page lives. So for `lagMs` after any change this process hears of (its own, or
 * another process's through the bus) every render reads the primary. Every page rather than
 * only the dropped ones: a change also reaches pages that were never cached (a new story's URL,
 * a list it now leads), which no invalidation names.
 */
export interface ReplicaReads {
  /** Runs a render's reads on the replica, or on the primary within `lagMs` of a change. */
  run: <T>(render: () => Promise<T>) => Promise<T>;
  /** A change was seen now (the page cache dropped pages). */
  noteChange: () => void;
}

/** The read side of the database, as the web layer needs it (platform/db's ReadSide). */
export interface ReplicaReadSide {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export interface ReplicaReadsOptions {
  readSide: ReplicaReadSide | undefined;
  /** DATABASE_READ_LAG_MS: how long after a change renders keep to the primary. */
  lagMs: number;
  /** Monotonic milliseconds (replication lag is real time, whatever the newsroom's clock says). */
  now?: () => number;
}

/** Without a replica every render reads the primary, as before. */
export function createReplicaReads(options: ReplicaReadsOptions): ReplicaReads {
  const { readSide, lagMs } = options;
  const now = options.now ?? (() => performance.now());
  if (!readSide) return { run: (render) => render(), noteChange: () => undefined };
  let lastChangeAt = Number.NEGATIVE_INFINITY;
  return {
    run: (render) => (now() - lastChangeAt < lagMs ? render() : readSide.run(render)),
    noteChange: () => {
      lastChangeAt = now();
    },
  };
}
