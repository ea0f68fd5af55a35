import { defaultSiteSettings } from '../../../features/settings/index.js';
import { Layout } from '../components/layout.js';
import { documentHtml, h } from '../jsx/index.js';

const headings: Record<number, string> = {
  400: 'That request did not make sense to us',
  401: 'Please sign in',
  403: 'You cannot see this page',
  404: 'We could not find that page',
  410: 'This story is no longer available',
  429: 'Too many requests',
  503: 'We will be right back',
};

/**
 * A styled error page that needs nothing from the database (it must render when the database
 * is the problem), and never shows internals.
 */
export function renderErrorPage(options: { status: number; message: string }): string {
  const heading =
    headings[options.status] ??
    (options.status >= 500 ? 'Something went wrong' : 'Something is not right');
  return documentHtml(
    <Layout settings={defaultSiteSettings} navigation={[]} title={`${heading} (${options.status})`}>
      <section class="error-page">
        <h1>{heading}</h1>
        {options.message ? <p>{options.message}</p> : null}
        <form action="/search" method="get" role="search">
          <label for="error-search">Search the site</label>{' '}
          <input id="error-search" name="q" type="search" /> <button type="submit">Search</button>
        </form>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </section>
    </Layout>,
  );
}
