import { expect, it } from 'vitest';
import { createProgress, formatDuration } from './progress.js';

const stderr = (isInteractive: boolean) => {
  const written: string[] = [];
  return { io: { err: (text: string) => written.push(text), isInteractive }, written };
};

it('in a log, prints a line every 10 % with the rate and the time left, then done', () => {
  const { io, written } = stderr(false);
  let t = 0;
  const progress = createProgress(io, { now: () => t });
  progress.update('articles', 0, 100_000);
  t = 10_000;
  progress.update('articles', 10_000, 100_000);
  t = 10_500;
  progress.update('articles', 10_500, 100_000); // the same 10 %: no line
  t = 50_000;
  progress.update('articles', 50_000, 100_000);
  t = 60_000;
  progress.update('articles', 100_000, 100_000);
  progress.finish();
  expect(written).toEqual([
    'articles 0/100,000 (0 %, 0/s)\n',
    'articles 10,000/100,000 (10 %, 1,000/s, ETA 1 min 30 s)\n',
    'articles 50,000/100,000 (50 %, 1,000/s, ETA 50 s)\n',
    'articles 100,000/100,000 (100 %, 1,667/s, done)\n',
  ]);
});

it('in a log, counts without a total every 10,000, and each step’s last count when it ends', () => {
  const { io, written } = stderr(false);
  const progress = createProgress(io, { now: () => 0 });
  for (const done of [200, 5_000, 10_199, 10_200, 12_000]) progress.update('posts', done);
  progress.update('media', 3);
  progress.finish();
  progress.finish(); // safe twice
  expect(written).toEqual(['posts: 200\n', 'posts: 10,200\n', 'posts: 12,000\n', 'media: 3\n']);
});

it('on a terminal, draws one line per step redrawn in place, at most every 100 ms, and keeps finished steps', () => {
  const { io, written } = stderr(true);
  let t = 0;
  const progress = createProgress(io, {
    labels: { posts: 'posts and pages', media: 'images' },
    beside: ['media'],
    now: () => t,
  });
  progress.update('reading', 10, 0);
  t = 10;
  progress.update('posts', 0, 1000);
  t = 10_010;
  progress.update('posts', 250, 1000);
  t = 10_060; // within 100 ms of the last draw: skipped, but shown when the step ends
  progress.update('media', 7);
  t = 20_010;
  progress.update('posts', 1000, 1000);
  progress.finish();
  expect(written).toEqual([
    '\rreading: 10\u001b[K',
    '\n',
    '\r[                    ] posts and pages 0/1,000 (0 %, 0/s)\u001b[K',
    '\r[#####               ] posts and pages 250/1,000 (25 %, 25/s, ETA 30 s)\u001b[K',
    '\r[####################] posts and pages 1,000/1,000 (100 %, 50/s, done) · images: 7\u001b[K',
    '\n',
  ]);
});

it('prints nothing when stderr is not a terminal and the command asked for silence', () => {
  const { io, written } = stderr(false);
  const progress = createProgress(io, { whenPiped: 'silent' });
  progress.update('posts', 5, 10);
  progress.finish();
  expect(written).toEqual([]);
});

it('formats durations for a reader', () => {
  expect(formatDuration(42.4)).toBe('42 s');
  expect(formatDuration(185)).toBe('3 min 05 s');
  expect(formatDuration(3720)).toBe('1 h 02 min');
});
