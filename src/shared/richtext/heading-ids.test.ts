import { describe, expect, it } from 'vitest';
import { sampleDocument } from './fixtures.js';
import { collectHeadings, slugify } from './heading-ids.js';

describe('slugify', () => {
  it('makes readable, unicode-aware slugs', () => {
    expect(slugify('  What happens NEXT?  ')).toBe('what-happens-next');
    expect(slugify('Crème brûlée')).toBe('creme-brulee');
    expect(slugify('Москва 2024')).toBe('москва-2024');
    expect(slugify('<script>"')).toBe('script');
    expect(slugify('!!!')).toBe('section');
    expect(Array.from(slugify('long '.repeat(100))).length).toBeLessThanOrEqual(80);
  });
});

describe('collectHeadings', () => {
  it('lists headings with the ids renderHtml uses', () => {
    expect(collectHeadings(sampleDocument)).toEqual([
      { id: 'what-happens-next', level: 2, text: 'What happens next' },
      { id: 'timeline', level: 3, text: 'Timeline' },
      { id: 'reaction', level: 4, text: 'Reaction' },
    ]);
  });
});
