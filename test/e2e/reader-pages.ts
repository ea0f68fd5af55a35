import type { Browser } from 'playwright-core';
import { openOk } from './page-checks.js';
import { queryOne, type SiteServer } from './site-server.js';

/** What a reader page's path is worked out from: the running server and a browser. */
export interface ReaderPageContext {
  server: SiteServer;
  browser: Browser;
}

export interface ReaderPage {
  name: string;
  /** The path (with query) to check, e.g. `/news/`; found at run time where it depends on data. */
  path: (context: ReaderPageContext) => Promise<string>;
}

const fixed =
  (path: string): ReaderPage['path'] =>
  () =>
    Promise.resolve(path);

/** The first story link on the home page, as a reader would find it. */
export async function firstStoryPath(context: ReaderPageContext): Promise<string> {
  const page = await context.browser.newPage();
  try {
    await openOk(page, context.server.url('/'));
    const href = await page.locator('main article a[href^="/"]').first().getAttribute('href');
    if (!href) throw new Error('the home page has no story link (main article a[href])');
    return href;
  } finally {
    await page.close();
  }
}

/**
 * The pages every reader can reach. Each is checked for WCAG 2.1 A/AA (axe-core), valid HTML
 * (html-validate) and a clean console; add a page here and it gets every check.
 *
 * An author and a brief are looked up in the database rather than followed from another page, so
 * each page's check stands on its own.
 */
export const readerPages: ReaderPage[] = [
  { name: 'home', path: fixed('/') },
  { name: 'story', path: firstStoryPath },
  { name: 'news feed', path: fixed('/news/') },
  {
    name: 'author',
    path: ({ server }) => {
      const row = queryOne<{ slug: string }>(
        server,
        `select a.slug from authors a
           join post_authors pa on pa.author_id = a.id
           join posts p on p.id = pa.post_id
          where p.status = 'published' and p.kind = 'article' and a.is_desk = 0
          order by p.published_at desc limit 1`,
      );
      if (!row) throw new Error('the demo newsroom has no author with a published article');
      return Promise.resolve(`/author/${row.slug}/`);
    },
  },
  { name: 'section', path: fixed('/tag/war/') },
  { name: 'corrections', path: fixed('/corrections/') },
  { name: 'search', path: fixed('/search?q=front') },
  { name: 'search newest first', path: fixed('/search?q=attack&sort=newest') },
  { name: 'sign in', path: fixed('/signin/') },
  {
    name: 'brief',
    path: ({ server }) => {
      const row = queryOne<{ slug: string }>(
        server,
        `select slug from posts
          where kind = 'brief' and status = 'published' and visibility = 'public'
          order by published_at desc limit 1`,
      );
      if (!row) throw new Error('the demo newsroom has no published public brief');
      return Promise.resolve(`/${row.slug}/`);
    },
  },
  {
    name: 'live page',
    path: ({ server }) => {
      const row = queryOne<{ slug: string }>(
        server,
        `select slug from posts where kind = 'live' and status = 'published' limit 1`,
      );
      if (!row) throw new Error('the demo newsroom has no published live page');
      return Promise.resolve(`/${row.slug}/`);
    },
  },
];
