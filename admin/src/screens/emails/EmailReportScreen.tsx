import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import { ApiError, messageOf } from '../../api.js';
import { emailReportQuery, newsletterKeys, newslettersQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { EmailReport } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { FormAlert } from '../../ui/FieldError.js';
import { formatNumber } from '../../ui/format.js';
import { useNewsroomClock, ZoneNote } from '../../ui/newsroom-clock.js';
import {
  doneCount,
  emailStatusLabel,
  isUnderWay,
  recipientStateLabel,
  segmentLabel,
} from './email-text.js';
import './emails.css';

/** The figures of an email's report, in the order people read them. */
const figures = (email: EmailReport): [string, number, string?][] => [
  ['Recipients', email.recipientCount, 'fixed when the send started'],
  ['Sent', email.sentCount, 'accepted by the mail server'],
  ['Failed', email.failedCount, 'refused by the mail server'],
  ['Uncertain', email.uncertainCount, 'may have arrived: the hand-off was cut off'],
  ['Skipped', email.skippedCount, 'unsubscribed or suppressed before their turn'],
  ['Bounces', email.bounceCount, 'hard bounces and complaints'],
  ['Unsubscribes', email.unsubscribeCount],
];

/** `/admin/emails/<id>`: what an email did, its problems, and Cancel and Retry for editors. */
export function EmailReportScreen({ api, session, params, navigate }: ScreenProps) {
  const id = params.id ?? '';
  const clock = useNewsroomClock();
  const queryClient = useQueryClient();
  const report = useQuery({
    ...emailReportQuery(api, id),
    // Live while it sends; still afterwards.
    refetchInterval: (query) => (query.state.data && isUnderWay(query.state.data) ? 1000 : false),
  });
  const newsletters = useQuery(newslettersQuery(api));
  const maySend = roleMay(session.user.role, 'newsletters.send');
  const [includeUncertain, setIncludeUncertain] = useState(false);
  const [notice, setNotice] = useState('');

  /** A cancel or retry answers the email's progress: the report (and the story's bar) reload. */
  const changed = (postId: string | null) => {
    void queryClient.invalidateQueries({ queryKey: newsletterKeys.email(id) });
    if (postId) void queryClient.invalidateQueries({ queryKey: newsletterKeys.postEmail(postId) });
  };
  const retry = useMutation({
    mutationFn: () =>
      api.post('/emails/{id}/retry', { params: { path: { id } }, body: { includeUncertain } }),
    onSuccess: (answer) => {
      setNotice(
        `Sending again to ${formatNumber(answer.requeued)} ${answer.requeued === 1 ? 'recipient' : 'recipients'}.`,
      );
      setIncludeUncertain(false);
      changed(report.data?.postId ?? null);
    },
  });

  const email = report.data;
  const missing =
    report.error instanceof ApiError && [400, 404].includes(report.error.status) ? true : false;
  const newsletter = newsletters.data?.find((n) => n.id === email?.newsletterId);

  const head = (
    <>
      <p className="back-link">
        {email?.postId ? (
          <AppLink to={`/admin/stories/${email.postId}`} navigate={navigate}>
            Back to the story
          </AppLink>
        ) : (
          <AppLink to="/admin/newsletters" navigate={navigate}>
            Newsletters
          </AppLink>
        )}
      </p>
      <h1 id="email-heading" tabIndex={-1}>
        Email report
      </h1>
    </>
  );
  if (!email)
    return (
      <section aria-labelledby="email-heading">
        {head}
        {missing ? <p>There is no email at this address.</p> : null}
        {report.error && !missing ? <FormAlert messages={[messageOf(report.error)]} /> : null}
        {report.isPending ? <p role="status">Loading the report…</p> : null}
      </section>
    );

  const done = doneCount(email);
  const retryable = email.failedCount + (includeUncertain ? email.uncertainCount : 0);
  return (
    <section aria-labelledby="email-heading" className="email-report">
      {head}
      <p className="lede email-subject">
        <strong>{email.subject}</strong>
      </p>
      <p>
        To {newsletter?.name ?? 'a newsletter'} · {segmentLabel[email.segment]} ·{' '}
        <span className={`badge email-status-${email.status}`}>
          {emailStatusLabel[email.status]}
        </span>
      </p>
      <div
        className="email-progress"
        role="progressbar"
        aria-label="Recipients dealt with"
        aria-valuemin={0}
        aria-valuemax={Math.max(email.recipientCount, 1)}
        aria-valuenow={done}
        aria-valuetext={`${formatNumber(done)} of ${formatNumber(email.recipientCount)} recipients`}
      >
        <span
          className={`email-progress-fill email-progress-${email.status}`}
          style={{
            width: `${email.recipientCount > 0 ? Math.round((done / email.recipientCount) * 100) : 100}%`,
          }}
        />
      </div>
      <p className="hint">
        {email.startedAt ? (
          <>
            Started <time dateTime={email.startedAt}>{clock.dateTime(email.startedAt)}</time>
          </>
        ) : (
          'Not started yet'
        )}
        {email.finishedAt ? (
          <>
            {' '}
            · finished <time dateTime={email.finishedAt}>{clock.dateTime(email.finishedAt)}</time>
          </>
        ) : null}
      </p>
      <ZoneNote />
      <dl className="email-figures" data-testid="email-figures">
        {figures(email).map(([label, value, hint]) => (
          <div key={label} data-figure={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
            {hint ? <dd className="hint">{hint}</dd> : null}
          </div>
        ))}
      </dl>
      <p role="status" className="email-notice">
        {notice}
      </p>
      {maySend ? (
        <div className="email-actions">
          {isUnderWay(email) ? (
            <ConfirmAction
              label="Cancel the send"
              question="Stop sending? Messages already handed to the mail server still arrive; the rest are not sent."
              confirmLabel="Stop sending"
              onConfirm={async () => {
                await api.post('/emails/{id}/cancel', { params: { path: { id } } });
                setNotice('Sending stopped.');
                changed(email.postId);
              }}
            />
          ) : null}
          {!isUnderWay(email) && email.failedCount + email.uncertainCount > 0 ? (
            <div className="email-retry">
              <h2>Send again</h2>
              <div className="check-row">
                <input
                  id="retry-uncertain"
                  type="checkbox"
                  checked={includeUncertain}
                  disabled={email.uncertainCount === 0}
                  aria-describedby="retry-uncertain-warning"
                  onChange={(e) => setIncludeUncertain(e.target.checked)}
                />
                <div>
                  <label htmlFor="retry-uncertain">
                    Include the {formatNumber(email.uncertainCount)} uncertain
                  </label>
                  <p className="hint warning" id="retry-uncertain-warning">
                    Their message may already have arrived: they may get a second copy.
                  </p>
                </div>
              </div>
              <FormAlert messages={retry.error ? [messageOf(retry.error)] : []} />
              <button
                type="button"
                disabled={retry.isPending || retryable === 0}
                onClick={() => retry.mutate()}
              >
                {retry.isPending
                  ? 'Sending again…'
                  : `Retry ${includeUncertain ? 'failed and uncertain' : 'failed'} (${formatNumber(retryable)})`}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <h2 id="problems-heading">Problems</h2>
      {email.problems.length === 0 ? (
        <p className="empty">No recipient failed or is uncertain.</p>
      ) : (
        <div className="table-scroll">
          <table className="email-problems" aria-labelledby="problems-heading">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">State</th>
                <th scope="col">The mail server&rsquo;s reply</th>
              </tr>
            </thead>
            <tbody>
              {email.problems.map((p) => (
                <tr key={p.address}>
                  <td>{p.address}</td>
                  <td>{recipientStateLabel(p.state)}</td>
                  <td>{p.reply ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {email.failedCount + email.uncertainCount > email.problems.length ? (
            <p className="hint">The first {email.problems.length} are listed.</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
