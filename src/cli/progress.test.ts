import { expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { createProgress, formatDuration } from './progress.js';

const captured = () => {
  const lines: string[] = [];
  const io = { err: (text: string) => lines.push(text), isInteractive: false } as unknown as CliIo;
  return { io, lines };
};

it('prints the rate and the time left from the average rate so far, then done', () => {
  const { io, lines } = captured();
  let t = 0;
  const bar = createProgress(io, 'articles', 100_000, () => t);
  t = 10_000;
  bar.update(10_000);
  t = 50_000;
  bar.update(50_000);
  bar.done();
  expect(lines).toEqual([
    'articles 10,000/100,000 (10 %, 1,000/s, ETA 1 min 30 s)\n',
    'articles 50,000/100,000 (50 %, 1,000/s, ETA 50 s)\n',
    'articles 100,000/100,000 (100 %, 2,000/s, done)\n',
  ]);
});

it('formats durations for a reader', () => {
  expect(formatDuration(42.4)).toBe('42 s');
  expect(formatDuration(185)).toBe('3 min 05 s');
  expect(formatDuration(3720)).toBe('1 h 02 min');
});
