import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../../../platform/errors.js';
import { isFormTokenValid } from '../../../features/member-auth/index.js';

/** Reader forms are short: an email, a name, a token. */
const formBodyLimit = 8 * 1024;

/**
 * Parses `application/x-www-form-urlencoded` bodies (what HTML forms send) into a plain
 * object of strings; the last value wins for a repeated name. Registered inside the membership
 * plugin only, so the APIs keep accepting JSON alone.
 */
export function addFormBodyParser(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: formBodyLimit },
    (_request, body, done) => {
      const fields: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [name, value] of new URLSearchParams(body as string)) fields[name] = value;
      done(null, { ...fields });
    },
  );
}

/**
 * CSRF, first line: a browser names the page a POST comes from. Origin (or, failing that,
 * Sec-Fetch-Site) must say "this site"; a request with neither is from a non-browser or a very
 * old browser, and signed-in forms still need their form token (second line, below). The
 * member cookie is SameSite=Lax, so cross-site POSTs do not carry it anyway.
 */
export function assertSameOrigin(request: FastifyRequest, siteOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = `${request.protocol}://${request.host}`;
    if (origin !== siteOrigin && origin !== own)
      throw forbidden('This form must be sent from our own site');
    return;
  }
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') throw forbidden('This form must be sent from our own site');
}

/** CSRF, second line: signed-in forms carry a token derived from the session secret. */
export function assertFormToken(secret: string, token: unknown): void {
  if (!isFormTokenValid(secret, token))
    throw forbidden('This form has expired; reload the page and try again');
}
