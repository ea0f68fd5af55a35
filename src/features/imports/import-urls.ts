// Addresses found in imported bodies, made absolute against the old site so that the importer
// can copy images and rewrite links, then held to the document's own URL policy.
import { isSafeImageSrc, isSafeLinkHref } from '../../shared/richtext/index.js';

const GHOST_URL = '__GHOST_URL__';

/** The absolute form of `value` on the old site, or undefined when it cannot be one. */
export function absoluteUrl(value: string, siteUrl: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const base = siteUrl.replace(/\/+$/, '');
  if (trimmed.startsWith(GHOST_URL)) return base + trimmed.slice(GHOST_URL.length);
  if (/^mailto:/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed, `${base}/`).href;
  } catch {
    return undefined;
  }
}

export function importLinkHref(value: string, siteUrl: string): string | undefined {
  const url = absoluteUrl(value, siteUrl);
  return url !== undefined && isSafeLinkHref(url) ? url : undefined;
}

export function importImageSrc(value: string, siteUrl: string): string | undefined {
  const url = absoluteUrl(value, siteUrl);
  return url !== undefined && isSafeImageSrc(url) ? url : undefined;
}
