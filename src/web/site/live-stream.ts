import type { FastifyBaseLogger } from 'fastify';
import type { LiveUpdate } from '../../features/live/index.js';
import { canRead, type Audience } from '../../features/members/index.js';
import type { OutboxEvent } from '../../features/events/index.js';
import type { Post } from '../../features/posts/index.js';
import type { LiveEvent, LiveHub } from '../../platform/live/index.js';
import { newId } from '../../platform/ids.js';
import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';
import type { EventStreams } from './event-stream.js';
import { renderLiveUpdateItems } from './live-render.js';
import { mayHaveMemberCookie } from './membership/member-cookie.js';
import type { MemberResolver } from './membership/member-resolver.js';
import type { SiteContext } from './site-context.js';

/**
 * The live stream's two halves over the live hub (docs/live.md): the publisher, which turns the
 * outbox's live events into rendered stream events, and the route `GET /<slug>/live`.
 *
 * A gated live page has two views: readers entitled to it follow `full`, the others `teaser`
 * (each update's element without its body, as the page shows them). A public page has `full` only.
 */
type View = 'full' | 'teaser';
export const liveChannel = (postId: string, view: View): string => `live:${postId}:${view}`;

const streamNames = {
  'live.update.published': 'update',
  'live.update.changed': 'update-changed',
  'live.update.deleted': 'update-deleted',
  'live.ended': 'ended',
} as const;
type LiveEventType = keyof typeof streamNames;
const isLiveEvent = (event: OutboxEvent): event is OutboxEvent<LiveEventType> =>
  Object.hasOwn(streamNames, event.type);

export type LiveStreamServices = ServicesOf<'authors' | 'events' | 'live' | 'media' | 'posts'>;

/** The audience standing for each view when rendering. */
const viewAudience: Record<View, Audience> = { full: 'paid', teaser: 'anonymous' };
const viewsOf = (post: Post): View[] =>
  post.visibility === 'public' ? ['full'] : ['full', 'teaser'];
const viewFor = (post: Post, audience: Audience): View =>
  canRead(audience, post.visibility) ? 'full' : 'teaser';

const endedHtml = '<p class="live-ended" role="status">This live page has ended.</p>';

interface RenderDeps {
  services: LiveStreamServices;
  site: () => Promise<SiteContext>;
}

/** Stream events for `updates` as `view` shows them, rendered together (one set of lookups). */
async function updateEvents(
  deps: RenderDeps,
  post: Post,
  view: View,
  items: readonly { update: LiveUpdate; id: string; event: string }[],
): Promise<LiveEvent[]> {
  const site = await deps.site();
  const htmls = await renderLiveUpdateItems(
    deps.services,
    { site, post, audience: viewAudience[view] },
    items.map((item) => item.update),
  );
  return items.map(({ update, id, event }, i) => ({
    id,
    event,
    data: JSON.stringify({
      id: update.id,
      html: htmls[i] ?? '',
      publishedAt: update.publishedAt,
      pinned: update.pinned,
      keyEvent: update.keyEvent,
    }),
  }));
}

/**
 * Publishes each live event this process hears (its own at once, other processes' through
 * `events.follow`), one at a time in order. Published twice (two processes heard it), the hub
 * delivers it once: the stream event's id is the outbox event's.
 */
export function startLivePublisher(
  deps: RenderDeps & { hub: LiveHub; log: Pick<FastifyBaseLogger, 'warn'> },
): LivePublisher {
  let chain: Promise<void> = Promise.resolve();
  const publish = async (event: OutboxEvent<LiveEventType>) => {
    const postId = event.payload.postId || event.subjectId;
    const post = await deps.services.posts.byId(postId).catch(() => undefined);
    if (!post || post.kind !== 'live' || post.status !== 'published') return;
    const name = streamNames[event.type];
    if (event.type === 'live.ended') {
      const data = JSON.stringify({ id: post.id, html: endedHtml });
      for (const view of viewsOf(post))
        await deps.hub.publish(liveChannel(post.id, view), { id: event.id, event: name, data });
      return;
    }
    const updateId = 'updateId' in event.payload ? event.payload.updateId : '';
    const update = await deps.services.live.updateById(updateId);
    if (!update || update.postId !== post.id) return;
    for (const view of viewsOf(post)) {
      const [streamed] = await updateEvents(deps, post, view, [
        { update, id: event.id, event: name },
      ]);
      if (streamed) await deps.hub.publish(liveChannel(post.id, view), streamed);
    }
  };
  const stop = deps.services.events.onEvents((events) => {
    for (const event of events) {
      if (!isLiveEvent(event)) continue;
      chain = chain
        .then(() => publish(event))
        .catch((error: unknown) =>
          deps.log.warn({ err: error, event: event.id }, 'live event not streamed'),
        );
    }
  });
  return {
    stop,
    idle: (timeoutMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        void chain.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

export interface LivePublisher {
  stop: () => void;
  /**
   * Resolves once every live event heard so far is on the hub (or after `timeoutMs`). The answer
   * to an editor's live write waits for it: updates posted one after another, even to different
   * processes, then reach Redis, and so every reader, in the order they were posted.
   */
  idle: (timeoutMs: number) => Promise<void>;
}

/** Admin API writes to a live page: its updates and the end of coverage. */
export const isLiveWrite = (method: string, url: string): boolean =>
  method !== 'GET' &&
  method !== 'HEAD' &&
  /^\/api\/admin\/v1\/posts\/[^/?]+\/(?:updates(?:\/[^/?]+)?|end)\/?(?:\?|$)/.test(url);

/** The time a UUIDv7 was made (ms), or undefined for anything else. */
function timeOfId(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))
    return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** Margin for events made before the reader's last one but committed after it. */
const catchUpMarginMs = 5_000;

export interface LiveStreamDeps extends RenderDeps {
  streams: EventStreams;
  members: MemberResolver;
  isProduction: boolean;
}

/** `GET /<slug>/live`: 404 unless a published live page is at that address. */
export const liveStreamRoutes = webArea<LiveStreamDeps>((app, deps) => {
  const { services } = deps;
  app.get<{ Params: { slug: string } }>('/:slug/live', async (request, reply) => {
    // A slug no post can have (overlong, NUL) resolves to nothing without a query.
    const resolved = await services.posts.resolveSlug(request.params.slug);
    const post = resolved?.post;
    if (!post || resolved.isOldSlug || post.kind !== 'live' || post.status !== 'published')
      return reply.callNotFound();
    const audience = mayHaveMemberCookie(request, deps.isProduction)
      ? await deps.members.audience(request, reply)
      : 'anonymous';
    const view = viewFor(post, audience);
    await deps.streams.open(request, reply, {
      channel: liveChannel(post.id, view),
      // Past the hub's ring: every update changed since the reader's last event (its id's time),
      // then the end of coverage if it came since. The reader's page skips what it already shows.
      catchUp: async (lastEventId) => {
        const since = timeOfId(lastEventId);
        if (since === undefined) return [];
        const from = new Date(since - catchUpMarginMs).toISOString();
        // An edit or removal is never older than its publication, so one time per update decides.
        const changed = (await services.live.updatesOf(post.id))
          .filter((u) => (u.deletedAt ?? u.editedAt ?? u.publishedAt) >= from)
          .sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : 1));
        const events = await updateEvents(
          deps,
          post,
          view,
          changed.map((update) => ({
            update,
            id: newId(),
            event: update.deletedAt ? 'update-deleted' : 'update',
          })),
        );
        const coverage = await services.live.coverage(post.id);
        if (coverage.endedAt !== null && coverage.endedAt >= from)
          events.push({
            id: newId(),
            event: 'ended',
            data: JSON.stringify({ id: post.id, html: endedHtml }),
          });
        return events;
      },
    });
  });
});
