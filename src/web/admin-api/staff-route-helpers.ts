import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../features/staff-auth/index.js';
import type { Actor } from '../../features/staff/index.js';
import { forbidden } from '../../platform/errors.js';
import { staffSessionCookie } from './session-cookie.js';

/** The client address (the socket's unless a trusted proxy is configured) and user agent. */
export const requestMeta = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? '',
});

/** The signed-in staff member behind an actor; API tokens have no account of their own. */
export function staffUserIdOf(actor: Actor | null): string {
  if (!actor?.userId) throw forbidden('This needs a signed-in staff member, not an API token');
  return actor.userId;
}

export function setSessionCookie(
  reply: FastifyReply,
  options: { isProduction: boolean; value: string; maxAgeSeconds: number },
): void {
  void reply.header('set-cookie', staffSessionCookie(options));
}

export const clearSessionCookie = (reply: FastifyReply, isProduction: boolean) =>
  setSessionCookie(reply, { isProduction, value: '', maxAgeSeconds: 0 });
