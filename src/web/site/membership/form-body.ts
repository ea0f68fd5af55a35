import type { FastifyInstance } from 'fastify';
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

/** CSRF, second line: signed-in forms carry a token derived from the session secret. */
export function assertFormToken(secret: string, token: unknown): void {
  if (!isFormTokenValid(secret, token))
    throw forbidden('This form has expired; reload the page and try again');
}
