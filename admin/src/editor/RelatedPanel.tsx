import type { Editor } from '@tiptap/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { messageOf, type ApiClient } from '../api.js';
import { queryKeys } from '../query/queries.js';
import type { Post } from '../types.js';
import { insertBlock } from './insert-block.js';
import type { PostTitles } from './post-titles.js';
import { Panel } from './Panel.js';

type Search =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'done'; posts: Post[] }
  | { state: 'failed'; message: string };

const SEARCH_DELAY_MS = 250;

export interface RelatedPanelProps {
  id: string;
  editor: Editor;
  api: ApiClient;
  postTitles: PostTitles;
  onClose: () => void;
}

export function RelatedPanel({ id, editor, api, postTitles, onClose }: RelatedPanelProps) {
  const inputId = useId();
  const resultsId = `${inputId}-results`;
  const [query, setQuery] = useState('');
  // What is searched for: the words typed, once typing pauses.
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const isIdle = searched === '' || query.trim() === '';
  const results = useQuery({
    queryKey: [...queryKeys.stories, 'related-search', searched],
    queryFn: async () =>
      (
        await api.get('/posts', {
          params: { query: { q: searched, status: 'published', limit: 8 } },
        })
      ).posts,
    enabled: !isIdle,
  });
  const search: Search = isIdle
    ? { state: 'idle' }
    : results.error
      ? { state: 'failed', message: messageOf(results.error) }
      : results.data
        ? { state: 'done', posts: results.data }
        : { state: 'searching' };

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const choose = (post: Post) => {
    postTitles.remember({ id: post.id, title: post.title, status: post.status });
    onClose();
    if (!insertBlock(editor, { type: 'relatedPost', attrs: { postId: post.id } }))
      editor.commands.focus();
  };

  return (
    <Panel id={id} label="Related story" onClose={close}>
      <label htmlFor={inputId}>Search stories</label>
      <div className="body-panel__row">
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            // An emptied box forgets the last search, so the next words start afresh.
            if (!event.target.value.trim()) setSearched('');
          }}
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        />
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
      <p
        id={resultsId}
        role="status"
        className={search.state === 'failed' ? 'body-error' : 'body-field__hint'}
      >
        {statusText(search)}
      </p>
      {search.state === 'done' && search.posts.length > 0 && (
        <ul className="body-panel__list">
          {search.posts.map((post) => (
            <li key={post.id}>
              <button type="button" className="body-panel__result" onClick={() => choose(post)}>
                {post.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function statusText(search: Search): string {
  switch (search.state) {
    case 'idle':
      return 'Type words from a published story’s headline.';
    case 'searching':
      return 'Searching…';
    case 'failed':
      return search.message;
    case 'done':
      return search.posts.length === 0
        ? 'No published stories match.'
        : `${search.posts.length} ${search.posts.length === 1 ? 'story' : 'stories'} found.`;
  }
}
