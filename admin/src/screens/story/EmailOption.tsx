import type { EmailSegment, Newsletter } from '../../types.js';
import { formatNumber } from '../../ui/format.js';
import { segmentLabel } from '../emails/email-text.js';

/** The publish panel's "send by email" choice. */
export interface EmailChoice {
  isOn: boolean;
  newsletterId: string;
  segment: EmailSegment;
}

export const noEmail: EmailChoice = { isOn: false, newsletterId: '', segment: 'all' };

/**
 * "≈ 1,204 recipients" for all of a list's subscribers; "up to 1,204" for a part of them (the
 * list's count is all the admin knows before the send fixes its recipients).
 */
export function estimateText(newsletter: Newsletter | undefined, segment: EmailSegment): string {
  if (!newsletter) return '';
  const count = formatNumber(newsletter.subscriberCount);
  const noun = newsletter.subscriberCount === 1 ? 'recipient' : 'recipients';
  return segment === 'all' ? `≈ ${count} ${noun}` : `up to ${count} ${noun}`;
}

/** "Send by email to <newsletter> (≈ N recipients)": a checkbox, the list and its segment. */
export function EmailOption(props: {
  value: EmailChoice;
  newsletters: readonly Newsletter[];
  disabled: boolean;
  onChange: (next: EmailChoice) => void;
}) {
  const { value } = props;
  const lists = props.newsletters.filter((n) => n.status === 'active');
  const chosen = lists.find((n) => n.id === value.newsletterId) ?? lists[0];
  const set = (patch: Partial<EmailChoice>) =>
    props.onChange({ ...value, newsletterId: chosen?.id ?? '', ...patch });
  if (lists.length === 0) return <p className="hint">No active newsletter to send the story to.</p>;
  return (
    <fieldset className="story-email-option">
      <legend className="visually-hidden">Email</legend>
      <div className="check-row">
        <input
          id="publish-email"
          type="checkbox"
          checked={value.isOn}
          disabled={props.disabled}
          aria-describedby="publish-email-estimate"
          onChange={(e) => set({ isOn: e.target.checked })}
        />
        <label htmlFor="publish-email">
          Send by email to {chosen?.name}{' '}
          <span id="publish-email-estimate">({estimateText(chosen, value.segment)})</span>
        </label>
      </div>
      {value.isOn ? (
        <div className="story-email-choices">
          <div className="field">
            <label htmlFor="publish-email-newsletter">Newsletter</label>
            <select
              id="publish-email-newsletter"
              value={chosen?.id ?? ''}
              disabled={props.disabled}
              onChange={(e) => set({ newsletterId: e.target.value })}
            >
              {lists.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} ({formatNumber(n.subscriberCount)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="publish-email-segment">Send to</label>
            <select
              id="publish-email-segment"
              value={value.segment}
              disabled={props.disabled}
              onChange={(e) => set({ segment: e.target.value as EmailSegment })}
            >
              {(Object.keys(segmentLabel) as EmailSegment[]).map((segment) => (
                <option key={segment} value={segment}>
                  {segmentLabel[segment]}
                </option>
              ))}
            </select>
          </div>
          <p className="hint">A story is emailed once: this cannot be undone after it leaves.</p>
        </div>
      ) : null}
    </fieldset>
  );
}
