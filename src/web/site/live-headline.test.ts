import { describe, expect, it } from 'vitest';
import { headlineOf } from './live-render.js';

describe('headlineOf (a live update’s line in key events and the News Feed)', () => {
  it('keeps a short first line whole and skips blank lines', () => {
    expect(headlineOf('\n  \nSirens in the north.\nMore soon.')).toBe('Sirens in the north.');
  });

  it('cuts a long line at a word, with one ellipsis and no stray punctuation before it', () => {
    const line = `${'word '.repeat(20)}about 140,000 homes are without power. Crews are out.`;
    const headline = headlineOf(line, 110);
    expect(headline.length).toBeLessThanOrEqual(110);
    expect(headline).toMatch(/\w…$/u);
    expect(
      headlineOf(
        'A strike hit the substation, and about 140,000 homes are without power. Crews',
        75,
      ),
    ).toBe('A strike hit the substation, and about 140,000 homes are without power…');
  });
});
