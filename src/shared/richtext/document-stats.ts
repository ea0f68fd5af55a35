// Numbers and lists derived from an article body: word count, reading time, excerpt, and the
// media and posts it references (for usage tracking and "related" lookups).
import type { Doc, ParagraphNode } from './document.js';
import { inlineText } from './inline-text.js';
import { forEachNode } from './walk-document.js';

const WORDS_PER_MINUTE = 230;

// Intl.Segmenter counts words in scripts written without spaces (Chinese, Japanese, Thai).
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'word' })
    : undefined;

/**
 * Text the fast count below answers exactly as the segmenter would: ASCII and Latin-1 letters,
 * digits, spaces, common punctuation and curly quotes, and no colon between letters (a word joiner in
 * some locales' rules, not in others'). Most English body text is this.
 */
const plainEnglish =
  /^[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff0-9 ,.;:!?%()"'\-\u2018\u2019\u201c\u201d\u2013\u2014]*$/;
const letterColonLetter = /[A-Za-z\u00c0-\u00ff]:[A-Za-z\u00c0-\u00ff]/;
/**
 * Unicode word boundaries (UAX #29) over that text: letters and digits run together; one `.`, `'`,
 * `‘` or `’` between letters, or one of those, `,` or `;` between digits, does not break a word.
 */
const plainWord =
  /[A-Za-z\u00c0-\u00ff0-9]+(?:(?:(?<=[A-Za-z\u00c0-\u00ff])[.'\u2018\u2019](?=[A-Za-z\u00c0-\u00ff])|(?<=[0-9])[.,;'\u2018\u2019](?=[0-9]))[A-Za-z\u00c0-\u00ff0-9]+)*/g;

export function countWordsInText(text: string): number {
  // The segmenter costs ~10x more than this on a whole article: a third of a bulk import's time.
  if (plainEnglish.test(text) && !letterColonLetter.test(text)) {
    let count = 0;
    plainWord.lastIndex = 0;
    while (plainWord.exec(text) !== null) count += 1;
    return count;
  }
  if (!segmenter) return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count += 1;
  return count;
}

/** Words of the body text (paragraphs, headings, lists, quotes, fact boxes); pull quotes,
 * captions and embeds repeat or describe the story, so they are not counted. */
export function countWords(doc: Doc): number {
  let count = 0;
  forEachNode(doc, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      count += countWordsInText(inlineText(node.content));
    }
  });
  return count;
}

export function readingMinutes(doc: Doc): number {
  return readingMinutesOf(countWords(doc));
}

/** The reading time of a body already counted (countWords is the costly part). */
export function readingMinutesOf(words: number): number {
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

/** The first paragraph, whitespace collapsed, cut at a word boundary with an ellipsis. */
export function deriveExcerpt(doc: Doc, maxChars = 200): string {
  const text = firstParagraphText(doc);
  const chars = Array.from(text); // code points, so no surrogate pair is split
  if (chars.length <= maxChars) return text;
  const budget = Math.max(0, maxChars - 1); // room for the ellipsis
  const head = chars.slice(0, budget + 1).join('');
  const lastSpace = head.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? head.slice(0, lastSpace) : chars.slice(0, budget).join('')).replace(
    /[\s\p{P}]+$/u,
    '',
  );
  return `${cut || chars.slice(0, budget).join('')}…`;
}

function firstParagraphText(doc: Doc): string {
  const paragraphs: ParagraphNode[] = doc.content.filter((block) => block.type === 'paragraph');
  // Prefer the article's own opening; fall back to a paragraph inside a list, quote or box.
  if (!paragraphs.some(hasText)) {
    forEachNode(doc, (node) => {
      if (node.type === 'paragraph') paragraphs.push(node);
    });
  }
  const first = paragraphs.find(hasText);
  return first ? collapse(inlineText(first.content)) : '';
}

function hasText(paragraph: ParagraphNode): boolean {
  return collapse(inlineText(paragraph.content)) !== '';
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Media library IDs used by figures and galleries, first use first, without repeats. */
export function collectMediaIds(doc: Doc): string[] {
  const ids = new Set<string>();
  forEachNode(doc, (node) => {
    const images =
      node.type === 'figure' ? [node.attrs] : node.type === 'gallery' ? node.attrs.images : [];
    for (const image of images) if (image.mediaId) ids.add(image.mediaId);
  });
  return [...ids];
}

export function collectRelatedPostIds(doc: Doc): string[] {
  const ids = new Set<string>();
  forEachNode(doc, (node) => {
    if (node.type === 'relatedPost') ids.add(node.attrs.postId);
  });
  return [...ids];
}
