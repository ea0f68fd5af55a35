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

export function countWordsInText(text: string): number {
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
  return Math.max(1, Math.ceil(countWords(doc) / WORDS_PER_MINUTE));
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
