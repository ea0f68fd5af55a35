import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { queryKeys } from '../../query/queries.js';

/** The story a test sends: its id and what the editor recognises it by. */
export interface PickedStory {
  id: string;
  title: string;
  status: string;
}

const searchDelayMs = 250;
const shown = 8;

/** "Draft", "Published" … beside a title, so two stories of one headline can be told apart. */
const statusWord = (status: string): string =>
  ({ draft: 'Draft', published: 'Published', scheduled: 'Scheduled' })[status] ?? status;

/**
 * Choosing a story for a test send: its latest published and draft stories at first, then those
 * whose headline has the words typed (the posts list API's `q`), as radio buttons. The chosen
 * story stays listed first while another search runs, so a choice never disappears under the
 * editor's cursor.
 */
export function StoryPicker(props: {
  api: ApiClient;
  picked: PickedStory | null;
  onPick: (story: PickedStory) => void;
  problem: string | undefined;
  problemId: string;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  // What is searched for: the words typed, once typing pauses.
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(typed.trim()), searchDelayMs);
    return () => clearTimeout(timer);
  }, [typed]);
  const results = useQuery({
    queryKey: [...queryKeys.stories, 'test-send-picker', searched],
    queryFn: async () =>
      (
        await props.api.get('/posts', {
          params: {
            query: {
              status: 'published,draft',
              limit: shown,
              ...(searched ? { q: searched } : {}),
            },
          },
        })
      ).posts.map((p) => ({ id: p.id, title: p.title, status: p.status })),
  });
  const found = results.data ?? [];
  const choices =
    props.picked && !found.some((s) => s.id === props.picked?.id)
      ? [props.picked, ...found]
      : found;
  const hintId = `${id}-hint`;
  const statusText = results.error
    ? messageOf(results.error)
    : results.isPending
      ? 'Loading stories…'
      : found.length === 0
        ? searched
          ? `No published or draft story has “${searched}” in its headline.`
          : 'No published or draft stories yet.'
        : searched
          ? `${found.length} ${found.length === 1 ? 'story' : 'stories'} found.`
          : 'The latest published and draft stories.';

  return (
    <fieldset
      className="story-picker"
      aria-describedby={props.problem ? props.problemId : undefined}
    >
      <legend>Story to send</legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>Find a story by its headline</label>
        <input
          id={`${id}-q`}
          type="search"
          value={typed}
          maxLength={200}
          aria-describedby={hintId}
          onChange={(event) => {
            setTyped(event.target.value);
            // An emptied box goes back to the latest stories at once.
            if (!event.target.value.trim()) setSearched('');
          }}
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        />
        <p className="hint" id={hintId} role="status">
          {statusText}
        </p>
      </div>
      {choices.length > 0 ? (
        <ul className="story-picker-choices">
          {choices.map((story) => (
            <li key={story.id}>
              <input
                type="radio"
                id={`${id}-${story.id}`}
                name={`${id}-story`}
                value={story.id}
                checked={props.picked?.id === story.id}
                onChange={() => props.onPick(story)}
              />
              <label htmlFor={`${id}-${story.id}`}>
                {story.title || 'Untitled'}{' '}
                <span className="badge">{statusWord(story.status)}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {props.problem ? (
        <p className="field-error" id={props.problemId}>
          {props.problem}
        </p>
      ) : null}
    </fieldset>
  );
}
