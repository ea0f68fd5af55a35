/**
 * Where a reader may be sent after signing in: a path on this site only. Anything that a
 * browser could read as another origin (`//evil`, `/\evil`, a scheme, control characters) or
 * that is unreasonably long is refused, and the caller falls back to the account page.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  try {
    const url = new URL(value, 'http://site.invalid');
    if (url.origin !== 'http://site.invalid') return undefined;
    // Dot segments can normalise into a protocol-relative path ('/.//evil.com' → '//evil.com'),
    // which a browser would follow off-site: check the result, not only the input.
    if (url.pathname.startsWith('//')) return undefined;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}
