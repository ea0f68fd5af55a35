/**
 * Slugs: what a URL path segment may be. Normalised (NFKC, lower case), with invisible and
 * bidirectional-control characters removed so two slugs that look alike are alike; letters of
 * any script are kept, everything else becomes a single hyphen.
 */
const invisibleRanges: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
const isInvisible = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return invisibleRanges.some(([from, to]) => code >= from && code <= to);
};
const stripInvisible = (text: string): string => [...text].filter((c) => !isInvisible(c)).join('');

/** Paths the site itself uses: a post may not take them. */
export const reservedSlugs = new Set([
  'admin',
  'api',
  'news',
  'corrections',
  'author',
  'authors',
  'tag',
  'tags',
  'section',
  'search',
  'rss',
  'feed',
  'feed.json',
  'sitemap.xml',
  'robots.txt',
  'membership',
  'account',
  'members',
  'webhooks',
  'media',
  'assets',
  'static',
  'healthz',
  'readyz',
  'signin',
  'signout',
  'signup',
  'login',
  'logout',
  'p',
  'preview',
  'favicon.ico',
]);

export function slugify(text: string, maxLength = 120): string {
  const slug = stripInvisible(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * Whether an address's slug could name a stored row at all: not empty, at most 200 characters,
 * no control characters (NUL above all, which PostgreSQL refuses in a text parameter). Lookups
 * by slug answer "not found" for anything else without a query, whatever front door asked.
 */
export function canBeSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 200 && !controlCharacters.test(slug);
}

/** Why a requested slug cannot be used, or undefined when it can (after normalising it). */
export function slugProblem(slug: string): string | undefined {
  if (slug.length === 0) return 'must contain at least one letter or digit';
  if (reservedSlugs.has(slug)) return `"${slug}" is reserved for the site's own pages`;
  return undefined;
}

/** The first of `base`, `base-2`, `base-3`… that `isTaken` says is free. */
export async function pickFreeSlug(
  base: string,
  isTaken: (slug: string) => Promise<boolean>,
): Promise<string> {
  if (!(await isTaken(base))) return base;
  for (let n = 2; n < 10_000; n++) {
    const candidate = `${base}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error(`no free slug for ${base}`);
}
