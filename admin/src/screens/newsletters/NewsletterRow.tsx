import type { ReactNode } from 'react';
import type { Newsletter } from '../../types.js';
import { formatNumber } from '../../ui/format.js';
import { audienceLabel } from './newsletter-form-values.js';

/** "1 subscriber", "1,204 subscribers". */
export const subscribersText = (count: number): string =>
  `${formatNumber(count)} ${count === 1 ? 'subscriber' : 'subscribers'}`;

/**
 * One newsletter in the list; administrators get Edit and Archive/Restore, and those who send
 * (editors up) "Send a test" on an active list, whose form (`testSend`) opens under the row.
 */
export function NewsletterRow(props: {
  newsletter: Newsletter;
  canManage: boolean;
  canSendTest: boolean;
  busy: boolean;
  onEdit: () => void;
  onSetArchived: (isArchived: boolean) => void;
  /** The test-send form while it is open for this list. */
  testSend: ReactNode;
  onToggleTest: () => void;
}) {
  const { newsletter } = props;
  const isArchived = newsletter.status === 'archived';
  const facts = [
    audienceLabel[newsletter.audience],
    newsletter.cadence,
    newsletter.digestTime ? `Daily digest at ${newsletter.digestTime}` : 'Sent story by story',
  ].filter(Boolean);
  return (
    <li className="editable-row newsletter-row" data-newsletter={newsletter.slug}>
      <div className="editable-summary newsletter-summary">
        <h2 className="newsletter-name">
          {newsletter.name} {isArchived ? <span className="badge">Archived</span> : null}
          {newsletter.subscribeOnSignup ? (
            <span className="badge newsletter-default">Default for new members</span>
          ) : null}
        </h2>
        <p className="newsletter-count">{subscribersText(newsletter.subscriberCount)}</p>
        <p className="hint">{facts.join(' · ')}</p>
        {newsletter.description ? <p className="hint">{newsletter.description}</p> : null}
      </div>
      {props.canManage || (props.canSendTest && !isArchived) ? (
        <div className="actions newsletter-actions">
          {props.canSendTest && !isArchived ? (
            <button
              type="button"
              className="secondary"
              id={`newsletter-test-${newsletter.id}`}
              aria-expanded={props.testSend !== null}
              onClick={props.onToggleTest}
            >
              Send a test<span className="visually-hidden"> of {newsletter.name}</span>
            </button>
          ) : null}
          {props.canManage ? (
            <>
              <button type="button" className="secondary" onClick={props.onEdit}>
                Edit<span className="visually-hidden"> {newsletter.name}</span>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={props.busy}
                onClick={() => props.onSetArchived(!isArchived)}
              >
                {isArchived ? 'Restore' : 'Archive'}
                <span className="visually-hidden"> {newsletter.name}</span>
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {props.testSend}
    </li>
  );
}
