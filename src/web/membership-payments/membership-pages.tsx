import type { Gift } from '../../features/payments/index.js';
import type { Tier } from '../../features/tiers/index.js';
import {
  FormField,
  namedProblem,
  problemFor,
  type FieldProblem,
} from '../site/components/form-field.js';
import { Layout } from '../site/components/layout.js';
import { documentHtml, Fragment, h, type Child, type Html } from '../site/jsx/index.js';
import type { SiteContext } from '../site/site-context.js';

/** 500 + 'usd' → "$5.00". */
export const formatMoney = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );

function page(site: SiteContext, title: string, path: string, children: Child): string {
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `${title} — ${site.settings.siteName}`,
        description: title,
        canonical: `${site.publicUrl}${path}`,
        isNoIndex: path !== '/membership/',
      }}
    >
      <section class="membership-page">{children}</section>
    </Layout>,
  );
}

/** What a reader sent that came back with problems: which form, its fields, and what to fix. */
export interface FormAttempt {
  /** `tier-<id>`, `amount-<id>`, `donation` or `gift`. */
  form: string;
  values: Record<string, string>;
  problems: FieldProblem[];
}

/** Labels by field name, so a problem reads "Your email must be …". */
const fieldLabels: Record<string, string> = {
  email: 'Your email',
  buyerEmail: 'Your email',
  recipientEmail: 'Their email',
  recipientName: 'Their name',
  amount: 'Amount',
  message: 'Message',
  months: 'Length',
  tierId: 'Membership',
  interval: 'Billing period',
};

/** The attempt's problem for one field of one form, named by its label. */
function problemOf(attempt: FormAttempt | undefined, form: string, field: string) {
  if (!attempt || attempt.form !== form) return undefined;
  const message = problemFor(attempt.problems, field);
  return message ? namedProblem(fieldLabels[field] ?? field, message) : undefined;
}

/** Problems of this form that no visible field owns (a tier that went off sale). */
function OtherProblems(props: {
  attempt: FormAttempt | undefined;
  form: string;
  shown: string[];
}): Html | null {
  const { attempt } = props;
  if (!attempt || attempt.form !== props.form) return null;
  const rest = attempt.problems.filter((p) => !props.shown.includes(p.field));
  return rest.length === 0 ? null : (
    <p class="form-problem" role="alert">
      {rest.map((p) => namedProblem(fieldLabels[p.field] ?? p.field, p.message)).join(' ')}
    </p>
  );
}

const valueOf = (attempt: FormAttempt | undefined, form: string, field: string) =>
  attempt?.form === form ? attempt.values[field] : undefined;

const EmailField = (props: {
  name: string;
  label: string;
  id: string;
  form: string;
  attempt: FormAttempt | undefined;
}) => (
  <FormField
    id={props.id}
    name={props.name}
    label={props.label}
    type="email"
    isRequired
    autocomplete="email"
    maxlength={254}
    value={valueOf(props.attempt, props.form, props.name)}
    problem={problemOf(props.attempt, props.form, props.name)}
  />
);

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
  return page(
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
  return page(
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

export function renderThanksPage(site: SiteContext): string {
  return page(
    site,
    'Thank you',
    '/membership/thanks/',
    <>
      <h1>Thank you</h1>
      <p>
        Your payment went through. It can take a minute to show on your account; a receipt is on its
        way by email.
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </>,
  );
}

export function renderRedeemPage(options: {
  site: SiteContext;
  code: string;
  gift: Gift | undefined;
  tierName: string | undefined;
  /** After redeeming: until when, and the gift days held while a paid membership runs. */
  redeemed?: { accessUntil: string | null; heldDays: number };
}): string {
  const { gift, redeemed } = options;
  const body = redeemed ? (
    <>
      <h1>Your gift is ready</h1>
      {redeemed.heldDays > 0 ? (
        <p>{`You are already a paying member, so your gift is saved: its ${redeemed.heldDays} days start when your paid membership ends${redeemed.accessUntil ? ` (${redeemed.accessUntil.slice(0, 10)})` : ''}. Your account page shows them.`}</p>
      ) : redeemed.accessUntil ? (
        <p>{`Your membership runs until ${redeemed.accessUntil.slice(0, 10)}.`}</p>
      ) : (
        <p>Your membership continues.</p>
      )}
      <p>
        <a class="button" href="/signin/">
          Sign in to read
        </a>
      </p>
    </>
  ) : !gift ? (
    <>
      <h1>We could not find this gift</h1>
      <p>Check that the whole link from the email was opened.</p>
    </>
  ) : gift.status === 'redeemed' ? (
    <>
      <h1>This gift has already been redeemed</h1>
      <p>
        <a href="/signin/">Sign in</a> to read with it.
      </p>
    </>
  ) : gift.status === 'refunded' ? (
    <h1>This gift was refunded</h1>
  ) : (
    <>
      <h1>{`A gift for ${gift.recipientName || gift.recipientEmail}`}</h1>
      <p>{`${gift.buyerEmail} gave you ${gift.months === 1 ? '1 month' : `${gift.months} months`} of ${options.tierName ?? 'membership'}.`}</p>
      {gift.message ? <blockquote>{gift.message}</blockquote> : ''}
      <form method="post" action="/gift/redeem" class="member-form">
        <input type="hidden" name="code" value={options.code} />
        <button class="button" type="submit">
          Redeem my gift
        </button>
      </form>
    </>
  );
  return page(options.site, 'Gift membership', '/gift/redeem', body);
}
