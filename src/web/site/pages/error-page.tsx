import { defaultSiteSettings } from '../../../features/settings/index.js';
import { Layout } from '../components/layout.js';
import { documentHtml, h } from '../jsx/index.js';
import type { SiteContext } from '../site-context.js';

const headings: Record<number, string> = {
  400: 'That request did not make sense to us',
  401: 'Please sign in',
  403: 'You cannot see this page',
  404: 'We could not find that page',
  410: 'This story is no longer available',
  429: 'Too many requests',
  503: 'We will be right back',
};

const messages: Record<number, string> = {
  404: 'The address may be mistyped, or the page may have moved. Try a search:',
  410: 'It was taken down by the newsroom. You may find related reporting with a search:',
  503: 'The site is having trouble reaching its data. Please try again in a moment.',
};

/**
 * A styled error page that needs nothing from the database (it must render when the database
 * is the problem), and never shows internals. With a site context it uses the newsroom's name
 * and navigation.
 */
export function renderErrorPage(options: {
  status: number;
  message: string;
  site?: SiteContext;
}): string {
  const heading =
    headings[options.status] ??
    (options.status >= 500 ? 'Something went wrong' : 'Something is not right');
  const site: SiteContext = options.site ?? {
    settings: defaultSiteSettings,
    navigation: [],
    newsletters: [],
    drive: undefined,
    driveProgress: undefined,
    publicUrl: '',
    isPaidEnabled: false,
    pageSlugs: new Set(),
  };
  return documentHtml(
    <Layout
      site={{ ...site, drive: undefined }}
      meta={{
        title: `${heading} — ${site.settings.siteName}`,
        description: heading,
        canonical: `${site.publicUrl}/`,
        isNoIndex: true,
      }}
    >
      <section class="error-page">
        <h1>{heading}</h1>
        <p>{options.message || messages[options.status] || ''}</p>
        <form class="search-form" action="/search" method="get" role="search">
          <label class="visually-hidden" for="error-search">
            Search the site
          </label>
          <input id="error-search" name="q" type="search" placeholder="Search the site" />
          <button type="submit">Search</button>
        </form>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </section>
    </Layout>,
  );
}
