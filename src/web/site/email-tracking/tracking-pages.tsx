import { Layout } from '../components/layout.js';
import { documentHtml, h } from '../jsx/index.js';
import { absoluteUrl, type SiteContext } from '../site-context.js';

/** A click redirect whose signature does not match: a page, never a redirect anywhere. */
export function renderBadTrackedLinkPage(data: { site: SiteContext }): string {
  const title = 'This link does not work';
  return documentHtml(
    <Layout
      site={{ ...data.site, drive: undefined }}
      meta={{
        title: `${title} — ${data.site.settings.siteName}`,
        description: title,
        canonical: absoluteUrl(data.site, '/'),
        isNoIndex: true,
      }}
    >
      <section class="member-page">
        <h1>{title}</h1>
        <p role="alert">
          It may have been cut short or changed when it was copied. Use the link in the email
          itself.
        </p>
        <p>
          <a class="button" href="/">
            Go to the front page
          </a>
        </p>
      </section>
    </Layout>,
  );
}
