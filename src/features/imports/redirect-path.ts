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
    parsed = new URL(url, 'http://old.invalid');
  } catch {
    return undefined;
  }
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  if (path.length > 1000) return undefined;
  const kept = contentParams.flatMap((name) => {
    const value = parsed.searchParams.get(name);
    return value !== null && /^[\w-]{1,100}$/.test(value) ? [`${name}=${value}`] : [];
  });
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}
