import { expect, it } from 'vitest';
import { createStepProgress } from './step-progress.js';

const terminal = (isInteractive: boolean) => {
  const written: string[] = [];
  return { io: { err: (text: string) => written.push(text), isInteractive }, written };
};

it('draws one line per step with the time left, redrawn in place, and clears it at the end', () => {
  const { io, written } = terminal(true);
  let t = 0;
  const progress = createStepProgress(io, { labels: { posts: 'posts and pages' }, now: () => t });
  progress.update('posts', 0, 1000);
  t = 10_000;
  progress.update('posts', 250, 1000);
  t = 10_050; // within 100 ms of the last draw: skipped
  progress.update('posts', 251, 1000);
  t = 20_000;
  progress.update('media', 7, 0); // a total not known: a count
  progress.finish();
  expect(written).toEqual([
    '\r[                    ] posts and pages 0/1,000 (0 %)\u001b[K',
    '\r[#####               ] posts and pages 250/1,000 (25 %, ETA 30 s)\u001b[K',
    '\rmedia: 7\u001b[K',
    '\r\u001b[K',
  ]);
});

it('prints nothing when stderr is not a terminal, or when asked to be quiet', () => {
  for (const [isInteractive, isQuiet] of [
    [false, false],
    [true, true],
  ] as const) {
    const { io, written } = terminal(isInteractive);
    const progress = createStepProgress(io, { isQuiet });
    progress.update('posts', 5, 10);
    progress.finish();
    expect(written).toEqual([]);
  }
});
