import type { FastifyRequest } from 'fastify';
import { memberSessionMaxAgeSeconds } from '../../../features/member-auth/index.js';
import { parseCookies, serializeCookie } from '../../../platform/http/index.js';

/**
 * The member session cookie. SameSite=Lax, so it comes along when a reader follows a link to
 * us (pages render for their audience) but not on cross-site POSTs; HttpOnly; in production
 * Secure with the __Host- prefix (host-only, path /: no subdomain can plant or overwrite it).
 */
export const memberCookieName = (isProduction: boolean) =>
  isProduction ? '__Host-masthead_member' : 'masthead_member';

export function memberSessionCookie(options: {
  isProduction: boolean;
  value: string;
  maxAgeSeconds?: number;
}): string {
  return serializeCookie(memberCookieName(options.isProduction), options.value, {
    httpOnly: true,
    secure: options.isProduction,
    sameSite: 'Lax',
    path: '/',
    maxAgeSeconds: options.maxAgeSeconds ?? memberSessionMaxAgeSeconds,
  });
}

export const clearedMemberCookie = (isProduction: boolean) =>
  memberSessionCookie({ isProduction, value: '', maxAgeSeconds: 0 });

/**
 * A cheap test with no parsing and no database: only requests whose Cookie header mentions
 * the member cookie are worth resolving. Anonymous readers stay on the page cache's fast path.
 */
export const mayHaveMemberCookie = (request: FastifyRequest, isProduction: boolean): boolean =>
  mayHaveMemberCookieHeader(request.headers.cookie, isProduction);

/** The same test on the raw Cookie header (hits answered before routing: page-cache-fast-path.ts). */
export const mayHaveMemberCookieHeader = (
  header: string | undefined,
  isProduction: boolean,
): boolean => header !== undefined && header.includes(memberCookieName(isProduction));

export const memberSecretOf = (request: FastifyRequest, isProduction: boolean) =>
  mayHaveMemberCookie(request, isProduction)
    ? parseCookies(request.headers.cookie)[memberCookieName(isProduction)]
    : undefined;
