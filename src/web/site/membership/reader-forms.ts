import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isFormTokenValid } from '../../../features/member-auth/index.js';
import { forbidden, isAppError, validationError } from '../../../platform/errors.js';
import { parseInput } from '../../http-input.js';
import { assertSameOrigin } from '../../same-origin.js';

/**
 * Reader forms: every HTML form a reader sends (sign-in, account, join, gift, redeem) and every
 * query string of those pages goes through this module, so they all follow one set of rules.
 *
 * - One body parser for `application/x-www-form-urlencoded`, registered only in the scope that
 *   holds the reader forms (the APIs keep accepting JSON alone).
 * - One CSRF rule, first line: every POST in that scope passes `assertSameOrigin`
 *   (src/web/same-origin.ts) before its body is read. A route cannot forget it: the check is a
 *   hook of the scope, not a call in each handler.
 * - One way to parse: a Zod schema per form and per query, parsed by `parseForm`/`parseQuery`
 *   (the same `parseInput` as the APIs); bad input is a 400 whose error page names the field.
 * - CSRF, second line: signed-in forms carry a token derived from the session secret
 *   (`assertFormToken`).
 *
 * Details and the browser table: docs/security.md, "CSRF on reader forms".
 */

/**
 * Reader forms are short: an email, a name, a gift message of at most 1,000 characters. A
 * message in a non-Latin script percent-encodes to 9 bytes a character, so 16 KiB leaves room.
 */
export const readerFormBodyLimit = 16 * 1024;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Makes `scope` a reader-forms scope: the urlencoded parser and the same-origin check on every
 * state-changing request. `onFormRoute` hears each such route as it is added (for the test
 * that proves every reader form is covered).
 */
export function useReaderForms(
  scope: FastifyInstance,
  options: { siteOrigin: string; onFormRoute?: (route: string) => void },
): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: readerFormBodyLimit },
    (_request, body, done) => {
      // No prototype: a field named `__proto__` or `constructor` is just a field. The last value
      // wins for a repeated name.
      const fields = Object.create(null) as Record<string, string>;
      for (const [name, value] of new URLSearchParams(body as string)) fields[name] = value;
      done(null, { ...fields });
    },
  );
  // onRequest: a cross-site POST is refused before its body is even read.
  scope.addHook('onRequest', (request, _reply, done) => {
    if (!unsafeMethods.has(request.method)) return done();
    try {
      assertSameOrigin(request, options.siteOrigin);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  // The app's error handler renders the page; this one only makes its message name the field.
  scope.setErrorHandler((error) => {
    throw namingFields(error);
  });
  const { onFormRoute } = options;
  if (onFormRoute)
    scope.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods)
        if (unsafeMethods.has(method)) onFormRoute(`${method} ${route.url}`);
    });
}

/** The form's fields, parsed by its schema; a 400 naming the field otherwise. */
export const parseForm = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> =>
  parseInput(schema, request.body);

/** The page's query string, parsed by its schema; a 400 naming the parameter otherwise. */
export const parseQuery = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> =>
  parseInput(schema, request.query);

/**
 * A 400 that reaches the error page names its field there: the page shows the first problem's
 * message, and "email: Too big…" tells the reader (or the developer) which field it was.
 * Problems a route shows under their fields itself (the form again) never get here.
 */
export function namingFields(error: unknown): unknown {
  if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') return error;
  return validationError(
    error.problems.map((p) => ({
      ...p,
      message: p.field ? `${p.field}: ${p.message}` : p.message,
    })),
  );
}

/** Personal pages: never kept by the page cache, a CDN or the browser's history cache. */
export const privatePage = (reply: FastifyReply, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('vary', 'Cookie');

/**
 * The hidden `csrf` field of signed-in forms. Optional in the schema: a missing token is a 403
 * from `assertFormToken` (a CSRF refusal), not a 400.
 */
export const formTokenField = z.string().max(200).optional();

/** CSRF, second line: signed-in forms carry a token derived from the session secret. */
export function assertFormToken(secret: string, token: string | undefined): void {
  if (!isFormTokenValid(secret, token))
    throw forbidden('This form has expired; reload the page and try again');
}
