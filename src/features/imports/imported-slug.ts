// The address an imported post or page gets, from the slug its old platform stored: the same
// rule for every import, so Ghost's and WordPress's posts end up where the same slug would.
import { reservedSlugs, slugify } from '../../shared/slug.js';

/** `value` percent-decoded, or as it is when it is not valid percent-encoding. */
export const percentDecoded = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export interface ImportedSlug {
  slug: string;
  /** Why the stored slug is not the export's (for the report); absent when it is the same. */
  reason?: string;
  /** True when the slug had to move off an address the site uses for its own pages. */
  isReserved: boolean;
}

/**
 * A post's slug as Masthead keeps it: percent-decoded (WordPress stores non-Latin slugs as
 * `%ce%b5%cf%80…`; a hand-made Ghost export may too) and normalised by the slug rule, letters of
 * any script kept. A slug the site reserves for its own pages (`news`, `tag`, `feed`…) or one with
 * nothing left takes the item's `fallback` (`post-313`): a reserved one as `news-post-313`.
 */
export function importedSlug(raw: string, fallback: string): ImportedSlug {
  const slug = slugify(percentDecoded(raw));
  if (slug === '')
    return {
      slug: fallback,
      reason: `the slug "${raw}" has no letters or digits: it lives at /${fallback}/`,
      isReserved: false,
    };
  if (reservedSlugs.has(slug))
    return {
      slug: `${slug}-${fallback}`,
      reason: `the address /${slug}/ is one of Masthead's own: it lives at /${slug}-${fallback}/`,
      isReserved: true,
    };
  if (slug !== raw) return { slug, reason: `"${raw}" is stored as /${slug}/`, isReserved: false };
  return { slug, isReserved: false };
}
