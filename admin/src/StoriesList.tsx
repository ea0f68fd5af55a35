import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf, type ApiClient } from './api.js';
import { FormAlert } from './FieldError.js';
import type { Post, PostKind, PostList, PostStatus } from './types.js';

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
];
const statusLabel = (status: PostStatus) =>
  statuses.find((s) => s.value === status)?.label ?? status;
const kindLabel = (kind: PostKind) =>
  kind === 'brief' ? 'Brief' : kind === 'page' ? 'Page' : 'Article';

interface Filters {
  status: PostStatus | '';
  kind: PostKind | '';
  q: string;
}

function listPath(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: '20' });
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (cursor) params.set('cursor', cursor);
  return `/posts?${params.toString()}`;
}

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';

export function StoriesList({ api, onCompose }: { api: ApiClient; onCompose: () => void }) {
  const [draft, setDraft] = useState<Filters>({ status: '', kind: '', q: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [posts, setPosts] = useState<Post[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const firstNewRow = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const load = useCallback(
    async (cursor: string | null, signal?: { cancelled: boolean }) => {
      setLoading(true);
      setError(null);
      try {
        const answer = await api.get<PostList>(listPath(filters, cursor));
        if (signal?.cancelled) return;
        setPosts((current) => (cursor ? [...current, ...answer.posts] : answer.posts));
        setNext(answer.meta.pagination.next);
      } catch (caught) {
        if (!signal?.cancelled) setError(messageOf(caught));
      } finally {
        if (!signal?.cancelled) setLoading(false);
      }
    },
    [api, filters],
  );

  useEffect(() => {
    const signal = { cancelled: false };
    void load(null, signal);
    return () => {
      signal.cancelled = true;
    };
  }, [load]);

  // After Show more, keyboard focus moves to the first newly loaded story.
  useEffect(() => {
    if (firstNewRow.current === null) return;
    const link = listRef.current?.querySelectorAll<HTMLElement>('li a')[firstNewRow.current];
    if (link) {
      link.focus();
      firstNewRow.current = null;
    }
  }, [posts]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft });
  };

  return (
    <section aria-labelledby="stories-heading">
      <div className="screen-head">
        <h1 id="stories-heading" tabIndex={-1}>
          Stories
        </h1>
        <button type="button" onClick={onCompose}>
          Post to the News Feed
        </button>
      </div>
      <form className="filters" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="stories-q">Search</label>
          <input
            id="stories-q"
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="stories-status">Status</label>
          <select
            id="stories-status"
            value={draft.status}
            onChange={(e) => {
              const value = { ...draft, status: e.target.value as PostStatus | '' };
              setDraft(value);
              setFilters(value);
            }}
          >
            {statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stories-kind">Kind</label>
          <select
            id="stories-kind"
            value={draft.kind}
            onChange={(e) => {
              const value = { ...draft, kind: e.target.value as PostKind | '' };
              setDraft(value);
              setFilters(value);
            }}
          >
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <FormAlert messages={error ? [error] : []} />
      <p className="visually-hidden" role="status">
        {loading ? 'Loading stories…' : `${posts.length} stories shown`}
      </p>
      {!loading && posts.length === 0 && !error ? <p className="empty">No stories match.</p> : null}
      <ul className="story-list" ref={listRef}>
        {posts.map((post) => (
          <li key={post.id} className="story-row">
            <a href={post.url} target="_blank" rel="noreferrer">
              {post.title || '(untitled)'}
            </a>
            <span className="meta">
              <span className={`badge status-${post.status}`}>{statusLabel(post.status)}</span>
              <span className="badge">{kindLabel(post.kind)}</span>
              {post.authors.length > 0 ? (
                <span>{post.authors.map((a) => a.name).join(', ')}</span>
              ) : null}
              <time dateTime={post.publishedAt ?? post.updatedAt}>
                {when(post.publishedAt ?? post.updatedAt)}
              </time>
            </span>
          </li>
        ))}
      </ul>
      {next ? (
        <button
          type="button"
          className="secondary show-more"
          disabled={loading}
          onClick={() => {
            firstNewRow.current = posts.length;
            void load(next);
          }}
        >
          {loading ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </section>
  );
}
