import type { CliIo } from './cli-io.js';

/** "42 s", "3 min 05 s", "1 h 02 min": how long is left, to a reader. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

/**
 * A progress bar on stderr with the rate and the time left (from the average rate so far). On a
 * terminal it redraws in place; elsewhere (CI, pipes) it prints a line every 10 %, so logs stay
 * short. `now` is injectable for tests.
 */
export function createProgress(
  io: CliIo,
  label: string,
  total: number,
  now: () => number = Date.now,
) {
  const started = now();
  let lastDecile = -1;
  const draw = (done: number) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left =
      done >= total ? ', done' : rate > 0 ? `, ETA ${formatDuration((total - done) / rate)}` : '';
    const text = `${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round(ratio * 100)} %, ${Math.round(rate).toLocaleString('en-US')}/s${left})`;
    if (io.isInteractive) {
      const width = 24;
      const filled = Math.round(ratio * width);
      // Clear to the end of the line: the ETA text can get shorter.
      io.err(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${text}\u001b[K`);
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        io.err(`${text}\n`);
      }
    }
  };
  return {
    update: draw,
    done(final = total) {
      draw(final);
      if (io.isInteractive) io.err('\n');
    },
  };
}
