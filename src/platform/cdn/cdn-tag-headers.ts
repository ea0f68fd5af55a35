/**
 * A page's cache tags as the CDNs read them: `Surrogate-Key` (Fastly: space-separated) and
 * `Cache-Tag` (Cloudflare: comma-separated). Both cap a header at 16 KB; past `maxLength`
 * the tags that name one item (`post:…`, the stories a long list shows) are left out and the
 * page keeps its broad tags (home, news, feeds, sitemaps, search, its section or author),
 * which every change to a listed story also purges.
 */
export function cdnTagHeaders(
  tags: Iterable<string>,
  maxLength = 8_000,
): { surrogateKey: string; cacheTag: string } | undefined {
  // Header-safe only: visible ASCII, no separators (slugs and ids always are).
  let list = [...tags].filter((tag) => /^[\x21-\x7e]+$/.test(tag) && !tag.includes(','));
  if (list.length === 0) return undefined;
  if (list.join(' ').length > maxLength) {
    list = list.filter((tag) => !tag.startsWith('post:'));
    let length = 0;
    list = list.filter((tag) => (length += tag.length + 1) <= maxLength);
  }
  return { surrogateKey: list.join(' '), cacheTag: list.join(',') };
}
