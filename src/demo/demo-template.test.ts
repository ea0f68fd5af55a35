import { describe, expect, it } from 'vitest';
import { createStoryContext, fill, withArticle } from './demo-template.js';
import { createRng } from './random.js';

const publishedAt = new Date('2025-03-04T09:00:00Z');

describe('fill', () => {
  it('keeps a slot value for the whole story', () => {
    const rng = createRng(1);
    const context = createStoryContext(rng, publishedAt);
    expect(fill('{city}', context, rng)).toBe(fill('{city}', context, rng));
  });

  it('introduces people in full once, then by surname', () => {
    const rng = createRng(2);
    const context = createStoryContext(rng, publishedAt);
    const first = fill('{expert,} said', context, rng);
    expect(first).toMatch(/^\S+ (\S+), an analyst at .+, said$/);
    const surname = /^\S+ (\S+),/.exec(first)?.[1];
    expect(fill('{expert} added', context, rng)).toBe(`${surname} added`);
  });

  it('names people in full in standalone text without counting a mention', () => {
    const rng = createRng(3);
    const context = createStoryContext(rng, publishedAt);
    expect(fill('{president}', context, rng, true)).toBe('President Tomas Radvan');
    expect(fill('{president} said', context, rng)).toBe('President Tomas Radvan said');
    expect(fill('{president} said', context, rng)).toBe('Radvan said');
  });

  it('capitalises {Key} and names the local weekday', () => {
    const rng = createRng(4);
    const context = createStoryContext(rng, publishedAt);
    expect(fill('{Parliament} met {day}.', context, rng)).toBe(
      'The National Assembly met on Tuesday.',
    );
  });

  it('draws independent numbers for suffixed keys', () => {
    const rng = createRng(5);
    const context = createStoryContext(rng, publishedAt);
    const values = new Set(['n', 'nb', 'nc', 'nd'].map((key) => fill(`{${key}}`, context, rng)));
    for (const value of values) expect(Number(value)).toBeGreaterThanOrEqual(2);
  });

  it('rejects unknown keys so template typos fail tests', () => {
    const rng = createRng(6);
    expect(() => fill('{nope}', createStoryContext(rng, publishedAt), rng)).toThrow(/nope/);
  });

  it('uses "an" before vowels', () => {
    expect(withArticle('electrician')).toBe('an electrician');
    expect(withArticle('teacher')).toBe('a teacher');
  });
});
