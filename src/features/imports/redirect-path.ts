/**
 * The form an old address is stored and looked up in: the path, and only the query parameters
 * that name content on the old platforms (WordPress's `?p=`, `?page_id=`, `?cat=`, `?tag=`),
 * so `/?p=12&utm_source=x` finds `/?p=12`. A trailing slash does not count: `/podcast` and
 * `/podcast/` are one address (the site adds the slash before it finds nothing).
 */
const contentParams = ['p', 'page_id', 'cat', 'tag', 'author'] as const;

export function redirectKeyOf(url: string): string | undefined {
  let parsed: URL;
  try {
    // `//greek/x/` is a path (a doubled slash in an old link), not a host.
    parsed = new URL(url.replace(/^\/{2,}/, '/'), 'http://old.invalid');
  } catch {
    return undefined;
  }
  // `%ce%b5` (as WordPress links) and `%CE%B5` (as a browser encodes `ε`) are one address.
  const pathname = parsed.pathname.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path.length > 1000) return undefined;
  const kept = contentParams.flatMap((name) => {
    const value = parsed.searchParams.get(name);
    return value !== null && /^[\w-]{1,100}$/.test(value) ? [`${name}=${value}`] : [];
  });
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}
