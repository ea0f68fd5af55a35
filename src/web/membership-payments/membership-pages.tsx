import type { Gift } from '../../features/payments/index.js';
import type { Tier } from '../../features/tiers/index.js';
import { Layout } from '../site/components/layout.js';
import { documentHtml, Fragment, h, type Child } from '../site/jsx/index.js';
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

const EmailField = (props: { name: string; label: string; id: string }) => (
  <p>
    <label for={props.id}>{props.label}</label>
    <input id={props.id} name={props.name} type="email" required autocomplete="email" />
  </p>
);

function TierCard(props: { tier: Tier; isPaidEnabled: boolean; campaign: string }) {
  const { tier } = props;
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
        <form method="post" action="/membership/checkout" class="tier-join">
          <input type="hidden" name="tierId" value={tier.id} />
          <input type="hidden" name="campaign" value={props.campaign} />
          <EmailField name="email" label="Your email" id={`email-${tier.slug}`} />
          {tier.monthlyAmount !== null ? (
            <button type="submit" name="interval" value="month">
              {`Join for ${formatMoney(tier.monthlyAmount, tier.currency)} a month`}
            </button>
          ) : (
            ''
          )}
          {tier.yearlyAmount !== null ? (
            <button type="submit" name="interval" value="year">
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
        <form method="post" action="/membership/checkout" class="choose-amount">
          <input type="hidden" name="tierId" value={tier.id} />
          <input type="hidden" name="campaign" value={props.campaign} />
          <EmailField name="email" label="Your email" id={`email-amount-${tier.slug}`} />
          <p>
            <label for={`amount-${tier.slug}`}>
              {`Choose your amount a month (at least ${formatMoney(tier.minimumAmount, tier.currency)})`}
            </label>
            <input
              id={`amount-${tier.slug}`}
              name="amount"
              type="number"
              inputmode="decimal"
              step="0.01"
              min={(tier.minimumAmount / 100).toFixed(2)}
              required
            />
          </p>
          <button type="submit">Join with your amount</button>
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
          <TierCard tier={tier} isPaidEnabled={isPaidEnabled} campaign={options.campaign} />
        ))}
      </div>
      {isPaidEnabled ? (
        <>
          <section class="donate">
            <h2>Make a one-time donation</h2>
            <form method="post" action="/membership/checkout">
              <input type="hidden" name="kind" value="donation" />
              <input type="hidden" name="campaign" value={options.campaign} />
              <EmailField name="email" label="Your email" id="donation-email" />
              <p>
                <label for="donation-amount">Amount</label>
                <input
                  id="donation-amount"
                  name="amount"
                  type="number"
                  inputmode="decimal"
                  step="0.01"
                  min="1.00"
                  required
                />
              </p>
              <button type="submit">Donate</button>
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
}): string {
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
        <form method="post" action="/membership/gift/checkout" class="gift-form">
          <input type="hidden" name="campaign" value={options.campaign} />
          <p>
            <label for="gift-tier">Membership</label>
            <select id="gift-tier" name="tierId">
              {giftable.map((t) => (
                <option
                  value={t.id}
                >{`${t.name} (${formatMoney(t.monthlyAmount ?? 0, t.currency)} a month)`}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="gift-months">Length</label>
            <select id="gift-months" name="months">
              <option value="1">1 month</option>
              <option value="3">3 months</option>
              <option value="6">6 months</option>
              <option value="12">12 months</option>
            </select>
          </p>
          <EmailField name="recipientEmail" label="Their email" id="gift-recipient-email" />
          <p>
            <label for="gift-recipient-name">Their name</label>
            <input id="gift-recipient-name" name="recipientName" maxlength="120" />
          </p>
          <p>
            <label for="gift-message">A message (optional)</label>
            <textarea id="gift-message" name="message" maxlength="1000"></textarea>
          </p>
          <EmailField name="buyerEmail" label="Your email" id="gift-buyer-email" />
          <button type="submit">Continue to payment</button>
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
  redeemedUntil?: string;
}): string {
  const { gift } = options;
  const body = options.redeemedUntil ? (
    <>
      <h1>Your gift is ready</h1>
      <p>{`Your membership runs until ${options.redeemedUntil.slice(0, 10)}.`}</p>
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
      <form method="post" action="/gift/redeem">
        <input type="hidden" name="code" value={options.code} />
        <button type="submit">Redeem my gift</button>
      </form>
    </>
  );
  return page(options.site, 'Gift membership', '/gift/redeem', body);
}
