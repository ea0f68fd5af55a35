import type { UnsubscribeView } from '../../../features/newsletters/index.js';
import { Layout } from '../components/layout.js';
import { documentHtml, h, type Child } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

function UnsubscribeLayout(props: { site: SiteContext; title: string; children?: Child }) {
  return (
    <Layout
      site={{ ...props.site, drive: undefined }}
      meta={{
        title: `${props.title} — ${props.site.settings.siteName}`,
        description: props.title,
        canonical: absoluteUrl(props.site, '/unsubscribe/'),
        isNoIndex: true,
      }}
    >
      <section class="member-page">{props.children}</section>
    </Layout>
  );
}

/**
 * The page an email's unsubscribe link opens: one button. Opening it changes nothing — mail
 * scanners fetch links — and the button sends the same one-click POST a mail client would.
 */
export function renderUnsubscribePage(data: {
  site: SiteContext;
  token: string;
  view: UnsubscribeView;
}): string {
  const { view } = data;
  const action = `/unsubscribe/?t=${encodeURIComponent(data.token)}`;
  return documentHtml(
    <UnsubscribeLayout site={data.site} title="Unsubscribe">
      <h1>Unsubscribe from {view.newsletter.name}?</h1>
      {view.isSubscribed ? (
        <form class="member-form" method="post" action={action}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>
            We will stop sending {view.newsletter.name} to {view.maskedEmail}.
          </p>
          <button class="button" type="submit">
            Unsubscribe
          </button>
        </form>
      ) : (
        <p>
          {view.maskedEmail} is not subscribed to {view.newsletter.name}: nothing more will be sent.
        </p>
      )}
      <p>
        <a href="/account/">Manage all your newsletters</a> (you may be asked to sign in).
      </p>
    </UnsubscribeLayout>,
  );
}

export function renderUnsubscribedPage(data: { site: SiteContext; name: string }): string {
  return documentHtml(
    <UnsubscribeLayout site={data.site} title="You are unsubscribed">
      <h1>You are unsubscribed</h1>
      <p role="status">We will not send you {data.name} again.</p>
      <p>
        Changed your mind? <a href="/newsletters/">Our newsletters</a> ·{' '}
        <a href="/account/">Manage all your newsletters</a>
      </p>
    </UnsubscribeLayout>,
  );
}

export function renderBadUnsubscribeLinkPage(data: { site: SiteContext }): string {
  return documentHtml(
    <UnsubscribeLayout site={data.site} title="This link does not work">
      <h1>This unsubscribe link does not work</h1>
      <p role="alert">
        It may have been cut short when it was copied. Use the link in the email itself, or sign in
        to manage your newsletters.
      </p>
      <p>
        <a class="button" href="/account/">
          Manage your newsletters
        </a>
      </p>
    </UnsubscribeLayout>,
  );
}
