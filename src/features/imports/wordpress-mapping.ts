// What the WordPress importer decides about single values: term slugs as WordPress stores them
// (percent-encoded; a post's slug is imported-slug.ts's, shared with Ghost), titles that carry
// markup, authors named a little differently from their login, and which attachment an image
// address (perhaps a resized copy) belongs to.
import type { Block, Doc, ImageAttrs } from '../../shared/richtext/index.js';
import { slugify } from '../../shared/slug.js';
import { parseHtmlTree, textContent } from './html-tree.js';
import { percentDecoded } from './imported-slug.js';

/** A term's slug for Masthead (decoded, normalised); the raw one stays the import's key. */
export const termSlug = (raw: string): string =>
  slugify(percentDecoded(raw), 80) || raw.slice(0, 80);

/**
 * A path as a Location header may carry it: non-ASCII characters percent-encoded, the rest as
 * it is.
 */
export const encodedPath = (path: string): string => encodeURI(percentDecoded(path));

/** WordPress titles are HTML (`Title <em>With</em> Markup`); Masthead's are text. */
export function plainTitle(title: string): string {
  if (!/<\/?[a-z][^>]*>|&[#\w]+;/i.test(title)) return title.trim();
  return textContent(parseHtmlTree(title)).replace(/\s+/g, ' ').trim();
}

/**
 * Finds an item's author among the export's: by login, then ignoring case and stray characters
 * a hand-edited export may have around it (`>login`).
 */
export function authorFinder<T>(byLogin: ReadonlyMap<string, T>) {
  const loose = (login: string) => login.toLowerCase().replace(/[^a-z0-9@._-]/g, '');
  const byLoose = new Map<string, T>();
  for (const [login, value] of byLogin)
    if (!byLoose.has(loose(login))) byLoose.set(loose(login), value);
  return (creator: string): T | undefined => byLogin.get(creator) ?? byLoose.get(loose(creator));
}

const RESIZED = /-(\d{1,5})x(\d{1,5})(\.[a-z0-9]{2,5})$/i;

/**
 * The attachments of an export by address, so that an image in a body finds its original:
 * WordPress links resized copies (`photo-300x200.jpg`) and WordPress.com adds resizing
 * parameters (`photo.jpg?w=604`); both are the attachment `photo.jpg`, one media item.
 */
export function attachmentIndex(urls: Iterable<string>) {
  const byKey = new Map<string, string>();
  const keyOf = (url: string): string | undefined => {
    try {
      const parsed = new URL(url);
      return `${parsed.host.toLowerCase()}${parsed.pathname}`;
    } catch {
      return undefined;
    }
  };
  for (const url of urls) {
    const key = keyOf(url);
    if (key && !byKey.has(key)) byKey.set(key, url);
  }
  /** The attachment's own address for an image address, or the address as it was. */
  return (url: string): string => {
    const key = keyOf(url);
    if (!key) return url;
    const exact = byKey.get(key);
    if (exact) return exact;
    const original = key.replace(RESIZED, '$3');
    return (original !== key && byKey.get(original)) || url;
  };
}

/** The document with every image address passed through `map` (figures and galleries). */
export function mapImageSources(doc: Doc, map: (src: string) => string): Doc {
  const image = (attrs: ImageAttrs): ImageAttrs => {
    const src = map(attrs.src);
    return src === attrs.src ? attrs : { ...attrs, src };
  };
  return {
    ...doc,
    content: doc.content.map((block): Block => {
      if (block.type === 'figure') return { ...block, attrs: image(block.attrs) };
      if (block.type === 'gallery')
        return { ...block, attrs: { ...block.attrs, images: block.attrs.images.map(image) } };
      return block;
    }),
  };
}

/**
 * The addresses WordPress gave a category: `/category/child/` and, for a nested one, the full
 * `/category/parent/child/` it links to.
 */
export function categoryPaths(
  categories: ReadonlyArray<{ nicename: string; parent: string | null }>,
): Map<string, string[]> {
  const parentOf = new Map(categories.map((c) => [c.nicename, c.parent]));
  const paths = new Map<string, string[]>();
  for (const { nicename } of categories) {
    const chain = [nicename];
    for (
      let parent = parentOf.get(nicename);
      parent && chain.length < 20 && !chain.includes(parent);
      parent = parentOf.get(parent)
    )
      chain.unshift(parent);
    const full = `/category/${chain.join('/')}/`;
    const own = `/category/${nicename}/`;
    paths.set(nicename, full === own ? [own] : [own, full]);
  }
  return paths;
}

/**
 * Where the export's uploads live, from its attachments' addresses: the part before
 * `YYYY/MM/file` (`https://old.example/wp-content/uploads/`, or a CDN's or WordPress.com's
 * `https://site.files.wordpress.com/`), so `--media-dir` finds files linked from any of them.
 */
export function uploadPrefixes(urls: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const url of urls) {
    const match = /^(https?:\/\/[^/?#]+\/(?:[^?#]*\/)?)\d{4}\/\d{2}\/[^/?#]+$/i.exec(url);
    if (match?.[1]) found.add(match[1]);
    if (found.size >= 10) break;
  }
  return [...found];
}
