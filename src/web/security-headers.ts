import { embedFrameOrigins } from '../shared/richtext/index.js';

/**
 * Security headers of every answer, set in one onRequest hook so the page cache's fast path
 * sends exactly what every other answer sends. The admin app replaces the CSP with its own
 * stricter one (admin-app-routes.ts); APIs carry the same headers harmlessly.
 */

/**
 * The reader site's Content-Security-Policy. Every script is our own file (`script-src 'self'`:
 * no inline script, no nonce needed, so cached pages stay valid for everyone); the one inline
 * style (the accent colour) needs 'unsafe-inline' for styles only; embeds load from the players
 * we build frames for; images may come from https (raw HTML blocks) and data: (the favicon).
 */
const readerCsp = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "media-src 'self' https:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${embedFrameOrigins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

/** Pages with a reader's account or a form that acts on it: never inside another site's frame. */
const unframeablePaths = /^\/(account|signin|signout|membership|gift)(\/|\?|$)/;

const cspFramed = readerCsp("'self'");
const cspUnframed = readerCsp("'none'");

const permissionsPolicy =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

export interface SecurityHeaderOptions {
  /** HSTS only when the site is served over https (PUBLIC_URL). */
  isHttps: boolean;
}

/** Builds the lookup once: on the cached-page hot path a request costs one regex test. */
export function createSecurityHeaders(
  options: SecurityHeaderOptions,
): (url: string) => Readonly<Record<string, string>> {
  const base: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': permissionsPolicy,
    'cross-origin-opener-policy': 'same-origin',
    ...(options.isHttps
      ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
      : {}),
  };
  const framed = { ...base, 'content-security-policy': cspFramed };
  const unframed = {
    ...base,
    'content-security-policy': cspUnframed,
    'x-frame-options': 'DENY',
  };
  return (url) => {
    if (url.startsWith('/api/') || url.startsWith('/admin')) return base;
    return unframeablePaths.test(url) ? unframed : framed;
  };
}
