import { canRead, type Audience } from '../../features/members/index.js';
import {
  ghostPostOrderColumns,
  type GhostPostOrderField,
  type Post,
  type PostKind,
} from '../../features/posts/index.js';
import { notFound } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { NqlNode } from '../../shared/nql/nql-filter.js';
import { collectMediaIds, collectRelatedPostIds, renderText } from '../../shared/richtext/index.js';
import { renderBodyHtml } from '../content/post-body-html.js';
import { pageTags, type PageTag } from '../site/page-tags.js';
import type { GhostIds } from './ghost-ids.js';
import { ghostAuthor, ghostPost, ghostTag, isInternalTag, pickFields } from './ghost-mappers.js';
import { ghostMaxPage, ghostPagination, parseGhostQuery, type GhostQuery } from './ghost-params.js';

export type GhostPostServices = ServicesOf<'authors' | 'media' | 'posts' | 'tags'>;

/** `posts/` shows stories and briefs; `pages/` the site's pages. */
export const ghostKinds = {
  posts: ['article', 'brief', 'live'],
  pages: ['page'],
} as const satisfies Record<string, readonly PostKind[]>;
export type GhostPostResource = keyof typeof ghostKinds;

const postResource = {
  includes: ['authors', 'tags'],
  orderFields: Object.keys(ghostPostOrderColumns) as GhostPostOrderField[],
};

export const parsePostQuery = (raw: unknown): GhostQuery<GhostPostOrderField> =>
  parseGhostQuery(raw, postResource);

/** A built answer and the page tags of what it shows (so publishing drops it from the cache). */
export interface GhostAnswer {
  body: unknown;
  tags: readonly PageTag[];
}

/**
 * Ghost's posts and pages over the posts service: Ghost ids in and out (the GhostIds port),
 * bodies only for readers entitled to them (the same rule as the Content API and the site).
 */
export function createGhostPosts(deps: {
  services: GhostPostServices;
  publicUrl: string;
  ids: GhostIds;
}) {
  const { services, publicUrl, ids } = deps;

  /** `id:` in a filter names Ghost ids; the posts service reads local ones. */
  const localFilter = async (node: NqlNode): Promise<NqlNode> => {
    if ('children' in node)
      return { ...node, children: await Promise.all(node.children.map(localFilter)) };
    if (node.field !== 'id') return node;
    // An id that names no post becomes '' (no post has it): the condition stays, and fails.
    const local = async (value: unknown) =>
      (typeof value === 'string' ? await ids.toLocal('post', value) : undefined) ?? '';
    if (node.kind === 'in') return { ...node, values: await Promise.all(node.values.map(local)) };
    return { ...node, value: node.value === null ? null : await local(node.value) };
  };

  async function present(posts: Post[], query: GhostQuery<string>, audience: Audience) {
    const wantsAuthors = query.include.has('authors');
    const wantsTags = query.include.has('tags');
    const [authors, tags] = await Promise.all([
      wantsAuthors
        ? services.authors.byIds([...new Set(posts.flatMap((p) => p.authors.map((a) => a.id)))])
        : [],
      wantsTags
        ? services.tags.byIds([...new Set(posts.flatMap((p) => p.tags.map((t) => t.id)))])
        : [],
    ]);
    // Bodies of every post shown, rendered from lookups made once for the whole page (related
    // stories and every image), not two queries per post.
    const rendered = query.formats.has('html')
      ? posts.filter((p) => canRead(audience, p.visibility))
      : [];
    const related = await services.posts.publishedByIds([
      ...new Set(rendered.flatMap((p) => collectRelatedPostIds(p.body))),
    ]);
    const mediaIds = [
      ...posts.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])),
      ...authors.flatMap((a) => (a.avatarMediaId ? [a.avatarMediaId] : [])),
      ...tags.flatMap((t) => (t.imageMediaId ? [t.imageMediaId] : [])),
      ...rendered.flatMap((p) => collectMediaIds(p.body)),
      ...related.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])),
    ];
    const [media, postIds, authorIds, tagIds] = await Promise.all([
      services.media.byIds([...new Set(mediaIds)]),
      ids.toGhost(
        'post',
        posts.map((p) => p.id),
      ),
      ids.toGhost(
        'author',
        authors.map((a) => a.id),
      ),
      ids.toGhost(
        'tag',
        tags.map((t) => t.id),
      ),
    ]);
    const mediaById = new Map(media.map((m) => [m.id, m]));
    const bodyRefs = { related: new Map(related.map((p) => [p.id, p])), media: mediaById };
    const refs = (map: ReadonlyMap<string, string>) => ({ publicUrl, media: mediaById, ids: map });
    const authorById = new Map(authors.map((a) => [a.id, ghostAuthor(a, refs(authorIds))]));
    const tagById = new Map(
      tags.filter((t) => !isInternalTag(t)).map((t) => [t.id, ghostTag(t, refs(tagIds))]),
    );
    return posts.map((post) => {
      const hasAccess = canRead(audience, post.visibility);
      const html = query.formats.has('html')
        ? hasAccess
          ? renderBodyHtml(post.body, bodyRefs)
          : ''
        : undefined;
      const plaintext = query.formats.has('plaintext')
        ? hasAccess
          ? renderText(post.body)
          : ''
        : undefined;
      const item = ghostPost(
        post,
        refs(postIds),
        { hasAccess, html, plaintext },
        {
          ...(wantsAuthors
            ? { authors: post.authors.flatMap((a) => authorById.get(a.id) ?? []) }
            : {}),
          ...(wantsTags ? { tags: post.tags.flatMap((t) => tagById.get(t.id) ?? []) } : {}),
        },
      );
      return pickFields(item, query.fields, query.include);
    });
  }

  return {
    async browse(
      resource: GhostPostResource,
      query: GhostQuery<GhostPostOrderField>,
      audience: Audience,
    ): Promise<GhostAnswer> {
      const { posts, total } = await services.posts.ghost.browse({
        kinds: ghostKinds[resource],
        filter: query.filter ? await localFilter(query.filter) : undefined,
        order: query.order ?? [{ field: 'published_at', direction: 'desc' }],
        limit: query.limit,
        offset: (query.page - 1) * query.limit,
        countCap: ghostMaxPage * query.limit + 1,
      });
      return {
        body: {
          [resource]: await present(posts, query, audience),
          meta: { pagination: ghostPagination(query.page, query.limit, total) },
        },
        // Any publish or unpublish drops `news`: a list is new or stale whatever it shows.
        tags: [pageTags.news, ...posts.map((p) => pageTags.post(p.id))],
      };
    },

    /** One post or page, as a one-element list without `meta` (how Ghost's client tells a read). */
    async read(
      resource: GhostPostResource,
      by: 'id' | 'slug',
      value: string,
      query: GhostQuery<GhostPostOrderField>,
      audience: Audience,
    ): Promise<GhostAnswer> {
      const local = by === 'id' ? await ids.toLocal('post', value) : value;
      const post =
        local === undefined
          ? undefined
          : await services.posts.ghost.one({ kinds: ghostKinds[resource], by, value: local });
      if (!post) throw notFound(resource === 'pages' ? 'Page' : 'Post');
      return {
        body: { [resource]: await present([post], query, audience) },
        tags: [pageTags.post(post.id), pageTags.slug(post.slug)],
      };
    },
  };
}
