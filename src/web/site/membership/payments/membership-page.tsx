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

/** /membership/: the tiers with their join forms, "choose your amount", and a donation. */
function TierCard(props: {
  tier: Tier;
  isPaidEnabled: boolean;
  campaign: string;
  attempt: FormAttempt | undefined;
}) {
  const { tier, attempt } = props;
  const joinForm = `tier-${tier.id}`;
  const amountForm = `amount-${tier.id}`;
  return (
    <article class="tier" id={`tier-${tier.slug}`}>
      <h2>{tier.name}</h2>
      {tier.description ? <p>{tier.description}</p> : ''}
      <ul>
        {tier.benefits.map((b) => (
          <li>{b}</li>
        ))}
      </ul>
      {tier.isFree ? (
        // The drive this visit came from travels on to the sign-in link, so the join counts for it.
        <a
          class="button"
          href={
            props.campaign ? `/signin/?campaign=${encodeURIComponent(props.campaign)}` : '/signin/'
          }
        >
          Join free
        </a>
      ) : props.isPaidEnabled ? (
        <form method="post" action="/membership/checkout" class="member-form tier-join" novalidate>
          <input type="hidden" name="tierId" value={tier.id} />
          <input type="hidden" name="campaign" value={props.campaign} />
          <input type="hidden" name="fromStory" value="" data-from-story />
          <OtherProblems attempt={attempt} form={joinForm} shown={['email']} />
          <EmailField
            name="email"
            label="Your email"
            id={`email-${tier.slug}`}
            form={joinForm}
            attempt={attempt}
          />
          {tier.monthlyAmount !== null ? (
            <button class="button" type="submit" name="interval" value="month">
              {`Join for ${formatMoney(tier.monthlyAmount, tier.currency)} a month`}
            </button>
          ) : (
            ''
          )}
          {tier.yearlyAmount !== null ? (
            <button class="button button-secondary" type="submit" name="interval" value="year">
              {`Join for ${formatMoney(tier.yearlyAmount, tier.currency)} a year`}
            </button>
          ) : (
            ''
          )}
        </form>
      ) : (
        <p class="muted">
          {tier.monthlyAmount !== null
            ? `${formatMoney(tier.monthlyAmount, tier.currency)} a month`
            : ''}
        </p>
      )}
      {!tier.isFree && props.isPaidEnabled && tier.minimumAmount !== null ? (
        <form
          method="post"
          action="/membership/checkout"
          class="member-form choose-amount"
          novalidate
        >
          <input type="hidden" name="tierId" value={tier.id} />
          <input type="hidden" name="campaign" value={props.campaign} />
          <input type="hidden" name="fromStory" value="" data-from-story />
          <OtherProblems attempt={attempt} form={amountForm} shown={['email', 'amount']} />
          <EmailField
            name="email"
            label="Your email"
            id={`email-amount-${tier.slug}`}
            form={amountForm}
            attempt={attempt}
          />
          <FormField
            id={`amount-${tier.slug}`}
            name="amount"
            label={`Choose your amount a month (at least ${formatMoney(tier.minimumAmount, tier.currency)})`}
            inputmode="decimal"
            isRequired
            value={valueOf(attempt, amountForm, 'amount')}
            problem={problemOf(attempt, amountForm, 'amount')}
          />
          <button class="button" type="submit">
            Join with your amount
          </button>
        </form>
      ) : (
        ''
      )}
    </article>
  );
}

export function renderMembershipPage(options: {
  site: SiteContext;
  tiers: Tier[];
  isPaidEnabled: boolean;
  campaign: string;
  attempt?: FormAttempt | undefined;
}): string {
  const { tiers, isPaidEnabled } = options;
  const shown = isPaidEnabled ? tiers : tiers.filter((t) => t.isFree);
  return paymentPage(
    options.site,
    'Membership',
    '/membership/',
    <>
      <h1>Become a member</h1>
      <div class="tiers">
        {shown.map((tier) => (
          <TierCard
            tier={tier}
            isPaidEnabled={isPaidEnabled}
            campaign={options.campaign}
            attempt={options.attempt}
          />
        ))}
      </div>
      {isPaidEnabled ? (
        <>
          <section class="donate">
            <h2>Make a one-time donation</h2>
            <form method="post" action="/membership/checkout" class="member-form" novalidate>
              <input type="hidden" name="kind" value="donation" />
              <input type="hidden" name="campaign" value={options.campaign} />
              <OtherProblems
                attempt={options.attempt}
                form="donation"
                shown={['email', 'amount']}
              />
              <EmailField
                name="email"
                label="Your email"
                id="donation-email"
                form="donation"
                attempt={options.attempt}
              />
              <FormField
                id="donation-amount"
                name="amount"
                label="Amount"
                inputmode="decimal"
                isRequired
                value={valueOf(options.attempt, 'donation', 'amount')}
                problem={problemOf(options.attempt, 'donation', 'amount')}
              />
              <button class="button" type="submit">
                Donate
              </button>
            </form>
          </section>
          <p>
            <a href="/membership/gift/">Give a membership as a gift</a>
          </p>
        </>
      ) : (
        ''
      )}
    </>,
  );
}
