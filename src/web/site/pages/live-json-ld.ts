import { imageUrl } from '../../content/content-mappers.js';
import type { LivePageModel, ShownUpdate } from '../live-model.js';
import { absoluteUrl } from '../site-context.js';

export const updatePath = (post: { url: string }, updateId: string): string =>
  `${post.url}updates/${updateId}/`;

/** One update as schema.org's `BlogPosting` (removed ones are left out by the caller). */
export function blogPostingOf(model: LivePageModel, shown: ShownUpdate): Record<string, unknown> {
  const { site, post } = model;
  const { update } = shown;
  return {
    '@type': 'BlogPosting',
    headline: shown.headline || post.title,
    datePublished: update.publishedAt,
    ...(update.editedAt ? { dateModified: update.editedAt } : {}),
    ...(shown.text ? { articleBody: shown.text } : {}),
    url: absoluteUrl(site, updatePath(post, update.id)),
    ...(shown.author
      ? {
          author: {
            '@type': 'Person',
            name: shown.author.name,
            url: absoluteUrl(site, `/author/${shown.author.slug}/`),
          },
        }
      : {}),
  };
}

/**
 * `LiveBlogPosting` with `coverageStartTime` (first publication), `coverageEndTime` (once
 * ended) and each update, newest first, as a `liveBlogUpdate`.
 */
export function liveBlogJsonLd(model: LivePageModel): Record<string, unknown> {
  const { site, post, coverage } = model;
  const lead = post.leadImage ? model.media.get(post.leadImage.mediaId) : undefined;
  const isFree = post.visibility === 'public';
  const shown = model.updates.filter((s) => s.update.deletedAt === null);
  const newest = [...shown].sort((a, b) =>
    b.update.publishedAt.localeCompare(a.update.publishedAt),
  );
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    headline: post.title,
    description: post.seo.description ?? (post.dek || post.excerpt),
    url: absoluteUrl(site, post.url),
    mainEntityOfPage: absoluteUrl(site, post.url),
    ...(lead ? { image: [imageUrl(site.publicUrl, lead, 1600)] } : {}),
    datePublished: post.publishedAt,
    dateModified: newest[0]?.update.publishedAt ?? post.updatedAt,
    inLanguage: post.language ?? site.settings.language,
    ...(coverage.startedAt ? { coverageStartTime: coverage.startedAt } : {}),
    ...(coverage.endedAt ? { coverageEndTime: coverage.endedAt } : {}),
    author: post.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: absoluteUrl(site, `/author/${a.slug}/`),
    })),
    publisher: {
      '@type': 'Organization',
      name: site.settings.siteName,
      url: absoluteUrl(site, '/'),
    },
    isAccessibleForFree: isFree,
    liveBlogUpdate: newest.map((s) => blogPostingOf(model, s)),
  };
}
