import { describe, expect, it } from 'vitest';
import { resolveByteRange } from './byte-range.js';

describe('resolveByteRange', () => {
  it('resolves open, closed and suffix ranges against the size', () => {
    expect(resolveByteRange({ start: 0 }, 100)).toEqual({ start: 0, end: 99 });
    expect(resolveByteRange({ start: 10, end: 19 }, 100)).toEqual({ start: 10, end: 19 });
    expect(resolveByteRange({ start: 90, end: 500 }, 100)).toEqual({ start: 90, end: 99 });
    expect(resolveByteRange({ suffix: 30 }, 100)).toEqual({ start: 70, end: 99 });
    expect(resolveByteRange({ suffix: 300 }, 100)).toEqual({ start: 0, end: 99 });
  });

  it('covers nothing past the end, backwards, or in an empty file', () => {
    expect(resolveByteRange({ start: 100 }, 100)).toBeUndefined();
    expect(resolveByteRange({ start: 20, end: 10 }, 100)).toBeUndefined();
    expect(resolveByteRange({ suffix: 0 }, 100)).toBeUndefined();
    expect(resolveByteRange({ suffix: 5 }, 0)).toBeUndefined();
  });
});
