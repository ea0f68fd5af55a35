import { z } from 'zod';
import { isAppError } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { parseInput } from '../http-input.js';
import { webArea } from '../web-area.js';
import { buildCorrectionsRss } from './feeds/corrections-rss.js';
import { feedContentTypes, type FeedServer } from './feeds/feed-routes.js';
import { correctionsPath, renderCorrectionsPage } from './pages/corrections-page.js';
import { renderErrorPage } from './pages/error-page.js';
import { pageTags } from './page-tags.js';
import type { SiteMemos } from './site-memos.js';
import { sendUncached, type PageSender } from './site-routes.js';

const pageSize = 20;
const cursorQuery = z.object({ before: z.string().max(400).optional() }).loose();

export interface CorrectionsRoutesDeps {
  services: ServicesOf<'posts' | 'settings'>;
  memos: Pick<SiteMemos, 'context'>;
  publicUrl: string;
  /** Through the page cache; without one, rendered for every request. */
  send?: PageSender;
  serveFeed?: FeedServer;
}

/**
 * The public corrections record: `/corrections/` (20 a page, `?before=<cursor>`) and its RSS
 * feed, both cached and dropped with the `corrections` page tag by every post event.
 */
export const correctionsRoutes = webArea<CorrectionsRoutesDeps>((app, deps) => {
  const { services } = deps;
  const send = deps.send ?? sendUncached;

  app.get(correctionsPath, async (request, reply) =>
    send(reply, request.url, async () => {
      const site = await deps.memos.context.get();
      const { before } = parseInput(cursorQuery, request.query);
      try {
        const page = await services.posts.publicCorrections({
          limit: pageSize,
          ...(before ? { cursor: before } : {}),
        });
        return {
          html: renderCorrectionsPage({
            site,
            entries: page.items,
            next: page.next,
            isFirstPage: !before,
          }),
          status: 200,
          tags: [pageTags.corrections],
        };
      } catch (error) {
        // A cursor the site did not issue is a 404 page, as on the other lists.
        if (!isAppError(error) || error.status !== 400) throw error;
        return {
          html: renderErrorPage({ status: 404, message: '', site }),
          status: 404,
          tags: [pageTags.corrections],
        };
      }
    }),
  );

  const feedPath = `${correctionsPath}rss/`;
  const buildFeed = () => buildCorrectionsRss(services, deps.publicUrl);
  app.get(feedPath, async (request, reply) => {
    if (!deps.serveFeed) {
      reply.type(feedContentTypes.rss).header('cache-control', 'public, max-age=300');
      return buildFeed();
    }
    return deps.serveFeed(request, reply, {
      contentType: feedContentTypes.rss,
      tags: [pageTags.corrections],
      build: buildFeed,
    });
  });
  app.get('/corrections/rss', async (_request, reply) => reply.redirect(feedPath, 301));
});
