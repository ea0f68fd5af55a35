import { useQueries } from '@tanstack/react-query';
import { messageOf } from '../../api.js';
import {
  authorsQuery,
  meQuery,
  settingsQuery,
  storyQuery,
  tagsQuery,
} from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import { FormAlert } from '../../ui/FieldError.js';
import { StoryEditor } from './StoryEditor.js';
import { draftOf, newDraft } from './story-draft.js';
import './story-editor.css';

/** `/admin/stories/new` (`?kind=page` for a page, `?kind=live` for a live page) and `/admin/stories/<id>`. */
export function StoryEditorScreen(props: ScreenProps) {
  const { api, params, search } = props;
  const id = params.id;
  const [post, settings, authors, tags, me] = useQueries({
    queries: [
      { ...storyQuery(api, id ?? ''), enabled: id !== undefined },
      settingsQuery(api),
      authorsQuery(api),
      tagsQuery(api),
      meQuery(api),
    ],
  });
  const failed = [post, settings, authors, tags, me].find((q) => q.error)?.error;
  const problem = failed ? messageOf(failed) : null;
  const loaded =
    (id === undefined || post.data) && settings.data && authors.data && tags.data && me.data
      ? {
          post: post.data ?? null,
          settings: settings.data,
          authors: authors.data,
          tags: tags.data,
          myAuthorId: me.data.author?.id ?? null,
        }
      : null;

  // Once the editor shows, it owns the story: a later failed refresh of a list must not unmount it.
  if (problem && !loaded)
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
  const asked = new URLSearchParams(search).get('kind');
  const kind = asked === 'page' || asked === 'live' ? asked : 'article';
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
