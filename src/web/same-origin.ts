import type { FastifyRequest } from 'fastify';
import { forbidden } from '../platform/errors.js';

/**
 * CSRF, first line, for every HTML form the site receives: the browser must say the form comes
 * from this site.
 *
 * - `Origin` names the page's origin on every POST a current browser sends (Chromium, Firefox
 *   70+, Safari). It is `null` when the page's referrer policy is `no-referrer` (the Fetch
 *   standard serialises the origin as `null` then), for sandboxed frames and for some redirects.
 *   Our pages use `same-origin` or `strict-origin-when-cross-origin`, under which a same-origin
 *   POST carries the real origin; see docs/security.md.
 * - `Sec-Fetch-Site` (Chromium 76+, Firefox 90+, Safari 16.4+) is sent whatever the referrer
 *   policy. When `Origin` is missing or `null`, it decides: only `same-origin` passes.
 * - A request with neither header comes from a program, not a browser, and cannot carry a
 *   victim's cookies by accident; signed-in forms still need their form token (second line).
 */
export function assertSameOrigin(request: FastifyRequest, siteOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    const own = `${request.protocol}://${request.host}`;
    if (origin !== siteOrigin && origin !== own) throw notOurSite();
    return;
  }
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === undefined && origin === undefined) return;
  if (fetchSite !== 'same-origin') throw notOurSite();
}

const notOurSite = () => forbidden('This form must be sent from our own site');
