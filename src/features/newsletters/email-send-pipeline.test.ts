import { describe, expect, it } from 'vitest';
import { createStepWriter } from './email-send-pipeline.js';

describe('the step writer', () => {
  it('puts the steps submitted in one turn of the event loop in one write, even with a synchronous store', async () => {
    const writes: number[][] = [];
    // Like better-sqlite3: the write is over before it returns.
    const writer = createStepWriter((steps: number[]) => {
      writes.push(steps);
      return Promise.resolve(steps.length);
    });
    const first = [writer.submit([1]), writer.submit([2, 3]), writer.submit([4])];
    expect(writes).toEqual([]);
    expect(await Promise.all(first)).toEqual([4, 4, 4]);
    expect(await writer.submit([5])).toBe(1);
    expect(writes).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('groups the steps that arrive while a write is under way into the next one', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const writer = createStepWriter(async (steps: number[]) => {
      writes.push(steps);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return writes.length;
    });
    const first = writer.submit([1]);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [writer.submit([2]), writer.submit([3])];
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 2]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('rejects every caller of a write that failed, and writes on afterwards', async () => {
    let isFailing = true;
    const writer = createStepWriter((steps: number[]) =>
      isFailing ? Promise.reject(new Error('database gone')) : Promise.resolve(steps.length),
    );
    const failed = [writer.submit([1]), writer.submit([2])];
    await expect(failed[0]).rejects.toThrow('database gone');
    await expect(failed[1]).rejects.toThrow('database gone');
    isFailing = false;
    expect(await writer.submit([3])).toBe(1);
  });
});
