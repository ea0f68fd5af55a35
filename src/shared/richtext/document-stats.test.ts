import { describe, expect, it } from 'vitest';
import type { Block, Doc, ParagraphNode } from './document.js';
import {
  collectMediaIds,
  collectRelatedPostIds,
  countWords,
  countWordsInText,
  deriveExcerpt,
  readingMinutes,
} from './document-stats.js';
import { sampleDocument } from './fixtures.js';

const paragraph = (text: string): ParagraphNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});
const doc = (...content: Block[]): Doc => ({ type: 'doc', content });

describe('countWords and readingMinutes', () => {
  it('counts body words across text nodes, not pull quotes or captions', () => {
    expect(
      countWords(
        doc(
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Hel' },
              { type: 'text', text: 'lo world,', marks: [{ type: 'bold' }] },
              { type: 'hardBreak' },
              { type: 'text', text: 'again — 42 times.' },
            ],
          },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Two words' }] },
          { type: 'pullQuote', attrs: { text: 'not counted here' } },
          { type: 'figure', attrs: { src: '/a.jpg', alt: 'alt', caption: 'not counted' } },
        ),
      ),
    ).toBe(7);
    expect(countWords(doc())).toBe(0);
  });

  it('counts words in scripts without spaces', () => {
    expect(countWords(doc(paragraph('我喜欢读书')))).toBeGreaterThan(1);
  });

  it('rounds reading time up at 230 words a minute, at least one minute', () => {
    const words = (n: number) => doc(paragraph(Array.from({ length: n }, () => 'word').join(' ')));
    expect(readingMinutes(doc())).toBe(1);
    expect(readingMinutes(words(230))).toBe(1);
    expect(readingMinutes(words(231))).toBe(2);
    expect(readingMinutes(words(1000))).toBe(5);
  });
});

describe('deriveExcerpt', () => {
  it('returns the first paragraph with text, whitespace collapsed', () => {
    expect(
      deriveExcerpt(
        doc(
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Heading' }] },
          { type: 'paragraph' },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: ' First ' },
              { type: 'hardBreak' },
              { type: 'text', text: 'para.' },
            ],
          },
          paragraph('Second.'),
        ),
      ),
    ).toBe('First para.');
  });

  it('cuts at a word boundary with an ellipsis, within maxChars', () => {
    const text = 'The council voted on Tuesday, to close the library.';
    expect(deriveExcerpt(doc(paragraph(text)), 200)).toBe(text);
    expect(deriveExcerpt(doc(paragraph(text)), text.length)).toBe(text);
    expect(deriveExcerpt(doc(paragraph(text)), 30)).toBe('The council voted on Tuesday…');
    expect(deriveExcerpt(doc(paragraph(text)), 21)).toBe('The council voted on…');
    expect(deriveExcerpt(doc(paragraph('Supercalifragilistic')), 10)).toBe('Supercali…');
    expect(deriveExcerpt(doc(paragraph('😀😀😀😀😀')), 3)).toBe('😀😀…');
    for (let max = 2; max < 60; max += 1) {
      expect(Array.from(deriveExcerpt(doc(paragraph(text)), max)).length).toBeLessThanOrEqual(max);
    }
  });

  it('falls back to a nested paragraph, then to an empty string', () => {
    expect(
      deriveExcerpt(doc({ type: 'factBox', attrs: {}, content: [paragraph('Inside the box')] })),
    ).toBe('Inside the box');
    expect(deriveExcerpt(doc({ type: 'horizontalRule' }))).toBe('');
  });

  it('excerpts the sample document', () => {
    expect(deriveExcerpt(sampleDocument, 60)).toBe(
      'The council voted 7 to 2 on Tuesday to close the Riverside…',
    );
  });
});

describe('collectMediaIds and collectRelatedPostIds', () => {
  it('lists referenced ids once, in document order', () => {
    const content: Block[] = [
      { type: 'figure', attrs: { mediaId: 'm1', src: '/1.jpg', alt: '' } },
      { type: 'relatedPost', attrs: { postId: 'p2' } },
      {
        type: 'gallery',
        attrs: {
          images: [
            { mediaId: 'm2', src: '/2.jpg', alt: '' },
            { mediaId: null, src: '/3.jpg', alt: '' },
            { mediaId: 'm1', src: '/1.jpg', alt: '' },
          ],
        },
      },
      {
        type: 'factBox',
        attrs: {},
        content: [{ type: 'figure', attrs: { mediaId: 'm3', src: '/4.jpg', alt: '' } }],
      },
      { type: 'relatedPost', attrs: { postId: 'p1' } },
      { type: 'relatedPost', attrs: { postId: 'p2' } },
    ];
    expect(collectMediaIds(doc(...content))).toEqual(['m1', 'm2', 'm3']);
    expect(collectRelatedPostIds(doc(...content))).toEqual(['p2', 'p1']);
    expect(collectMediaIds(sampleDocument)).toEqual(['med_01HZX3', 'med_01HZX4']);
    expect(collectRelatedPostIds(sampleDocument)).toEqual(['post_01HZX5']);
  });
});

describe('countWordsInText', () => {
  it('counts plain English text exactly as Intl.Segmenter does (its fast path)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    const bySegmenter = (text: string) =>
      [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;
    const alphabet = 'aZé9 0,.;:!?%()"\'-\u2018\u2019\u201c\u201d\u2013\u2014';
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts = [
      "U.S. officials said 1,000.5 people didn't (or couldn’t) leave: 3;4 e.g. a:b ‘x’y",
      'Café owners—and the mayor’s office—said 42% of 1.000 were fine.',
    ];
    for (let i = 0; i < 5000; i++)
      texts.push(
        Array.from({ length: 1 + Math.floor(next() * 16) }, () =>
          alphabet.charAt(Math.floor(next() * alphabet.length)),
        ).join(''),
      );
    for (const text of texts)
      expect([text, countWordsInText(text)]).toEqual([text, bySegmenter(text)]);
  });
});
