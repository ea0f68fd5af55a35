import type { Logger } from '../logger.js';

export interface Job {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
}

/**
 * Runs background jobs in this process: each once at start, then every `intervalMs`, never two
 * runs of the same job at once. Jobs must be safe to run in several processes at the same time
 * (they claim their work with compare-and-set updates), so scaling out needs no leader.
 */
export function createJobRunner(options: { jobs: readonly Job[]; logger: Logger }) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  let isStopped = false;

  const tick = (job: Job) => {
    if (isStopped || running.has(job.name)) return;
    const run = job
      .run()
      .then(() => undefined)
      .catch((error: unknown) =>
        options.logger.error({ err: error, job: job.name }, 'background job failed'),
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };

  return {
    start(): void {
      for (const job of options.jobs) {
        tick(job);
        const timer = setInterval(() => tick(job), job.intervalMs);
        timer.unref();
        timers.push(timer);
      }
    },
    /** Stops scheduling and waits for runs in progress. */
    async stop(): Promise<void> {
      isStopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
    /** Runs every job once now and waits (tests, CLI). */
    async runAllOnce(): Promise<void> {
      for (const job of options.jobs) tick(job);
      await Promise.all(running.values());
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
