import { useEffect, useState } from 'react';
import { messageOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Author, Post, SiteSettings, Tag } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { StoryEditor } from './StoryEditor.js';
import { draftOf, newDraft } from './story-draft.js';
import './story-editor.css';

interface Loaded {
  post: Post | null;
  settings: SiteSettings;
  authors: Author[];
  tags: Tag[];
  myAuthorId: string | null;
}

/** `/admin/stories/new` (`?kind=page` for a page) and `/admin/stories/<id>`. */
export function StoryEditorScreen(props: ScreenProps) {
  const { api, params, search } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [post, settings, authors, tags, me] = await Promise.all([
          params.id ? api.get('/posts/{id}', { params: { path: { id: params.id } } }) : null,
          api.get('/settings'),
          api.get('/authors'),
          api.get('/tags'),
          api.get('/me'),
        ]);
        if (cancelled) return;
        setLoaded({
          post: post?.post ?? null,
          settings: settings.settings,
          authors: authors.authors,
          tags: tags.tags,
          myAuthorId: me.author?.id ?? null,
        });
      } catch (caught) {
        if (!cancelled) setProblem(messageOf(caught));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, params.id]);

  if (problem)
    return (
      <section>
        <h1 tabIndex={-1}>Story</h1>
        <FormAlert messages={[problem]} />
      </section>
    );
  if (!loaded)
    return (
      <p className="loading" role="status">
        Loading the story…
      </p>
    );
  const kind = new URLSearchParams(search).get('kind') === 'page' ? 'page' : 'article';
  return (
    <StoryEditor
      {...props}
      post={loaded.post}
      initialDraft={loaded.post ? draftOf(loaded.post) : newDraft(kind, loaded.myAuthorId)}
      settings={loaded.settings}
      authors={loaded.authors}
      tags={loaded.tags}
    />
  );
}
