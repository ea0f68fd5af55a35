import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { messageOf, type QueryOf } from '../../api.js';
import { authorsQuery, queryKeys, tagsQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Post, PostKind, PostStatus } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomClock, ZoneNote } from '../../ui/newsroom-clock.js';
import { reloadPagedLists, usePagedList } from '../../ui/use-paged-list.js';
import { BulkActions } from './BulkActions.js';
import './stories.css';
import { ShowMore } from '../../ui/ShowMore.js';

const statuses: { value: PostStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'draft', label: 'Draft' },
  { value: 'in_review', label: 'In review' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'published', label: 'Published' },
  { value: 'unpublished', label: 'Unpublished' },
];
const kinds: { value: PostKind | ''; label: string }[] = [
  { value: '', label: 'Any kind' },
  { value: 'article', label: 'Article' },
  { value: 'brief', label: 'News Feed brief' },
  { value: 'page', label: 'Page' },
  { value: 'live', label: 'Live page' },
];
const sorts = [
  { value: 'updatedAt', label: 'Last edited' },
  { value: 'publishedAt', label: 'Published' },
  { value: 'createdAt', label: 'Created' },
  { value: 'scheduledAt', label: 'Scheduled time (scheduled only)' },
] as const;
type Sort = (typeof sorts)[number]['value'];

export const statusLabel = (status: PostStatus) =>
  statuses.find((s) => s.value === status)?.label ?? status;
const kindLabel = (kind: PostKind) =>
  kind === 'brief' ? 'Brief' : kind === 'page' ? 'Page' : kind === 'live' ? 'Live' : 'Article';

interface Filters {
  status: PostStatus | '';
  kind: PostKind | '';
  author: string;
  tag: string;
  sort: Sort;
  q: string;
}

/** The filters in the address (`?status=draft&author=…`), so a filtered list can be linked to. */
function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = params.get(name) ?? '';
    return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  };
  return {
    status: pick(
      'status',
      statuses.map((s) => s.value),
      '',
    ),
    kind: pick(
      'kind',
      kinds.map((k) => k.value),
      '',
    ),
    author: params.get('author') ?? '',
    tag: params.get('tag') ?? '',
    sort: pick(
      'sort',
      sorts.map((s) => s.value),
      'updatedAt',
    ),
    q: params.get('q') ?? '',
  };
}

function queryOf(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [keyof Filters, string][])
    if (value.trim() && !(key === 'sort' && value === 'updatedAt')) params.set(key, value.trim());
  return params;
}

/** The filters as the API takes them (the same fields as the address, in the same order). */
function listQuery(filters: Filters, cursor: string | null): QueryOf<'get', '/posts'> {
  const text = (value: string) => value.trim() || undefined;
  return {
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    author: text(filters.author),
    tag: text(filters.tag),
    sort: filters.sort === 'updatedAt' ? undefined : filters.sort,
    q: text(filters.q),
    limit: 20,
    cursor: cursor ?? undefined,
  };
}

export function StoriesList({ api, navigate, search }: ScreenProps) {
  const filters = filtersOf(search);
  const filterKey = queryOf(filters).toString();
  const [draftQ, setDraftQ] = useState(filters.q);
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [done, setDone] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const clock = useNewsroomClock();
  const queryClient = useQueryClient();
  const authorsAnswer = useQuery(authorsQuery(api));
  const tagsAnswer = useQuery(tagsQuery(api));
  const authors = authorsAnswer.data ?? [];
  const tags = tagsAnswer.data ?? [];

  // After Show more, keyboard focus moves to the first newly loaded story.
  const list = usePagedList({
    queryKey: [...queryKeys.stories, 'list', filterKey],
    fetchPage: async (cursor) => {
      const answer = await api.get('/posts', {
        params: { query: listQuery(filtersOf(`?${filterKey}`), cursor) },
      });
      return { items: answer.posts, next: answer.meta.pagination.next };
    },
    rows: { container: listRef, selector: 'li a.story-title' },
  });
  const posts = list.items;
  const loading = list.isLoading;
  const selected = posts.filter((p) => selectedIds.has(p.id));
  const toggle = (id: string) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allShown = posts.length > 0 && selected.length === posts.length;
  /** After a change: say what happened, clear the selection, load the stories afresh. */
  const changed = (message: string) => {
    setDone(message);
    setSelectedIds(new Set());
    void reloadPagedLists(queryClient, queryKeys.stories);
  };
  const duplication = useMutation({
    mutationFn: (post: Post) =>
      api.post('/posts/{id}/duplicate', { params: { path: { id: post.id } } }),
    onSuccess: ({ post: copy }) => {
      void reloadPagedLists(queryClient, queryKeys.stories);
      navigate(`/admin/stories/${copy.id}`);
    },
  });
  const remove = async (post: Post) => {
    await api.del('/posts/{id}', {
      params: {
        path: { id: post.id },
        query: post.status === 'published' ? { unpublishFirst: 'true' } : {},
      },
    });
    changed(`Deleted “${post.title}”.`);
  };
  const error =
    [authorsAnswer.error, tagsAnswer.error, duplication.error]
      .filter((e) => e !== null)
      .map(messageOf)[0] ?? null;

  const apply = (requested: Filters) => {
    // Scheduled time exists only for scheduled stories: the two go together.
    const next = { ...requested };
    if (next.sort === 'scheduledAt' && filters.sort !== 'scheduledAt') next.status = 'scheduled';
    else if (next.sort === 'scheduledAt' && next.status !== 'scheduled') next.sort = 'updatedAt';
    const query = queryOf(next).toString();
    navigate(`/admin/stories${query ? `?${query}` : ''}`, { replace: true });
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...filters, q: draftQ });
  };

  const select = (
    id: string,
    label: string,
    key: Exclude<keyof Filters, 'q'>,
    options: { value: string; label: string }[],
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={filters[key]}
        onChange={(e) => apply({ ...filters, q: draftQ, [key]: e.target.value })}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="stories-heading">
      <div className="screen-head">
        <h1 id="stories-heading" tabIndex={-1}>
          Stories
        </h1>
        <div className="actions">
          <AppLink className="button" to="/admin/stories/new" navigate={navigate}>
            New story
          </AppLink>
          <AppLink
            className="button secondary"
            to="/admin/stories/new?kind=page"
            navigate={navigate}
          >
            New page
          </AppLink>
          <AppLink
            className="button secondary"
            to="/admin/stories/new?kind=live"
            navigate={navigate}
          >
            New live page
          </AppLink>
          <AppLink className="button secondary" to="/admin/news-feed/new" navigate={navigate}>
            Post to the News Feed
          </AppLink>
        </div>
      </div>
      <form className="filters" role="search" onSubmit={submitSearch}>
        <div className="field">
          <label htmlFor="stories-q">Search</label>
          <input
            id="stories-q"
            type="search"
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
          />
        </div>
        {select('stories-status', 'Status', 'status', statuses)}
        {select('stories-kind', 'Kind', 'kind', kinds)}
        {select('stories-author', 'Author', 'author', [
          { value: '', label: 'Any author' },
          ...authors.map((a) => ({ value: a.id, label: a.name })),
        ])}
        {select('stories-tag', 'Section or tag', 'tag', [
          { value: '', label: 'Any section' },
          ...tags.map((t) => ({ value: t.id, label: t.name })),
        ])}
        {select('stories-sort', 'Sort by', 'sort', [...sorts])}
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ZoneNote />
      <FormAlert messages={[list.error, error].filter((m) => m !== null)} />
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      {posts.length > 0 ? (
        <label className="select-all">
          <input
            type="checkbox"
            checked={allShown}
            onChange={() => setSelectedIds(allShown ? new Set() : new Set(posts.map((p) => p.id)))}
          />{' '}
          Select all shown
        </label>
      ) : null}
      {selected.length > 0 ? (
        <BulkActions
          api={api}
          selected={selected}
          tags={tags}
          authors={authors}
          onDone={changed}
          onClear={() => setSelectedIds(new Set())}
        />
      ) : null}
      <p className="visually-hidden" role="status">
        {loading ? 'Loading stories…' : `${posts.length} stories shown`}
      </p>
      {!loading && posts.length === 0 && !list.error && !error ? (
        <p className="empty">No stories match.</p>
      ) : null}
      <ul className="story-list" ref={listRef}>
        {posts.map((post) => (
          <li key={post.id} className="story-row">
            <input
              type="checkbox"
              className="story-select"
              aria-label={`Select ${post.title || '(untitled)'}`}
              checked={selectedIds.has(post.id)}
              onChange={() => toggle(post.id)}
            />
            <AppLink className="story-title" to={`/admin/stories/${post.id}`} navigate={navigate}>
              {post.title || '(untitled)'}
            </AppLink>
            <span className="meta">
              <span className={`badge status-${post.status}`}>{statusLabel(post.status)}</span>
              <span className="badge">{kindLabel(post.kind)}</span>
              {post.authors.length > 0 ? (
                <span>{post.authors.map((a) => a.name).join(', ')}</span>
              ) : null}
              <time dateTime={post.publishedAt ?? post.scheduledAt ?? post.updatedAt}>
                {post.status === 'scheduled' && post.scheduledAt
                  ? `for ${clock.dateTime(post.scheduledAt)}`
                  : clock.dateTime(post.publishedAt ?? post.updatedAt)}
              </time>
              {post.status === 'published' ? (
                <a href={post.url} target="_blank" rel="noreferrer">
                  View on site<span className="visually-hidden"> (opens a new tab)</span>
                </a>
              ) : null}
            </span>
            <span className="row-actions">
              <button
                type="button"
                className="secondary"
                aria-label={`Duplicate ${post.title}`}
                onClick={() => duplication.mutate(post)}
              >
                Duplicate
              </button>
              <ConfirmAction
                label="Delete"
                accessibleLabel={`Delete ${post.title}`}
                question={
                  post.status === 'published'
                    ? `“${post.title}” is published: it will be taken off the site, then deleted. This cannot be undone.`
                    : `Delete “${post.title}”? This cannot be undone.`
                }
                confirmLabel={post.status === 'published' ? 'Unpublish and delete' : 'Delete story'}
                onConfirm={() => remove(post)}
              />
            </span>
          </li>
        ))}
      </ul>
      <ShowMore list={list} />
    </section>
  );
}
