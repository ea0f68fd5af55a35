import type { Kysely } from 'kysely';
import type { Doc } from '../../shared/richtext/index.js';
import { renderText } from '../../shared/richtext/index.js';
import { refreshSitemapParts } from '../../web/site/feeds/sitemap-index.js';
import type { AppTables } from '../app-database.js';
import type { Services } from '../services.js';
import { postsForIndex } from './archive-rows.repository.js';

/**
 * What an archive leaves out because the rows determine it: the search index (the same
 * document the posts service indexes on every save), the stories sitemap's parts, and the
 * planner statistics a bulk load needs. Returns how many posts were indexed.
 */
export async function rebuildDerived(options: {
  db: Kysely<AppTables>;
  services: Pick<Services, 'posts' | 'search'>;
  onProgress?: (step: string, done: number) => void;
}): Promise<number> {
  let indexed = 0;
  const count = await options.services.search.reindexAll(async (afterId, limit) => {
    const rows = await postsForIndex(options.db, afterId, limit);
    indexed += rows.length;
    options.onProgress?.('search index', indexed);
    return rows.map((row) => ({
      postId: row.id,
      status: row.status,
      kind: row.kind,
      publishedAt: row.published_at,
      title: row.title,
      dek: row.dek,
      visibility: row.visibility,
      excerpt: row.custom_excerpt ?? row.excerpt,
      // Stored bodies were validated when saved.
      bodyText: renderText(JSON.parse(row.body) as Doc),
    }));
  });
  await refreshSitemapParts(options.services, { isFull: true });
  await options.services.posts.refreshStatistics();
  return count;
}
