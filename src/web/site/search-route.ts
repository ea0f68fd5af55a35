import { readableVisibilities } from '../../features/members/index.js';
import { searchOptionsSchema } from '../../features/search/index.js';
import { isAppError } from '../../platform/errors.js';
import { z } from 'zod';
import { parseInput } from '../http-input.js';
import { webArea } from '../web-area.js';
import { renderSearchPage } from './pages/list-pages.js';
import { pageTags } from './page-tags.js';
import { inOrder } from './site-data.js';
import { pageSize, sendUncached, type SiteDeps } from './site-routes.js';

const searchQuery = z
  .object({
    q: z.string().max(1000).optional(),
    after: z.string().max(400).optional(),
    sort: z.string().max(40).optional(),
  })
  .loose();

/**
 * `/search`: the reader's search page, through the page cache like every reader page. A reader's
 * own mistakes (an overlong term, an unknown sort, a stale cursor) are the search page again with
 * a 400 naming them, never an error page.
 */
export const searchRoute = webArea<SiteDeps>((app, deps) => {
  const { services, memos } = deps;
  const send = deps.send ?? sendUncached;
  const site = () => memos.context.get();

  app.get('/search', async (request, reply) =>
    send(reply, request.url, async (audience) => {
      const s = await site();
      // Overlong terms are the reader's mistake: the search page again, with a 400 saying so.
      const parsed = searchQuery.safeParse(request.query);
      if (!parsed.success)
        return {
          html: renderSearchPage({
            site: s,
            q: '',
            hits: [],
            next: null,
            problem:
              parsed.error.issues[0]?.path[0] === 'q'
                ? 'Search terms must be at most 1,000 characters.'
                : 'That page of results does not exist; search again.',
          }),
          status: 400,
          tags: [pageTags.search],
        };
      const query = parsed.data;
      const q = (query.q ?? '').trim();
      const sort = query.sort === undefined || query.sort === '' ? 'relevance' : query.sort;
      if (sort !== 'relevance' && sort !== 'newest')
        return {
          html: renderSearchPage({
            site: s,
            q,
            sort: 'relevance',
            hits: [],
            next: null,
            problem: 'Sort must be “relevance” or “newest”.',
          }),
          status: 400,
          tags: [pageTags.search],
        };
      if (!q)
        return {
          html: renderSearchPage({ site: s, q: '', sort, hits: [], next: null }),
          status: 200,
          tags: [pageTags.search],
        };
      try {
        const options = parseInput(
          searchOptionsSchema,
          {
            q,
            limit: pageSize,
            sort,
            ...(query.after ? { cursor: query.after } : {}),
            kinds: ['article', 'brief', 'live', 'page'],
            // Gated stories are found by their teaser alone unless this audience may read them.
            readable: readableVisibilities(audience),
          },
          { rootField: 'q' },
        );
        const result = await services.search.search(options);
        const posts = inOrder(
          result.results.map((r) => r.postId),
          await services.posts.publishedByIds(result.results.map((r) => r.postId)),
        );
        const snippets = new Map(result.results.map((r) => [r.postId, r.snippet]));
        const hits = posts.map((post) => ({ post, snippet: snippets.get(post.id) ?? '' }));
        return {
          html: renderSearchPage({ site: s, q, sort, hits, next: result.next }),
          status: 200,
          tags: [pageTags.search],
        };
      } catch (error) {
        if (!isAppError(error) || error.status !== 400) throw error;
        const problem = error.problems[0]?.message ?? error.message;
        return {
          html: renderSearchPage({
            site: s,
            q,
            sort,
            hits: [],
            next: null,
            problem: `Search ${problem}`,
          }),
          status: 400,
          tags: [pageTags.search],
        };
      }
    }),
  );
});
