import type { FastifyInstance } from 'fastify';
import type { Services } from '../../runtime/services.js';
import { renderHomePage } from './pages/home-page.js';

export function registerSiteRoutes(app: FastifyInstance, deps: { services: Services }): void {
  const { services } = deps;

  app.get('/', async (_request, reply) => {
    const [settings, navigation, stories, feed] = await Promise.all([
      services.settings.get(),
      services.tags.navigation(),
      services.posts.latestPublished({ limit: 7, kinds: ['article'] }),
      services.posts.latestPublished({ limit: 12, kinds: ['article', 'brief'] }),
    ]);
    const [lead, ...topStories] = stories.items;
    const html = renderHomePage({ settings, navigation, lead, topStories, feed: feed.items });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=0, s-maxage=30')
      .send(html);
  });
}
