import type { Audience } from '../../features/members/index.js';
import { canRead } from '../../features/members/index.js';
import { type Post, sectionOf } from '../../features/posts/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { postBodyHtml } from '../content/post-body-html.js';
import { renderStoryPage } from './pages/story-page.js';
import { inOrder, mediaFor } from './site-data.js';
import type { SiteContext } from './site-context.js';
import type { SiteMemos } from './site-memos.js';

/**
 * A story page's HTML: the post with its authors, section's latest stories, News Feed teaser and
 * images. The reader route and the newsroom's preview share it, so a preview is the page itself.
 */
export async function renderStoryHtml(
  deps: {
    services: ServicesOf<'authors' | 'media' | 'posts'>;
    memos: Pick<SiteMemos, 'latestBriefs'>;
  },
  page: { site: SiteContext; post: Post; audience: Audience; isPreview?: boolean },
): Promise<string> {
  const { services, memos } = deps;
  const { post, audience } = page;
  const section = sectionOf(post);
  const [authors, related, briefs, bodyHtml] = await Promise.all([
    services.authors.byIds(post.authors.map((a) => a.id)),
    section
      ? services.posts.latestPublishedVia({ link: 'tag', id: section.id, limit: 5 })
      : Promise.resolve({ items: [], next: null }),
    memos.latestBriefs.get(),
    // The body only for an audience entitled to it: the page is cached under that audience.
    canRead(audience, post.visibility)
      ? postBodyHtml(services, post.body)
      : Promise.resolve(undefined),
  ]);
  const orderedAuthors = inOrder(
    post.authors.map((a) => a.id),
    authors,
  );
  const relatedPosts = related.items.filter((p) => p.id !== post.id).slice(0, 4);
  const briefItems = briefs.items.filter((p) => p.id !== post.id).slice(0, 5);
  return renderStoryPage({
    site: page.site,
    post,
    bodyHtml,
    audience,
    authors: orderedAuthors,
    related: relatedPosts,
    briefs: post.kind === 'page' ? [] : briefItems,
    media: await mediaFor(services, [post, ...relatedPosts], orderedAuthors),
    isPreview: page.isPreview,
  });
}
