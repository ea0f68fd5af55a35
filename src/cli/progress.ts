import type { CliIo } from './cli-io.js';

/** "42 s", "3 min 05 s", "1 h 02 min": how long is left, to a reader. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

export interface ProgressOptions {
  /** How steps are shown: `{ posts: 'posts and pages' }`; otherwise the step's own name. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Steps with no line of their own: their count rides beside the current step's (images
   * found as the posts go by, while the posts have the bar).
   */
  beside?: readonly string[];
  /**
   * When stderr is not a terminal (CI, a pipe, a log): `log` prints a line every 10 % of a step
   * (every 10,000 for a count without a total) and each step's last state; `silent` prints
   * nothing, so a log holds the command's report alone. Default `log`.
   */
  whenPiped?: 'log' | 'silent';
  now?: () => number;
}

interface Step {
  name: string;
  started: number;
  done: number;
  total: number;
  lastDecile: number;
  lastLogged: number;
  /** Whether what is on screen is this state (so closing the step need not draw it again). */
  isShown: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The one progress display of every long command (imports, exports, the demo load, members,
 * media), on stderr. A command made of steps calls `update(step, done, total)` as it goes — a
 * total of 0 is a count without a bar or time left — and `finish()` at the end (also after a
 * failure: it is safe to call twice).
 *
 *     const progress = createProgress(io, { labels: { posts: 'posts and pages' } });
 *     await importer({ …, onProgress: progress.update });
 *     progress.finish();
 *
 * On a terminal each step is one line redrawn in place (at most every 100 ms) with a bar, the
 * rate and the time left from the step's average rate so far; a new step starts a new line, so
 * finished steps stay on screen as they ended. Elsewhere see `whenPiped`. `now` is injectable
 * for tests.
 */
export function createProgress(
  io: Pick<CliIo, 'err' | 'isInteractive'>,
  options: ProgressOptions = {},
) {
  const now = options.now ?? Date.now;
  const isTerminal = io.isInteractive;
  const isOn = isTerminal || options.whenPiped !== 'silent';
  const beside = new Set(options.beside ?? []);
  const asides = new Map<string, number>();
  let current: Step | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;

  const labelOf = (step: string) => options.labels?.[step] ?? step;

  const text = (step: Step): string => {
    const aside = [...asides].map(([name, n]) => ` · ${labelOf(name)}: ${count(n)}`).join('');
    if (step.total <= 0) return `${labelOf(step.name)}: ${count(step.done)}${aside}`;
    const ratio = Math.min(1, step.done / step.total);
    const elapsed = (now() - step.started) / 1000;
    const rate = elapsed > 0 ? step.done / elapsed : 0;
    const left =
      step.done >= step.total
        ? ', done'
        : rate > 0
          ? `, ETA ${formatDuration((step.total - step.done) / rate)}`
          : '';
    return `${labelOf(step.name)} ${count(step.done)}/${count(step.total)} (${Math.round(ratio * 100)} %, ${count(Math.round(rate))}/s${left})${aside}`;
  };

  const bar = (step: Step): string => {
    if (step.total <= 0) return '';
    const width = 20;
    const filled = Math.round(Math.min(1, step.done / step.total) * width);
    return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] `;
  };

  /** Shows the step's state: redrawn on a terminal, a line in a log (when `isDue`). */
  const show = (step: Step, isForced: boolean): void => {
    if (isTerminal) {
      const at = now();
      const isComplete = step.total > 0 && step.done >= step.total;
      if (!isForced && !isComplete && at - lastDraw < 100) {
        step.isShown = false;
        return;
      }
      lastDraw = at;
      // Clear to the end of the line: the text can get shorter.
      io.err(`\r${bar(step)}${text(step)}\u001b[K`);
      step.isShown = true;
      return;
    }
    const decile = step.total > 0 ? Math.floor(Math.min(1, step.done / step.total) * 10) : -1;
    const isDue =
      step.total > 0
        ? decile !== step.lastDecile
        : step.lastLogged < 0 || step.done - step.lastLogged >= 10_000;
    if (!isForced && !isDue) {
      step.isShown = false;
      return;
    }
    step.lastDecile = decile;
    step.lastLogged = step.done;
    io.err(`${text(step)}\n`);
    step.isShown = true;
  };

  /** Ends the current step's line, showing its last state if that was not shown yet. */
  const close = (): void => {
    if (!current) return;
    if (!current.isShown) show(current, true);
    if (isTerminal) io.err('\n');
    current = undefined;
    asides.clear();
  };

  return {
    update: (step: string, done: number, total = 0): void => {
      if (!isOn) return;
      if (beside.has(step)) {
        asides.set(step, done);
        if (current && isTerminal) show(current, false);
        return;
      }
      if (current?.name !== step) {
        close();
        current = {
          name: step,
          started: now(),
          done,
          total,
          lastDecile: -1,
          lastLogged: -1,
          isShown: false,
        };
        show(current, true);
        return;
      }
      current.done = done;
      current.total = total;
      show(current, false);
    },
    /** Ends the last line (the command's own output follows on a clean line). */
    finish: (): void => {
      if (isOn) close();
    },
  };
}
export type Progress = ReturnType<typeof createProgress>;
