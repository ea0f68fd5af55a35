import type { CliIo } from './cli-io.js';

/**
 * A progress bar on stderr. On a terminal it redraws in place; elsewhere (CI, pipes) it prints a
 * line every 10 %, so logs stay short.
 */
export function createProgress(io: CliIo, label: string, total: number) {
  const started = Date.now();
  let lastDecile = -1;
  const draw = (done: number) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? Math.round(done / elapsed) : 0;
    const text = `${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round(ratio * 100)} %, ${rate.toLocaleString('en-US')}/s)`;
    if (io.isInteractive) {
      const width = 24;
      const filled = Math.round(ratio * width);
      io.err(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${text}`);
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
