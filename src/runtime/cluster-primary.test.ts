import { expect, it } from 'vitest';
import { restartDelayMs } from './cluster-primary.js';

it('restarts a worker after 0.5 s, doubling with each quick death in a row, at most 30 s apart', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs)).toEqual([
    500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
  ]);
});
