import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { requirePermission, type Actor, type Permission } from '../features/staff/index.js';
import { unauthorized } from '../platform/errors.js';
import { parseInput } from './http-input.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: a permission (checked against the actor's role before the handler
 * runs), 'authenticated' (any signed-in actor; the handler checks ownership rules itself) or
 * 'public' (no actor needed: sign-in, password reset, the OpenAPI document).
 */
export type Access = Permission | 'authenticated' | 'public';

export interface RouteContext<B, Q, P> {
  actor: Actor | null;
  body: B;
  query: Q;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * The response of a route that answers 204 with no body: its handler returns nothing, and
 * anything it did return would be refused (see `serializeResponse`).
 */
export const noContent = z.void();

/**
 * The response of a route that streams CSV (an export): the handler sets the content type and
 * returns the stream; the OpenAPI document shows it as `text/csv`.
 */
export const csvStream = z.instanceof(Readable);

/**
 * The response of a route that streams a file download (a .tar.gz or .json archive): the handler
 * sets the content type and disposition and returns the stream; the OpenAPI document shows it as
 * `application/octet-stream`.
 */
export const fileStream = z.instanceof(Readable);

/**
 * One route of an API, declared once: validation, access, the OpenAPI document and what the
 * answer may contain all come from it. The handler returns the response schema's *input* type
 * (what the schema accepts: defaults may be left out, extra fields such as a password hash are
 * allowed in and stripped on the way out); the client sees its *output* type, which is what the
 * OpenAPI document describes.
 */
export interface ApiRouteSpec<
  B = unknown,
  Q = unknown,
  P = unknown,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Fastify-style path below the API prefix, e.g. '/posts/:id'. */
  url: string;
  summary: string;
  /** OpenAPI tag, e.g. 'Posts'. */
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  /** A multipart upload (documented as such; the handler reads the parts itself). */
  isMultipart?: boolean;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /**
   * Schema of a successful response body: every answer is parsed with it before it is sent (in
   * every environment), so undeclared fields are stripped and a body it refuses is a 500.
   * `noContent` for a route that answers 204.
   */
  response: R;
  successStatus?: 200 | 201 | 202 | 204;
  /**
   * Largest request body in bytes, checked (with the caller's access) before a byte is buffered.
   * Defaults: 16 KB for public routes (sign-in, reset), 2 MB otherwise; only imports ask for more.
   */
  bodyLimit?: number;
  /** May answer itself (the Content API's cache does) and return the reply: nothing more is sent. */
  handler: (context: RouteContext<B, Q, P>) => Promise<z.input<R> | FastifyReply>;
}

/** Body limits by kind of route (see ApiRouteSpec.bodyLimit). */
export const bodyLimits = { public: 16 * 1024, signedIn: 2 * 1024 * 1024 } as const;

/** What an API registered, in order: the source of its OpenAPI document and of the permission-matrix test. */
export interface RegisteredRoute {
  method: HttpMethod;
  /** Full path with the prefix, Fastify style. */
  path: string;
  spec: ApiRouteSpec<never, never, never, z.ZodType>;
}

export class RouteRegistry {
  readonly routes: RegisteredRoute[] = [];
}

/**
 * Registers a route: parses params, query and body with their Zod schemas (400 naming each bad
 * field, unknown fields refused by strict schemas), checks access, runs the handler and sends
 * what it returns with the success status.
 */
export function defineRoute<B, Q, P, R extends z.ZodType>(
  api: FastifyInstance,
  registry: RouteRegistry,
  prefix: string,
  spec: ApiRouteSpec<B, Q, P, R>,
): void {
  registry.routes.push({
    method: spec.method,
    path: `${prefix}${spec.url}`,
    spec: spec as unknown as ApiRouteSpec<never, never, never, z.ZodType>,
  });
  api.route({
    method: spec.method,
    url: spec.url,
    config: { isPublic: spec.access === 'public' },
    bodyLimit:
      spec.bodyLimit ?? (spec.access === 'public' ? bodyLimits.public : bodyLimits.signedIn),
    // Access is settled before the body is read: a caller who may not use the route never gets
    // its (possibly large) body buffered.
    preParsing: (request, _reply, payload, done) => {
      checkAccess(spec.access, request.actor);
      done(null, payload);
    },
    handler: async (request, reply) => {
      const actor = request.actor;
      checkAccess(spec.access, actor);
      const params = spec.params ? parseInput(spec.params, request.params) : (request.params as P);
      const query = spec.query ? parseInput(spec.query, request.query) : (request.query as Q);
      const body = spec.body ? parseInput(spec.body, request.body) : (undefined as B);
      const result = await spec.handler({ actor, body, query, params, request, reply });
      if (reply.sent || result === reply) return reply;
      const answer = serializeResponse(spec.response, result, {
        route: `${spec.method} ${prefix}${spec.url}`,
      });
      return reply.code(spec.successStatus ?? 200).send(answer ?? undefined);
    },
  });
}

/** A handler answered with a body its response schema refuses: a bug in the route, never the client's. */
export class ResponseContractError extends Error {
  constructor(
    readonly route: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(
      `${route} answered with a body its response schema refuses: ${issues
        .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'ResponseContractError';
  }
}

/**
 * What is sent for a handler's result: the response schema's parse of it, the same in every
 * environment. Plain objects lose every key the schema does not declare (Zod strips unknown keys),
 * which is what keeps secrets such as password hashes in; a result the schema refuses throws a
 * ResponseContractError, answered as a 500 and logged as an unhandled error, so a test fails.
 */
export function serializeResponse<R extends z.ZodType>(
  schema: R,
  result: unknown,
  context: { route: string },
): z.output<R> {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new ResponseContractError(context.route, parsed.error.issues);
  return parsed.data;
}

function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw unauthorized();
  if (access !== 'authenticated') requirePermission(actor, access);
}
