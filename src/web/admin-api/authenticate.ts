import type { FastifyReply, FastifyRequest } from 'fastify';
import { staffActor, tokenActor, type Actor } from '../../features/staff/index.js';
import { AppError, unauthorized } from '../../platform/errors.js';
import { parseCookies } from '../../platform/http/index.js';
import { safeEqual } from '../../platform/security/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { staffCookieName } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    staffSessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that need no signed-in actor (sign-in, password reset, the OpenAPI document). */
    isPublic?: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Finds the actor behind a request: an Admin API token (`Authorization: Bearer …`) or a staff
 * session cookie. Cookie-authenticated writes must repeat the session's CSRF token in the
 * `X-CSRF-Token` header; token-authenticated ones need not, since browsers never add bearer
 * tokens by themselves.
 */
export function createAuthenticate(deps: {
  services: ServicesOf<'tokens' | 'staffSessions'>;
  isProduction: boolean;
}) {
  const { services } = deps;
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.actor = null;
    request.staffSessionId = null;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match?.[1] ? await services.tokens.verify(match[1], 'admin') : undefined;
      if (!token?.role) throw unauthorized('The API token is not valid or has been revoked');
      request.actor = tokenActor({ id: token.id, role: token.role });
      void services.tokens.touch(token.id).catch(() => undefined);
      return;
    }
    const secret = parseCookies(request.headers.cookie)[staffCookieName(deps.isProduction)];
    if (secret) {
      const session = await services.staffSessions.resolve(secret);
      if (session) {
        if (unsafeMethods.has(request.method)) {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
            // Public routes (sign-in, reset, invitation) need no actor: proceed as anonymous.
            if (request.routeOptions.config.isPublic) return;
            throw new AppError({
              code: 'CSRF_FAILED',
              status: 403,
              message: 'Missing or wrong X-CSRF-Token header',
            });
          }
        }
        request.actor = staffActor(session.user, session.authorId);
        request.staffSessionId = session.sessionId;
        return;
      }
    }
    if (!request.routeOptions.config.isPublic) throw unauthorized();
  };
}

/**
 * The staff member behind a session cookie, for pages outside the Admin API that staff read with
 * their browser session (the story preview). Reads only: no CSRF check is needed for a GET.
 */
export async function staffActorFromCookie(
  services: ServicesOf<'staffSessions'>,
  isProduction: boolean,
  cookieHeader: string | undefined,
): Promise<Actor | null> {
  const secret = parseCookies(cookieHeader)[staffCookieName(isProduction)];
  if (!secret) return null;
  const session = await services.staffSessions.resolve(secret);
  return session ? staffActor(session.user, session.authorId) : null;
}

/** The actor of an authenticated route (the hook guarantees one outside public routes). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
