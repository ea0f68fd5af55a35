import { pageOrder, type LiveUpdate } from '../../features/live/index.js';
import type { LivePageModel, ShownUpdate } from './live-model.js';
import type { Audience } from '../../features/members/index.js';
import { canRead } from '../../features/members/index.js';
import type { Post } from '../../features/posts/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { collectMediaIds, collectRelatedPostIds, renderText } from '../../shared/richtext/index.js';
import { postBodyHtml, renderBodyHtml } from '../content/post-body-html.js';
import { LiveUpdateItem, renderLivePage, renderLiveUpdatePage } from './pages/live-page.js';
import { mediaFor } from './site-data.js';
import type { SiteContext } from './site-context.js';

type LiveServices = ServicesOf<'authors' | 'live' | 'media' | 'posts'>;

/** The first line of an update's text, cut at a word for a headline. */
export function headlineOf(text: string, max = 110): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // "power.…" reads as a typo: the ellipsis replaces the cut word's punctuation.
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?]+$/u, '')}…`;
}

/** Every update's body as HTML: related stories and images looked up once for all of them. */
async function shownUpdates(
  services: LiveServices,
  updates: readonly LiveUpdate[],
  isEntitled: boolean,
): Promise<ShownUpdate[]> {
  const live = updates.filter((u) => u.deletedAt === null);
  const bodies = isEntitled ? live.map((u) => u.body) : [];
  const [related, authors] = await Promise.all([
    services.posts.publishedByIds([...new Set(bodies.flatMap(collectRelatedPostIds))]),
    services.authors.byIds([...new Set(updates.flatMap((u) => u.authorId ?? []))]),
  ]);
  const mediaIds = [
    ...bodies.flatMap(collectMediaIds),
    ...related.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])),
  ];
  const media = await services.media.byIds([...new Set(mediaIds)]);
  const refs = {
    related: new Map(related.map((p) => [p.id, p])),
    media: new Map(media.map((m) => [m.id, m])),
  };
  const byAuthor = new Map(authors.map((a) => [a.id, a]));
  return updates.map((update) => {
    const text = update.deletedAt === null ? renderText(update.body) : '';
    return {
      update,
      author: update.authorId ? byAuthor.get(update.authorId) : undefined,
      headline: isEntitled ? headlineOf(text) : '',
      text: isEntitled ? text : '',
      html: isEntitled && update.deletedAt === null ? renderBodyHtml(update.body, refs) : undefined,
    };
  });
}

async function loadModel(
  services: LiveServices,
  page: { site: SiteContext; post: Post; audience: Audience },
  updates: readonly LiveUpdate[],
): Promise<LivePageModel> {
  const { post, audience } = page;
  const isEntitled = canRead(audience, post.visibility);
  const [coverage, shown, summaryHtml, media] = await Promise.all([
    services.live.coverage(post.id),
    shownUpdates(services, updates, isEntitled),
    // The summary (the post's own body) under the same rule as the updates.
    isEntitled && post.body.content.length > 0
      ? postBodyHtml(services, post.body)
      : Promise.resolve(undefined),
    mediaFor(services, [post]),
  ]);
  return { ...page, isEntitled, coverage, updates: shown, summaryHtml, media };
}

/** A live page: the summary, key events, and every update newest first (pinned on top). */
export async function renderLiveHtml(
  services: LiveServices,
  page: { site: SiteContext; post: Post; audience: Audience },
): Promise<string> {
  const updates = pageOrder(await services.live.updatesOf(page.post.id));
  return renderLivePage(await loadModel(services, page, updates));
}

/** One update's own page (`/<slug>/updates/<id>/`), or undefined when the post has no such update. */
export async function renderLiveUpdateHtml(
  services: LiveServices,
  page: { site: SiteContext; post: Post; audience: Audience; updateId: string },
): Promise<{ html: string; status: number } | undefined> {
  const update = await services.live.updateById(page.updateId);
  if (!update || update.postId !== page.post.id) return undefined;
  const model = await loadModel(services, page, [update]);
  const shown = model.updates[0];
  if (!shown) return undefined;
  return {
    html: renderLiveUpdatePage({ ...model, shown }),
    status: update.deletedAt === null ? 200 : 410,
  };
}

/**
 * Updates' elements exactly as the live page shows them to `audience` (what the stream sends):
 * only the updates' own lookups (authors, images, related stories, once for all of them), none
 * of the page's (coverage, summary, lead image), so publishing an update costs a few queries.
 */
export async function renderLiveUpdateItems(
  services: LiveServices,
  page: { site: SiteContext; post: Post; audience: Audience },
  updates: readonly LiveUpdate[],
): Promise<string[]> {
  const shown = await shownUpdates(services, updates, canRead(page.audience, page.post.visibility));
  return shown.map((one) => LiveUpdateItem({ page, shown: one }).value);
}
