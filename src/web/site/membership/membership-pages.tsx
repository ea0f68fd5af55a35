import type { Member, MemberStatus } from '../../../features/members/index.js';
import type { Gift } from '../../../features/payments/index.js';
import { FormField, FormMessage, problemFor, type FieldProblem } from '../components/form-field.js';
import { Layout } from '../components/layout.js';
import { NewsletterChoices, type NewsletterChoice } from '../components/newsletter-choices.js';
import { formatStoryTime } from '../format-time.js';
import { documentHtml, h, type Child, type Html } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

/** Member pages are personal: never indexed, never in a shared cache. */
function MemberLayout(props: {
  site: SiteContext;
  title: string;
  path: string;
  children?: Child;
}): Html {
  return (
    <Layout
      site={{ ...props.site, drive: undefined }}
      meta={{
        title: `${props.title} — ${props.site.settings.siteName}`,
        description: props.title,
        canonical: absoluteUrl(props.site, props.path),
        isNoIndex: true,
      }}
    >
      <section class="member-page">{props.children}</section>
    </Layout>
  );
}

export function renderSignInPage(data: {
  site: SiteContext;
  email?: string;
  returnTo?: string | undefined;
  campaignId?: string | undefined;
  /** The lists a new member may start with (the default ones ticked). */
  newsletterChoices?: readonly NewsletterChoice[];
  problem?: string;
}): string {
  const choices = data.newsletterChoices ?? [];
  return documentHtml(
    <MemberLayout site={data.site} title="Sign in or join" path="/signin/">
      <h1>Sign in or join</h1>
      <p>
        Enter your email address and we will send you a link to sign in. New here? The same link
        makes you a member of {data.site.settings.siteName}, free.
      </p>
      <form class="member-form" method="post" action="/signin/" novalidate>
        <FormField
          id="signin-email"
          name="email"
          label="Email address"
          type="email"
          autocomplete="email"
          isRequired
          maxlength={254}
          value={data.email ?? ''}
          problem={data.problem}
        />
        {data.returnTo ? <input type="hidden" name="returnTo" value={data.returnTo} /> : null}
        {data.campaignId ? <input type="hidden" name="campaignId" value={data.campaignId} /> : null}
        <input type="hidden" name="fromStory" value="" data-from-story />
        {choices.length > 0 ? (
          <div>
            <input type="hidden" name="newsletterChoice" value="1" />
            <NewsletterChoices legend="New here? Also send me:" choices={choices} />
          </div>
        ) : null}
        <button class="button" type="submit">
          Send me a link
        </button>
      </form>
    </MemberLayout>,
  );
}

export function renderCheckEmailPage(data: { site: SiteContext }): string {
  return documentHtml(
    <MemberLayout site={data.site} title="Check your email" path="/signin/">
      <h1>Check your email</h1>
      <p>
        If the address is right, a sign-in link is on its way. It works once, for 15 minutes. Not
        there? Look in your spam folder, or <a href="/signin/">ask for another link</a>.
      </p>
    </MemberLayout>,
  );
}

/** The page a link opens: one button, so mail scanners that fetch links do not use them up. */
export function renderConfirmPage(data: { site: SiteContext; token: string }): string {
  return documentHtml(
    <MemberLayout site={data.site} title="Sign in" path="/signin/">
      <h1>Sign in to {data.site.settings.siteName}</h1>
      <form class="member-form" method="post" action="/signin/confirm">
        <input type="hidden" name="token" value={data.token} />
        <button class="button" type="submit">
          Sign in
        </button>
      </form>
    </MemberLayout>,
  );
}

export function renderLinkProblemPage(data: { site: SiteContext; message: string }): string {
  return documentHtml(
    <MemberLayout site={data.site} title="This link does not work" path="/signin/">
      <h1>This link does not work</h1>
      <p role="alert">{data.message}</p>
      <p>
        <a class="button" href="/signin/">
          Send me a new link
        </a>
      </p>
    </MemberLayout>,
  );
}

const statusLabels: Record<MemberStatus, string> = {
  free: 'Free member',
  paid: 'Paying member',
  comped: 'Complimentary membership',
  gift: 'Gift membership',
};

const notices: Record<string, string> = {
  saved: 'Your details are saved.',
  'email-sent': 'We sent a link to your new address: follow it to confirm the change.',
  'email-changed': 'Your email address is changed.',
  'signed-out-elsewhere': 'You are signed out on every other device.',
  'newsletters-saved': 'Your newsletters are saved.',
};

function MembershipStatus(props: {
  member: Member;
  tierName: string | undefined;
  heldGiftDays: number;
  site: SiteContext;
}): Html {
  const { member, site } = props;
  const when = member.accessUntil
    ? formatStoryTime(member.accessUntil, site.settings).replace(/ \d{1,2}:\d{2}.*$/, '')
    : undefined;
  const ending =
    member.status === 'paid' ? 'Renews or ends on' : member.status === 'free' ? '' : 'Ends on';
  return (
    <section aria-labelledby="membership-heading">
      <h2 id="membership-heading">Membership</h2>
      <p>
        <strong>{statusLabels[member.status]}</strong>
        {props.tierName ? ` — ${props.tierName}` : ''}
      </p>
      {when && ending ? (
        <p>
          {ending} <time datetime={member.accessUntil ?? undefined}>{when}</time>.
        </p>
      ) : null}
      {props.heldGiftDays > 0 ? (
        <p>
          {`Gift time saved for you: ${props.heldGiftDays} day${props.heldGiftDays === 1 ? '' : 's'}. `}
          {member.status === 'paid'
            ? 'It starts when your paid membership ends, so you lose none of it.'
            : 'It starts when your current membership ends.'}
        </p>
      ) : null}
      {/* Without payments there is nothing to pay or manage: no links that lead nowhere. */}
      {site.isPaidEnabled ? (
        <p>
          {member.status === 'free' ? (
            <a class="button" href="/membership/">
              Become a paying member
            </a>
          ) : null}{' '}
          <a href="/account/billing/">Manage billing</a>
        </p>
      ) : null}
    </section>
  );
}

const giftStates: Record<Gift['status'], string> = {
  pending_payment: 'waiting for payment',
  paid: 'paid, email on its way',
  sent: 'sent, not yet redeemed',
  redeemed: 'redeemed',
  refunded: 'refunded',
};

/** Gift memberships this reader bought, and where each one is. */
function GiftsBought(props: { gifts: Gift[]; locale: string }): Html | null {
  if (props.gifts.length === 0) return null;
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(props.locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
    }).format(amount / 100);
  return (
    <section aria-labelledby="gifts-heading">
      <h2 id="gifts-heading">Gifts you gave</h2>
      <ul>
        {props.gifts.map((gift) => (
          <li>
            {gift.months} month{gift.months === 1 ? '' : 's'} for{' '}
            {gift.recipientName || gift.recipientEmail} ({money(gift.amount, gift.currency)}):{' '}
            {giftStates[gift.status]}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function renderAccountPage(data: {
  site: SiteContext;
  member: Member;
  tierName: string | undefined;
  gifts: Gift[];
  /** Gift days held while a paid membership runs (0: none). */
  heldGiftDays?: number;
  formToken: string;
  notice?: string | undefined;
  /** Problems from the last attempt, by field (`email`, `name`, `confirm`). */
  problems?: readonly FieldProblem[] | undefined;
  /** What the reader typed, shown again with the problems. */
  typed?: { name?: string | undefined; email?: string | undefined } | undefined;
  /** Every active list and whether the member is on it. */
  newsletters: readonly NewsletterChoice[];
}): string {
  const { member, formToken, problems } = data;
  const notice = data.notice ? notices[data.notice] : undefined;
  return documentHtml(
    <MemberLayout site={data.site} title="Your account" path="/account/">
      <h1>Your account</h1>
      {notice ? <FormMessage kind="notice">{notice}</FormMessage> : null}
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Your details</h2>
        <form class="member-form" method="post" action="/account/">
          <input type="hidden" name="csrf" value={formToken} />
          <FormField
            id="account-name"
            name="name"
            label="Name"
            autocomplete="name"
            maxlength={120}
            value={data.typed?.name ?? member.name}
            problem={problemFor(problems, 'name')}
          />
          <FormField
            id="account-email"
            name="email"
            label="Email address"
            type="email"
            autocomplete="email"
            isRequired
            maxlength={254}
            value={data.typed?.email ?? member.email}
            hint="Changing it? We send a link to the new address to confirm it."
            problem={problemFor(problems, 'email')}
          />
          <button class="button" type="submit">
            Save
          </button>
        </form>
      </section>
      <MembershipStatus
        member={member}
        tierName={data.tierName}
        heldGiftDays={data.heldGiftDays ?? 0}
        site={data.site}
      />
      <GiftsBought gifts={data.gifts} locale={data.site.settings.locale} />
      <section aria-labelledby="newsletters-heading">
        <h2 id="newsletters-heading">Newsletters</h2>
        {data.newsletters.length === 0 ? (
          <p>There are no newsletters yet.</p>
        ) : (
          <form class="member-form" method="post" action="/account/newsletters">
            <input type="hidden" name="csrf" value={formToken} />
            <NewsletterChoices
              legend={`Send to ${member.email}:`}
              choices={data.newsletters}
              membershipUrl={data.site.isPaidEnabled ? '/membership/' : undefined}
            />
            <button class="button" type="submit">
              Save my newsletters
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>
          <a href="/account/export.json" download="my-data.json">
            Download everything we keep about you (JSON)
          </a>
        </p>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Signing out</h2>
        <form class="member-form" method="post" action="/signout/">
          <input type="hidden" name="csrf" value={formToken} />
          <button class="button button-secondary" type="submit">
            Sign out
          </button>
        </form>
        <form class="member-form" method="post" action="/account/signout-everywhere">
          <input type="hidden" name="csrf" value={formToken} />
          <button class="button button-secondary" type="submit">
            Sign out on every device
          </button>
        </form>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This deletes your account and its history at once.
          {data.site.isPaidEnabled
            ? ' It does not cancel a payment plan by itself: use Manage billing first.'
            : ''}
        </p>
        <form class="member-form" method="post" action="/account/delete">
          <input type="hidden" name="csrf" value={formToken} />
          <FormField
            id="delete-confirm"
            name="confirm"
            label="Type “delete” to confirm"
            autocomplete="off"
            isRequired
            problem={problemFor(problems, 'confirm')}
          />
          <button class="button button-secondary" type="submit">
            Delete my account
          </button>
        </form>
      </section>
    </MemberLayout>,
  );
}

export function renderAccountDeletedPage(data: { site: SiteContext }): string {
  return documentHtml(
    <MemberLayout site={data.site} title="Your account is deleted" path="/account/">
      <h1>Your account is deleted</h1>
      <p>
        We deleted your account and what we kept about it, and signed you out. Thank you for
        reading.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </MemberLayout>,
  );
}
