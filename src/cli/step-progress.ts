import type { CliIo } from './cli-io.js';
import { formatDuration } from './progress.js';

/**
 * One progress line on stderr for a command made of long steps (an import: reading the file,
 * posts and pages, images), redrawn in place with the rate and the time left. Only on a
 * terminal: piped or in CI it prints nothing, so logs and `--report` runs hold the report alone.
 *
 *     const progress = createStepProgress(io, { labels: { posts: 'posts and pages' } });
 *     importer({ …, onProgress: progress.update }); // (step, done, total) — total 0: unknown
 *     progress.finish();                             // ends the line before the report
 *
 * A step's total of 0 shows a count without a bar or ETA (images found as the posts go by).
 * Redraws are at most every 100 ms whatever the rate of updates; `now` is injectable for tests.
 */
export function createStepProgress(
  io: Pick<CliIo, 'err' | 'isInteractive'>,
  options: {
    labels?: Readonly<Record<string, string>>;
    /** Quiet even on a terminal. */
    isQuiet?: boolean;
    now?: () => number;
  } = {},
) {
  const now = options.now ?? Date.now;
  const isOn = io.isInteractive && options.isQuiet !== true;
  let current: { step: string; started: number } | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let isLineOpen = false;

  const line = (step: string, done: number, total: number, started: number): string => {
    const label = options.labels?.[step] ?? step;
    const count = (n: number) => n.toLocaleString('en-US');
    if (total <= 0) return `${label}: ${count(done)}`;
    const ratio = Math.min(1, done / total);
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left =
      done >= total ? '' : rate > 0 ? `, ETA ${formatDuration((total - done) / rate)}` : '';
    const width = 20;
    const filled = Math.round(ratio * width);
    const bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
    return `${bar} ${label} ${count(done)}/${count(total)} (${Math.round(ratio * 100)} %${left})`;
  };

  return {
    update(step: string, done: number, total: number): void {
      if (!isOn) return;
      if (current?.step !== step) {
        current = { step, started: now() };
        lastDraw = Number.NEGATIVE_INFINITY;
      }
      const at = now();
      if (at - lastDraw < 100 && !(total > 0 && done >= total)) return;
      lastDraw = at;
      io.err(`\r${line(step, done, total, current.started)}\u001b[K`);
      isLineOpen = true;
    },
    /** Clears the line (the report follows on a clean terminal). */
    finish(): void {
      if (isLineOpen) io.err('\r\u001b[K');
      isLineOpen = false;
    },
  };
}
export type StepProgress = ReturnType<typeof createStepProgress>;
