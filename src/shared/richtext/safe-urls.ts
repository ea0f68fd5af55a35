// URL policy for links, images and embeds. Checks run on the raw string (no normalisation) so
// what we store is exactly what we checked; anything a browser might read differently is refused.

const MAX_URL_LENGTH = 2048;

// Whitespace, C0/C1 controls, DEL, backslash, and Unicode spaces/format chars: browsers strip
// or reinterpret these (`java\tscript:`, `/\evil.com`), so a clean URL never needs them.
const SUSPICIOUS_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\s\u0000-\u001f\u007f-\u009f\\\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;

const HTTP_URL = /^https?:\/\/[^/?#]/i;

function isCleanString(value: string): boolean {
  return value.length > 0 && value.length <= MAX_URL_LENGTH && !SUSPICIOUS_CHARS.test(value);
}

/** A path on our own site: one leading slash, never `//host` (protocol-relative). */
export function isSitePath(value: string): boolean {
  return isCleanString(value) && value.startsWith('/') && !value.startsWith('//');
}

/** An absolute http(s) URL with a real host. */
export function isHttpUrl(value: string): boolean {
  if (!isCleanString(value) || !HTTP_URL.test(value)) return false;
  const url = parseUrl(value);
  return url !== undefined && url.hostname.length > 0 && url.username === '' && url.password === '';
}

export function isSafeLinkHref(value: string): boolean {
  if (isSitePath(value) || isHttpUrl(value)) return true;
  return isCleanString(value) && /^mailto:[^/]/i.test(value);
}

export function isSafeImageSrc(value: string): boolean {
  return isSitePath(value) || isHttpUrl(value);
}

export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
