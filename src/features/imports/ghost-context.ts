// State shared by the Ghost body walkers and card handlers: the report, the image list and the
// rules for turning Ghost's text and URLs into what the document model accepts.
import type { DroppedPart } from './body-conversion.js';
import { isSafeImageSrc, isSafeLinkHref } from '../../shared/richtext/index.js';

const GHOST_URL = '__GHOST_URL__';

// What the document model refuses in text (see node-attrs INVALID_TEXT): C0/C1 controls other
// than tab, newline and CR, and lone surrogates.
const INVALID_TEXT =
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Input nesting deeper than this is cut off with a report line, so hostile JSON cannot overflow the stack. */
export const MAX_INPUT_DEPTH = 50;

export function cleanText(value: string): string {
  return value.replace(INVALID_TEXT, '');
}

/** At most `max` characters ending in "…", never splitting a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

export function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** `record[key]` for own keys only: names from input must never reach `constructor` and friends. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class GhostContext {
  readonly dropped: DroppedPart[] = [];
  private readonly seen = new Set<string>();
  private readonly siteUrl: string;

  constructor(siteUrl: string) {
    this.siteUrl = siteUrl.replace(/\/+$/, '');
  }

  /** Adds a report line; the same line twice in one body is listed once. */
  drop(kind: string, reason: string): void {
    const key = JSON.stringify([kind, reason]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.dropped.push({ kind, reason });
  }

  /** `__GHOST_URL__/x` and `/x` become absolute on the old site; anything else is left as it is. */
  absolute(value: string): string {
    const url = value.trim();
    if (url.startsWith(GHOST_URL)) return this.siteUrl + url.slice(GHOST_URL.length);
    if (url.startsWith('/') && !url.startsWith('//')) return this.siteUrl + url;
    return url;
  }

  /** A link target the document accepts, or undefined. */
  linkHref(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const href = this.absolute(value);
    return isSafeLinkHref(href) ? href : undefined;
  }

  /** An image address the document accepts (absolute on the old site), or undefined. */
  imageSrc(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const src = this.absolute(value);
    return isSafeImageSrc(src) ? src : undefined;
  }
}
