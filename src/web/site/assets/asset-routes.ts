import { createHash } from 'node:crypto';
import { webArea } from '../../web-area.js';
import { siteCss } from './site-css.js';
import { liveJs } from './live-js.js';
import { siteJs } from './site-js.js';

/** One script for every reader page: live pages' part is small, and one file stays cached. */
export const readerJs = siteJs + liveJs;

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Hashed asset URLs: the content never changes under a URL, so browsers and CDNs keep it for a year. */
export const assetUrls = {
  css: `/assets/site-${hashOf(siteCss)}.css`,
  js: `/assets/site-${hashOf(readerJs)}.js`,
} as const;

/** The site's CSS and script, at hashed URLs. */
export const assetRoutes = webArea<Record<never, never>>((app) => {
  const immutable = 'public, max-age=31536000, immutable';
  app.get(assetUrls.css, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(siteCss),
  );
  app.get(assetUrls.js, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', immutable).send(readerJs),
  );
});
