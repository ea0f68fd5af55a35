import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api.js';
import { postEmailQuery } from '../../query/queries.js';
import type { EmailProgress, Newsletter } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { formatNumber } from '../../ui/format.js';
import type { Navigate } from '../../routes.js';
import { doneCount, emailStatusLabel, isUnderWay } from '../emails/email-text.js';

/** How often the panel asks while the email is leaving. */
const pollMs = 1000;

/** The story's email: polled while it sends, with a bar and, at the end, its outcome. */
export function useStoryEmail(api: ApiClient, postId: string | null, isLive: boolean) {
  return useQuery({
    ...postEmailQuery(api, postId ?? ''),
    enabled: postId !== null,
    // A scheduled story's email waits for the story: no need to ask every second until then.
    refetchInterval: (query) => {
      const email = query.state.data;
      return email && isUnderWay(email) && (isLive || email.status === 'sending') ? pollMs : false;
    },
  });
}

/** "Sending: 120 of 500", a progress bar, then "Sent" (or Failed/Cancelled) and the report. */
export function EmailProgressBar(props: {
  email: EmailProgress;
  newsletter: Newsletter | undefined;
  isLive: boolean;
  navigate: Navigate;
}) {
  const { email } = props;
  const done = doneCount(email);
  const total = email.recipientCount;
  const waiting = email.status === 'pending' && !props.isLive;
  const list = props.newsletter?.name ?? 'the newsletter';
  return (
    <div className={`story-email story-email-${email.status}`} data-testid="story-email">
      <p className="story-email-head">
        Email to {list}:{' '}
        <span className={`badge email-status-${email.status}`}>
          {waiting ? 'Leaves when the story goes live' : emailStatusLabel[email.status]}
        </span>
      </p>
      {waiting ? null : (
        <>
          <div
            className="email-progress"
            role="progressbar"
            aria-label={`Email to ${list}`}
            aria-valuemin={0}
            aria-valuemax={Math.max(total, 1)}
            aria-valuenow={done}
            aria-valuetext={`${formatNumber(done)} of ${formatNumber(total)} recipients`}
          >
            <span
              className="email-progress-fill"
              style={{ width: `${total > 0 ? Math.round((done / total) * 100) : 100}%` }}
            />
          </div>
          <p className="hint" aria-live="polite">
            {formatNumber(email.sentCount)} of {formatNumber(total)} sent
            {email.failedCount > 0 ? ` · ${formatNumber(email.failedCount)} failed` : ''}
            {email.uncertainCount > 0 ? ` · ${formatNumber(email.uncertainCount)} uncertain` : ''}
          </p>
        </>
      )}
      <p className="hint">
        <AppLink to={`/admin/emails/${email.id}`} navigate={props.navigate}>
          Email report
        </AppLink>
      </p>
    </div>
  );
}
