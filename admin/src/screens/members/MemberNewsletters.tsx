import { useQuery } from '@tanstack/react-query';
import { messageOf, type ApiClient } from '../../api.js';
import { memberNewslettersQuery } from '../../query/queries.js';
import type { Navigate } from '../../routes.js';
import type { SubscriptionSource } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import {
  memberActivityText,
  recipientStateLabel,
  suppressionSourceWords,
} from '../emails/email-text.js';

/** Where a subscription change came from, in words. */
const sourceLabel: Record<SubscriptionSource, string> = {
  signup: 'when joining',
  'newsletters-page': 'on the newsletters page',
  'story-page': 'under a story',
  account: 'on their account page',
  import: 'by an import',
  admin: 'by staff',
  'unsubscribe-link': 'with an email’s unsubscribe link',
  bounce: 'after a bounce',
  complaint: 'after a spam complaint',
};

/** Why an address gets no more mail, in words (the server's reasons). */
const suppressionWords = (reason: string): string =>
  ({
    hard_bounce: 'their address bounced hard',
    complaint: 'they marked an email as spam',
    manual: 'staff stopped mail to it',
    import: 'it was on an imported suppression list',
  })[reason] ?? reason.replace(/_/g, ' ');

/**
 * What per-member tracking saw of one email (only for emails sent while the newsroom opted in):
 * their opens and clicks, with the last of each.
 */
function MemberEmailActivity(props: {
  activity: {
    opens: number | null;
    clicks: number | null;
    lastOpenedAt: string | null;
    lastClickedAt: string | null;
  };
}) {
  const clock = useNewsroomClock();
  const { activity } = props;
  const text = memberActivityText(activity);
  if (!text) return null;
  // ISO times in UTC: the later string is the later moment.
  const last = [activity.lastOpenedAt, activity.lastClickedAt]
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);
  return (
    <span className="member-email-activity">
      {text}
      {last ? (
        <>
          {' '}
          (last <time dateTime={last}>{clock.dateTime(last)}</time>)
        </>
      ) : null}
    </span>
  );
}

/** A member's newsletters (subscribed or not, how and when), their emails and any suppression. */
export function MemberNewsletters(props: { api: ApiClient; memberId: string; navigate: Navigate }) {
  const clock = useNewsroomClock();
  const answer = useQuery(memberNewslettersQuery(props.api, props.memberId));
  const data = answer.data;
  return (
    <section className="member-section" aria-labelledby="member-newsletters-heading">
      <h2 id="member-newsletters-heading">Newsletters</h2>
      <FormAlert messages={answer.error ? [messageOf(answer.error)] : []} />
      {answer.isPending ? <p role="status">Loading newsletters…</p> : null}
      {data?.suppression ? (
        <div className="suppression-notice" role="note">
          <p>
            <strong>No email goes to this address:</strong>{' '}
            {suppressionWords(data.suppression.reason)} (
            <time dateTime={data.suppression.createdAt}>
              {clock.dateTime(data.suppression.createdAt)}
            </time>
            , {suppressionSourceWords(data.suppression.source)}).
          </p>
        </div>
      ) : null}
      {data ? (
        <ul className="member-newsletters">
          {data.newsletters.map(({ newsletter, isSubscribed, source, changedAt }) => (
            <li key={newsletter.id}>
              <span className="member-newsletter-name">
                {newsletter.name}
                {newsletter.status === 'archived' ? ' (archived)' : ''}
              </span>
              <span className={isSubscribed ? 'badge subscribed' : 'badge not-subscribed'}>
                {isSubscribed ? 'Subscribed' : source ? 'Unsubscribed' : 'Not subscribed'}
              </span>
              {source && changedAt ? (
                <span className="hint">
                  {isSubscribed ? 'Subscribed' : 'Unsubscribed'} {sourceLabel[source]},{' '}
                  <time dateTime={changedAt}>{clock.dateTime(changedAt)}</time>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {data ? (
        <>
          <h3>Emails</h3>
          {data.emails.length === 0 ? (
            <p className="empty">No newsletter email sent to them yet.</p>
          ) : (
            <ol className="member-history member-emails">
              {data.emails.map((email) => (
                <li key={email.emailId}>
                  <time dateTime={email.updatedAt}>{clock.dateTime(email.updatedAt)}</time>
                  <span>
                    <AppLink to={`/admin/emails/${email.emailId}`} navigate={props.navigate}>
                      {email.subject}
                    </AppLink>
                    : {recipientStateLabel(email.state)}
                    {email.reply && email.state !== 'sent' ? ` (${email.reply})` : ''}
                  </span>
                  {email.activity ? <MemberEmailActivity activity={email.activity} /> : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
