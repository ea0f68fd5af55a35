import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng('masthead');
    const b = createRng('masthead');
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(
      Array.from({ length: 20 }, () => b.next()),
    );
  });

  it('gives different sequences for different seeds, including 1 and "1"', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
    expect(createRng(1).next()).not.toBe(createRng('1').next());
  });

  it('keeps int within its inclusive bounds and reaches both ends', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let index = 0; index < 2000; index++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const rng = createRng(9);
    const items = Array.from({ length: 30 }, (_, index) => index);
    expect(rng.shuffle(items).sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items, 100)).toHaveLength(30);
  });

  it('forks independent but reproducible generators', () => {
    expect(createRng(5).fork('a').next()).toBe(createRng(5).fork('a').next());
    expect(createRng(5).fork('a').next()).not.toBe(createRng(5).fork('b').next());
  });

  it('chance(0) never and chance(1) always succeeds', () => {
    const rng = createRng(3);
    for (let index = 0; index < 100; index++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });
});
