import type { ImportReport } from './import-report.js';

/** Ghost's roles to Masthead's; an export's Owner arrives as an administrator (the site has one). */
export function staffRoleOf(
  ghostRole: string | undefined,
): 'administrator' | 'editor' | 'author' | 'contributor' {
  switch ((ghostRole ?? '').toLowerCase()) {
    case 'owner':
    case 'administrator':
      return 'administrator';
    case 'editor':
    case 'super editor':
      return 'editor';
    case 'contributor':
      return 'contributor';
    default:
      return 'author';
  }
}

export type ImportedStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

/**
 * Ghost's status to Masthead's. `sent` (email-only) posts are unlisted: Masthead has no unlisted
 * state, so they arrive unpublished (kept, not on the site) and the report says so. A post
 * scheduled for a time already past arrives as a draft.
 */
export function statusOf(
  post: { status: string; published_at: string | null; slug: string },
  now: Date,
  report: ImportReport,
): { status: ImportedStatus; scheduledAt: string | null } {
  const item = `post "${post.slug}"`;
  switch (post.status) {
    case 'published':
      return { status: 'published', scheduledAt: null };
    case 'scheduled': {
      const at = post.published_at ? Date.parse(toIso(post.published_at)) : Number.NaN;
      if (Number.isFinite(at) && at > now.getTime())
        return { status: 'scheduled', scheduledAt: new Date(at).toISOString() };
      report.note(item, 'schedule', 'its publication time has passed; imported as a draft');
      return { status: 'draft', scheduledAt: null };
    }
    case 'sent':
      report.note(item, 'status "sent"', 'email-only post: imported unpublished (unlisted)');
      return { status: 'unpublished', scheduledAt: null };
    default:
      return { status: 'draft', scheduledAt: null };
  }
}

/**
 * Ghost's visibility to Masthead's nearest rule. `tiers` (for specific tiers) has no exact
 * equivalent: members only when every tier named is free, else paid members (every paid tier);
 * the report names the tiers either way.
 */
export function visibilityOf(
  post: { visibility: string; slug: string },
  report: ImportReport,
  tiers: ReadonlyArray<{ name: string; isFree: boolean }> = [],
): 'public' | 'members' | 'paid' {
  switch (post.visibility) {
    case 'public':
      return 'public';
    case 'members':
      return 'members';
    case 'paid':
      return 'paid';
    case 'tiers': {
      const isFreeOnly = tiers.length > 0 && tiers.every((t) => t.isFree);
      const named = tiers.length > 0 ? tiers.map((t) => `"${t.name}"`).join(', ') : 'none named';
      report.note(
        `post "${post.slug}"`,
        'visibility "tiers"',
        `for the tiers ${named}: Masthead has no per-tier rule, imported as ${isFreeOnly ? 'members only' : 'paid members only (every paid tier)'}`,
      );
      return isFreeOnly ? 'members' : 'paid';
    }
    default:
      report.note(
        `post "${post.slug}"`,
        `visibility "${post.visibility}"`,
        'unknown: imported as paid members only',
      );
      return 'paid';
  }
}

/**
 * Ghost writes database times (`2024-03-01 10:00:00`, UTC) or ISO strings; both become ISO.
 * Returns '' for nothing usable.
 */
export function toIso(value: string | null | undefined): string {
  if (!value) return '';
  const text = /^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?$/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const at = Date.parse(text);
  return Number.isFinite(at) ? new Date(at).toISOString() : '';
}

/** `__GHOST_URL__/x` and site-relative `/x` against the old site's address. */
export function absoluteUrl(value: string, siteUrl: string): string {
  const replaced = value.replaceAll('__GHOST_URL__', siteUrl);
  if (replaced.startsWith('/') && !replaced.startsWith('//')) return `${siteUrl}${replaced}`;
  return replaced;
}
