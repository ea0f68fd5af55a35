// `/admin/stories/<id>/live`: a live page's updates. The composer on top, then the updates
// newest first (pin, key event, edit, delete), and "End coverage".
import { useQueries } from '@tanstack/react-query';
import { messageOf } from '../../api.js';
import { storyQuery } from '../../query/queries.js';
import { pathTo } from '../../routes.js';
import type { ScreenProps } from '../../screen-props.js';
import { AppLink } from '../../ui/AppLink.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomTimeZone } from '../../ui/use-newsroom-time-zone.js';
import { EndCoverage } from './EndCoverage.js';
import { LiveComposer } from './LiveComposer.js';
import { LiveUpdateItem } from './LiveUpdateItem.js';
import { liveUpdatesQuery } from './live-queries.js';
import './live.css';

export function LiveScreen({ api, params, navigate }: ScreenProps) {
  const id = params.id ?? '';
  const timeZone = useNewsroomTimeZone(api);
  const [post, live] = useQueries({ queries: [storyQuery(api, id), liveUpdatesQuery(api, id)] });
  const failed = post.error ?? live.error;
  if (failed)
    return (
      <section>
        <h1 tabIndex={-1}>Live page</h1>
        <FormAlert messages={[messageOf(failed)]} />
      </section>
    );
  if (!post.data || !live.data)
    return (
      <p className="loading" role="status">
        Loading the live page…
      </p>
    );
  const { updates, coverage } = live.data;
  return (
    <section className="live-screen" aria-labelledby="live-heading">
      <div className="screen-head">
        <h1 id="live-heading" tabIndex={-1}>
          Live: {post.data.title}
        </h1>
        <div className="actions">
          <AppLink
            className="button secondary"
            to={pathTo('/admin/stories/:id', { id })}
            navigate={navigate}
          >
            Edit headline and intro
          </AppLink>
          {post.data.status === 'published' ? (
            <a className="button secondary" href={post.data.url} target="_blank" rel="noreferrer">
              View the live page
            </a>
          ) : null}
        </div>
      </div>
      {post.data.status !== 'published' ? (
        <p className="notice">
          Not published yet: updates appear to readers once the page is published.
        </p>
      ) : null}
      {coverage.endedAt ? null : <LiveComposer api={api} postId={id} />}
      <h2>Updates ({updates.filter((u) => !u.deletedAt).length})</h2>
      {updates.length === 0 ? <p className="hint">No updates yet.</p> : null}
      <ol className="live-updates">
        {updates.map((update) => (
          <LiveUpdateItem
            key={`${update.id}-${update.version}`}
            api={api}
            update={update}
            timeZone={timeZone}
          />
        ))}
      </ol>
      {post.data.status === 'published' || coverage.endedAt ? (
        <EndCoverage api={api} postId={id} endedAt={coverage.endedAt} timeZone={timeZone} />
      ) : null}
    </section>
  );
}
