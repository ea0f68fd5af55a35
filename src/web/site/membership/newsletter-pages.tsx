import { FormField, FormMessage } from '../components/form-field.js';
import { Layout } from '../components/layout.js';
import { NewsletterChoices, type NewsletterChoice } from '../components/newsletter-choices.js';
import { documentHtml, h } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

/**
 * /newsletters/: every list, what it is and how often it comes. Signed out: one email field and
 * the boxes (the choice is confirmed through an emailed link). Signed in: the boxes as the member
 * stands, saved at once (the form carries the session's CSRF token).
 */
export function renderNewslettersPage(data: {
  site: SiteContext;
  choices: readonly NewsletterChoice[];
  /** Signed in: the member's form token; the email field is not shown. */
  member?: { email: string; formToken: string } | undefined;
  email?: string | undefined;
  /** Problems from the last attempt: `email` or `newsletters`. */
  problems?: { email?: string | undefined; newsletters?: string | undefined } | undefined;
  notice?: string | undefined;
}): string {
  const { site, member } = data;
  const name = site.settings.siteName;
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `Newsletters — ${name}`,
        description: `The newsletters of ${name}: what each one is and how often it comes.`,
        canonical: absoluteUrl(site, '/newsletters/'),
        // A signed-in member's page is personal; the public one may be indexed.
        isNoIndex: member !== undefined,
      }}
    >
      <section class="member-page newsletters-page">
        <h1>Newsletters</h1>
        {data.notice ? <FormMessage kind="notice">{data.notice}</FormMessage> : null}
        {data.choices.length === 0 ? (
          <p>There are no newsletters to sign up for yet.</p>
        ) : (
          <form class="member-form" method="post" action="/newsletters/" novalidate>
            {member ? <input type="hidden" name="csrf" value={member.formToken} /> : null}
            <NewsletterChoices
              legend={member ? `Send to ${member.email}:` : 'Choose what to get by email:'}
              choices={data.choices}
              membershipUrl={site.isPaidEnabled ? '/membership/' : undefined}
            />
            {data.problems?.newsletters ? (
              <FormMessage kind="problem">{data.problems.newsletters}</FormMessage>
            ) : null}
            {member ? null : (
              <FormField
                id="newsletters-email"
                name="email"
                label="Email address"
                type="email"
                autocomplete="email"
                isRequired
                maxlength={254}
                value={data.email ?? ''}
                hint="We send a link to confirm it is you. New here? It also makes you a free member."
                problem={data.problems?.email}
              />
            )}
            <button class="button" type="submit">
              {member ? 'Save my newsletters' : 'Subscribe'}
            </button>
          </form>
        )}
        {member ? (
          <p>
            <a href="/account/">Your account</a>
          </p>
        ) : (
          <p>
            Already a member? <a href="/signin/?returnTo=%2Fnewsletters%2F">Sign in</a> to see and
            change your newsletters.
          </p>
        )}
      </section>
    </Layout>,
  );
}

/** After a signed-out sign-up: the confirmation link is on its way. */
export function renderConfirmSubscriptionPage(data: {
  site: SiteContext;
  names: string[];
}): string {
  const { site } = data;
  return documentHtml(
    <Layout
      site={{ ...site, drive: undefined }}
      meta={{
        title: `Check your email — ${site.settings.siteName}`,
        description: 'Confirm your subscription',
        canonical: absoluteUrl(site, '/newsletters/'),
        isNoIndex: true,
      }}
    >
      <section class="member-page">
        <h1>Check your email</h1>
        <p>
          To start {data.names.join(', ')}, follow the link we sent to your address. It works once,
          for 15 minutes; nothing is sent to you until you use it. Not there? Look in your spam
          folder, or <a href="/newsletters/">try again</a>.
        </p>
      </section>
    </Layout>,
  );
}
