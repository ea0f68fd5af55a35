/**
 * The route groups requests are counted by: a small fixed set, so the metrics' label values
 * stay bounded whatever URLs are asked for (raw URLs would make one series per story, and one
 * per probe of a scanner). Grouped by the route's pattern, which Fastify gives after routing.
 */
export const routeGroups = [
  'reader_page',
  'feed',
  'content_api',
  'admin_api',
  'admin_app',
  'assets',
  'email',
  'webhooks',
  'system',
  /** No route matched (a 404 before any handler): scanners and broken links. */
  'unmatched',
] as const;

export type RouteGroup = (typeof routeGroups)[number];

const byPrefix: ReadonlyArray<readonly [string, RouteGroup]> = [
  ['/api/admin/', 'admin_api'],
  ['/api/content/', 'content_api'],
  ['/admin', 'admin_app'],
  ['/assets/', 'assets'],
  ['/media/', 'assets'],
  ['/webhooks/', 'webhooks'],
  // Newsletter links: the web copy, unsubscribe, open pixel and click redirects (a send's spike).
  ['/email/', 'email'],
  ['/unsubscribe/', 'email'],
  ['/e/', 'email'],
  ['/r/', 'email'],
  ['/rss', 'feed'],
  ['/feed.json', 'feed'],
  ['/sitemap', 'feed'],
  ['/robots.txt', 'feed'],
];

const systemPaths = new Set(['/healthz', '/readyz', '/metrics']);

/** The group of a route pattern (`request.routeOptions.url`); undefined when no route matched. */
export function routeGroupOf(pattern: string | undefined): RouteGroup {
  if (pattern === undefined) return 'unmatched';
  if (systemPaths.has(pattern)) return 'system';
  for (const [prefix, group] of byPrefix) if (pattern.startsWith(prefix)) return group;
  return 'reader_page';
}
