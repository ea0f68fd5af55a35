import { useQuery } from '@tanstack/react-query';
import { messageOf, type ApiClient } from '../../api.js';
import { AppLink } from '../../ui/AppLink.js';
import { formatNumber } from '../../ui/format.js';
import type { Navigate } from '../../routes.js';
import { presetRange } from '../analytics/analytics-range.js';
import './story-numbers.css';

/** The story's own audience over the last 30 newsroom days (editors and above). */
export function StoryNumbersPanel(props: {
  api: ApiClient;
  postId: string;
  timeZone: string;
  navigate: Navigate;
}) {
  const range = presetRange('30d', props.timeZone);
  const numbers = useQuery({
    queryKey: ['analytics', 'post', props.postId, range],
    queryFn: async () =>
      (
        await props.api.get('/analytics/posts/{id}', {
          params: { path: { id: props.postId }, query: range },
        })
      ).post,
  });
  return (
    <section className="panel" aria-labelledby="story-numbers-heading">
      <h2 id="story-numbers-heading">Numbers</h2>
      {numbers.isError ? (
        <p className="form-alert" role="alert">
          {messageOf(numbers.error)}
        </p>
      ) : !numbers.data ? (
        <p role="status">Loading numbers…</p>
      ) : (
        <>
          <dl className="story-numbers" aria-label="Last 30 days">
            <div>
              <dt>Views</dt>
              <dd>{formatNumber(numbers.data.views)}</dd>
            </div>
            <div>
              <dt>Visitors</dt>
              <dd>{formatNumber(numbers.data.visitors)}</dd>
            </div>
            <div>
              <dt>Sign-ups</dt>
              <dd>{formatNumber(numbers.data.signups)}</dd>
            </div>
            <div>
              <dt>Paid</dt>
              <dd>{formatNumber(numbers.data.paid)}</dd>
            </div>
          </dl>
          <p className="hint">
            Last 30 days.{' '}
            <AppLink to="/admin/analytics" navigate={props.navigate}>
              All analytics
            </AppLink>
          </p>
        </>
      )}
    </section>
  );
}
