/**
 * How Content API answers are cached. They go through the reader site's page cache (one
 * invalidation path: outbox events → page tags), keyed by route and normalised query, per
 * audience (anonymous, member, paid: as the API decides visibility), never per reader or key.
 */

/**
 * `private`: the content key is a credential (a header or `?key=`) that only we can check, and
 * a members-only body depends on the member cookie. A shared cache (CDN) keying on the URL alone
 * would hand one key's answer to a request with another header key or none, and keep serving a
 * revoked key. Browsers and apps may keep answers and revalidate with the ETag (a cheap 304).
 */
export const contentCacheControl = 'private, no-cache';
/** What an answer depends on besides the URL (for any private cache that honours Vary). */
export const contentVary = 'Accept-Encoding, Origin, Cookie, X-Masthead-Key';

const entriesOf = (values: unknown): Array<[string, unknown]> =>
  values && typeof values === 'object' ? Object.entries(values as Record<string, unknown>) : [];

/**
 * The cache key of a GET: its route and its parsed params and query (defaults applied, the key
 * left out), sorted, so `?limit=10&kind=brief`, `?kind=brief&limit=10&key=…` and `?kind=brief`
 * (limit 10 by default) share an entry, as do `/posts/slug/a%62` and `/posts/slug/ab`.
 */
export function contentCacheKey(route: string, params: unknown, query: unknown): string {
  const entries = [...entriesOf(params), ...entriesOf(query)]
    .filter(([name, value]) => name !== 'key' && value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = new URLSearchParams(
    entries.map(([name, value]): [string, string] => [name, String(value)]),
  );
  return `content-api:${route}?${search.toString()}`;
}
