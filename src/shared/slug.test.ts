import { describe, expect, it } from 'vitest';
import { canBeSlug, pickFreeSlug, slugify, slugProblem } from './slug.js';

describe('slugify', () => {
  it('lower-cases, joins words with hyphens and drops apostrophes', () => {
    expect(slugify("Shelling hits Velmora's power plant — again!")).toBe(
      'shelling-hits-velmoras-power-plant-again',
    );
  });
  it('keeps letters of any script, with their combining marks', () => {
    expect(slugify('Київ вночі')).toBe('київ-вночі');
    expect(slugify('हिन्दी समाचार')).toBe('हिन्दी-समाचार');
  });
  it('strips invisible and bidi-control characters so look-alikes collide', () => {
    expect(slugify('war\u200b-\u202ereport\u2066')).toBe(slugify('war-report'));
    expect(slugify('ﬁeld report')).toBe('field-report');
  });
  it('caps the length without a trailing hyphen', () => {
    expect(slugify('word '.repeat(60), 20)).toBe('word-word-word-word');
  });
});

describe('slugProblem', () => {
  it('refuses the site’s own paths and empty slugs', () => {
    for (const reserved of [
      'admin',
      'api',
      'news',
      'author',
      'tag',
      'search',
      'rss',
      'membership',
      'account',
    ]) {
      expect(slugProblem(reserved)).toMatch(/reserved/);
    }
    expect(slugProblem('')).toMatch(/at least one/);
    expect(slugProblem('front-line-diary')).toBeUndefined();
  });
});

describe('pickFreeSlug', () => {
  it('adds the first free numeric suffix', async () => {
    const taken = new Set(['report', 'report-2']);
    expect(await pickFreeSlug('report', (s) => Promise.resolve(taken.has(s)))).toBe('report-3');
    expect(await pickFreeSlug('other', (s) => Promise.resolve(taken.has(s)))).toBe('other');
  });
});

describe('canBeSlug', () => {
  it('turns away what no stored slug can be, before any query: empty, overlong, control characters', () => {
    expect(canBeSlug('ceasefire-talks')).toBe(true);
    expect(canBeSlug('συνέντευξη')).toBe(true);
    expect(canBeSlug('a'.repeat(200))).toBe(true);
    expect(canBeSlug('')).toBe(false);
    expect(canBeSlug('a'.repeat(201))).toBe(false);
    expect(canBeSlug('before\u0000after')).toBe(false);
    expect(canBeSlug('line\nbreak')).toBe(false);
  });
});
