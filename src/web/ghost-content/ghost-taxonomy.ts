import type { Author } from '../../features/authors/index.js';
import type { Tag } from '../../features/tags/index.js';
import { notFound } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { pageTags } from '../site/page-tags.js';
import type { GhostIds } from './ghost-ids.js';
import { listFilter, type FilterRecord } from './ghost-list-filter.js';
import { ghostAuthor, ghostTag, ghostTier, isInternalTag, pickFields } from './ghost-mappers.js';
import { ghostPagination, parseGhostQuery, type GhostQuery } from './ghost-params.js';
import type { GhostAnswer } from './ghost-posts.js';

export type GhostTaxonomyServices = ServicesOf<'authors' | 'media' | 'posts' | 'tags' | 'tiers'>;

const orderFields = ['name', 'slug', 'created_at', 'updated_at', 'count.posts'] as const;
type OrderField = (typeof orderFields)[number];
const listResource = { includes: ['count.posts'], orderFields };
const filterFields = ['id', 'slug', 'name', 'visibility'];

export const parseListQuery = (raw: unknown): GhostQuery<OrderField> =>
  parseGhostQuery(raw, listResource);
/** Ghost's tiers take `include=monthly_price,yearly_price,benefits`: always shown here. */
export const parseTierQuery = (raw: unknown): GhostQuery<'name' | 'slug'> =>
  parseGhostQuery(raw, {
    includes: ['monthly_price', 'yearly_price', 'benefits'],
    orderFields: ['name', 'slug'],
  });

interface Item {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Tags and bylines as Ghost lists them. Both lists are short (a newsroom has hundreds, not
 * millions) and already loaded whole by the site, so filter, order and page run in memory; post
 * counts come from the link tables' (tag_id|author_id, published_at) indexes. Internal tags
 * are never listed nor read, whatever the filter (Ghost enforces `visibility:public` here).
 */
export function createGhostTaxonomy(deps: {
  services: GhostTaxonomyServices;
  publicUrl: string;
  ids: GhostIds;
}) {
  const { services, publicUrl, ids } = deps;

  const counts = async (link: 'tags' | 'authors', items: readonly Item[]) => {
    const all = new Map<string, number>();
    for (let i = 0; i < items.length; i += 500) {
      const part = await services.posts.ghost.publishedCounts(
        link,
        items.slice(i, i + 500).map((item) => item.id),
      );
      for (const [id, n] of part) all.set(id, n);
    }
    return all;
  };

  async function page<T extends Item>(options: {
    link: 'tags' | 'authors';
    items: readonly T[];
    query: GhostQuery<OrderField>;
    ghostIds: ReadonlyMap<string, string>;
    record: (item: T) => FilterRecord;
  }) {
    const { query, link } = options;
    const test = query.filter ? listFilter(query.filter, filterFields) : () => true;
    const shown = options.items.filter((item) =>
      test({ ...options.record(item), id: options.ghostIds.get(item.id) ?? item.id }),
    );
    const order = query.order ?? [{ field: 'name', direction: 'asc' }];
    const byCount = order.some((o) => o.field === 'count.posts')
      ? await counts(link, shown)
      : undefined;
    const key = (item: T, field: OrderField): string | number =>
      field === 'count.posts'
        ? (byCount?.get(item.id) ?? 0)
        : field === 'name'
          ? item.name.toLowerCase()
          : field === 'slug'
            ? item.slug
            : field === 'created_at'
              ? item.createdAt
              : item.updatedAt;
    const sorted = [...shown].sort((a, b) => {
      for (const { field, direction } of order) {
        const x = key(a, field);
        const y = key(b, field);
        if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    const start = (query.page - 1) * query.limit;
    const items = sorted.slice(start, start + query.limit);
    const postCounts = query.include.has('count.posts')
      ? (byCount ?? (await counts(link, items)))
      : undefined;
    return {
      items,
      postCounts,
      pagination: ghostPagination(query.page, query.limit, sorted.length),
    };
  }

  const mediaOf = async (mediaIds: Array<string | null>) =>
    new Map(
      (await services.media.byIds(mediaIds.filter((m): m is string => m !== null))).map((m) => [
        m.id,
        m,
      ]),
    );

  async function tagsAnswer(list: Tag[], query: GhostQuery<OrderField>, isRead: boolean) {
    const ghostIds = await ids.toGhost(
      'tag',
      list.map((t) => t.id),
    );
    const { items, postCounts, pagination } = await page({
      link: 'tags',
      items: list,
      query,
      ghostIds,
      record: (t) => ({ slug: t.slug, name: t.name, visibility: 'public' }),
    });
    const refs = {
      publicUrl,
      media: await mediaOf(items.map((t) => t.imageMediaId)),
      ids: ghostIds,
    };
    const tags = items.map((t) =>
      pickFields(
        ghostTag(t, refs, postCounts?.get(t.id) ?? (postCounts ? 0 : undefined)),
        query.fields,
        query.include,
      ),
    );
    return {
      body: isRead ? { tags } : { tags, meta: { pagination } },
      // Counts change when posts are published (`news`); tag edits drop every answer.
      tags: [pageTags.news, ...items.map((t) => pageTags.tag(t.id))],
    };
  }

  async function authorsAnswer(list: Author[], query: GhostQuery<OrderField>, isRead: boolean) {
    const ghostIds = await ids.toGhost(
      'author',
      list.map((a) => a.id),
    );
    const { items, postCounts, pagination } = await page({
      link: 'authors',
      items: list,
      query,
      ghostIds,
      record: (a) => ({ slug: a.slug, name: a.name, visibility: 'public' }),
    });
    const refs = {
      publicUrl,
      media: await mediaOf(items.map((a) => a.avatarMediaId)),
      ids: ghostIds,
    };
    const authors = items.map((a) =>
      pickFields(
        ghostAuthor(a, refs, postCounts?.get(a.id) ?? (postCounts ? 0 : undefined)),
        query.fields,
        query.include,
      ),
    );
    return {
      body: isRead ? { authors } : { authors, meta: { pagination } },
      tags: [pageTags.news, ...items.map((a) => pageTags.author(a.id))],
    };
  }

  const publicTags = () => services.tags.list({ publicOnly: true });
  const readQuery = (query: GhostQuery<OrderField>) => ({ ...query, page: 1, filter: undefined });

  return {
    browseTags: async (query: GhostQuery<OrderField>): Promise<GhostAnswer> =>
      tagsAnswer(await publicTags(), query, false),
    readTag: async (by: 'id' | 'slug', value: string, query: GhostQuery<OrderField>) => {
      const local = by === 'id' ? await ids.toLocal('tag', value) : undefined;
      const tag =
        by === 'slug'
          ? await services.tags.bySlug(value)
          : local && (await services.tags.byId(local));
      if (!tag || isInternalTag(tag)) throw notFound('Tag');
      return tagsAnswer([tag], readQuery(query), true);
    },
    browseAuthors: async (query: GhostQuery<OrderField>): Promise<GhostAnswer> =>
      authorsAnswer(await services.authors.list(), query, false),
    readAuthor: async (by: 'id' | 'slug', value: string, query: GhostQuery<OrderField>) => {
      const local = by === 'id' ? await ids.toLocal('author', value) : undefined;
      const author =
        by === 'slug'
          ? await services.authors.bySlug(value)
          : local && (await services.authors.byId(local));
      if (!author) throw notFound('Author');
      return authorsAnswer([author], readQuery(query), true);
    },
    /** Tiers on sale (archived ones are not offered to readers), in the newsroom's order. */
    async browseTiers(query: GhostQuery<'name' | 'slug'>): Promise<unknown> {
      const tiers = await services.tiers.list({ activeOnly: true });
      const ghostIds = await ids.toGhost(
        'tier',
        tiers.map((t) => t.id),
      );
      const test = query.filter
        ? listFilter(query.filter, ['id', 'slug', 'name', 'type', 'active', 'visibility'])
        : () => true;
      const shown = tiers.filter((t) =>
        test({
          id: ghostIds.get(t.id) ?? t.id,
          slug: t.slug,
          name: t.name,
          type: t.isFree ? 'free' : 'paid',
          active: t.isActive,
          visibility: 'public',
        }),
      );
      for (const { field, direction } of [...(query.order ?? [])].reverse()) {
        const sign = direction === 'asc' ? 1 : -1;
        shown.sort((a, b) => sign * a[field].localeCompare(b[field]));
      }
      const start = (query.page - 1) * query.limit;
      const refs = { publicUrl, media: new Map(), ids: ghostIds };
      return {
        tiers: shown
          .slice(start, start + query.limit)
          .map((t) => pickFields(ghostTier(t, refs), query.fields, query.include)),
        meta: { pagination: ghostPagination(query.page, query.limit, shown.length) },
      };
    },
  };
}
