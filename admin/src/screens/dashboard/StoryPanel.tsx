import type { Navigate } from '../../routes.js';
import type { Post, PostStatus } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { formatDateTime } from '../../ui/format.js';
import type { Loaded } from './use-load.js';

const statusLabels: Record<PostStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/** A short list of stories, each linking to its editor, with the time that matters for it. */
export function StoryPanel(props: {
  id: string;
  title: string;
  stories: Loaded<Post[]>;
  empty: string;
  timeOf: (post: Post) => { iso: string | null; text: string };
  navigate: Navigate;
}) {
  const { stories } = props;
  return (
    <section className="dashboard-panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {stories.kind === 'loading' ? (
        <p role="status">Loading stories…</p>
      ) : stories.kind === 'error' ? (
        <p className="form-alert" role="alert">
          {stories.message}
        </p>
      ) : stories.value.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="dashboard-stories">
          {stories.value.map((post) => {
            const time = props.timeOf(post);
            return (
              <li key={post.id}>
                <AppLink to={`/admin/stories/${post.id}`} navigate={props.navigate}>
                  {post.title || '(untitled)'}
                </AppLink>
                <span className="meta">
                  <span className={`badge status-${post.status}`}>
                    {statusLabels[post.status] ?? post.status}
                  </span>
                  {time.iso ? <time dateTime={time.iso}>{time.text}</time> : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export const scheduledTime = (post: Post, timeZone: string) => ({
  iso: post.scheduledAt,
  text: post.scheduledAt ? `for ${formatDateTime(post.scheduledAt, timeZone)}` : '',
});

export const latestTime = (post: Post, timeZone: string) => {
  const iso = post.publishedAt ?? post.updatedAt;
  return {
    iso,
    text: `${post.publishedAt ? 'published' : 'edited'} ${formatDateTime(iso, timeZone)}`,
  };
};
