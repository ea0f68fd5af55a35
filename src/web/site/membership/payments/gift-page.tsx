import type { Tier } from '../../../../features/tiers/index.js';
import { FormField } from '../../components/form-field.js';
import { Fragment, h } from '../../jsx/index.js';
import type { SiteContext } from '../../site-context.js';
import {
  EmailField,
  formatMoney,
  OtherProblems,
  paymentPage,
  problemOf,
  valueOf,
  type FormAttempt,
} from './payment-page.js';

/** /membership/gift/: give a membership (tier, length, recipient, message, buyer). */
export function renderGiftPage(options: {
  site: SiteContext;
  tiers: Tier[];
  isPaidEnabled: boolean;
  campaign: string;
  attempt?: FormAttempt | undefined;
}): string {
  const { attempt } = options;
  const selected = (field: string, value: string) =>
    valueOf(attempt, 'gift', field) === value ? true : undefined;
  const giftable = options.tiers.filter((t) => !t.isFree && t.monthlyAmount !== null);
  return paymentPage(
    options.site,
    'Give a membership',
    '/membership/gift/',
    <>
      <h1>Give a membership</h1>
      {!options.isPaidEnabled || giftable.length === 0 ? (
        <p class="notice" role="status">
          Gift memberships are not available yet.
        </p>
      ) : (
        <form
          method="post"
          action="/membership/gift/checkout"
          class="member-form gift-form"
          novalidate
        >
          <input type="hidden" name="campaign" value={options.campaign} />
          <OtherProblems
            attempt={attempt}
            form="gift"
            shown={['tierId', 'months', 'recipientEmail', 'recipientName', 'message', 'buyerEmail']}
          />
          <FormField
            id="gift-tier"
            name="tierId"
            label="Membership"
            problem={problemOf(attempt, 'gift', 'tierId')}
            control={(attributes) => (
              <select {...attributes}>
                {giftable.map((t) => (
                  <option
                    value={t.id}
                    selected={selected('tierId', t.id)}
                  >{`${t.name} (${formatMoney(t.monthlyAmount ?? 0, t.currency)} a month)`}</option>
                ))}
              </select>
            )}
          />
          <FormField
            id="gift-months"
            name="months"
            label="Length"
            problem={problemOf(attempt, 'gift', 'months')}
            control={(attributes) => (
              <select {...attributes}>
                {['1', '3', '6', '12'].map((m) => (
                  <option value={m} selected={selected('months', m)}>
                    {m === '1' ? '1 month' : `${m} months`}
                  </option>
                ))}
              </select>
            )}
          />
          <EmailField
            name="recipientEmail"
            label="Their email"
            id="gift-recipient-email"
            form="gift"
            attempt={attempt}
          />
          <FormField
            id="gift-recipient-name"
            name="recipientName"
            label="Their name"
            maxlength={120}
            value={valueOf(attempt, 'gift', 'recipientName')}
            problem={problemOf(attempt, 'gift', 'recipientName')}
          />
          <FormField
            id="gift-message"
            name="message"
            label="A message (optional)"
            problem={problemOf(attempt, 'gift', 'message')}
            control={(attributes) => (
              <textarea {...attributes} maxlength="1000">
                {valueOf(attempt, 'gift', 'message') ?? ''}
              </textarea>
            )}
          />
          <EmailField
            name="buyerEmail"
            label="Your email"
            id="gift-buyer-email"
            form="gift"
            attempt={attempt}
          />
          <button class="button" type="submit">
            Continue to payment
          </button>
        </form>
      )}
    </>,
  );
}
