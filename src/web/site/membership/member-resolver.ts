import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MemberAuthService, MemberSession } from '../../../features/member-auth/index.js';
import type { Audience } from '../../../features/members/index.js';
import { memberSecretOf, memberSessionCookie } from './member-cookie.js';

/**
 * How a request's member cookie becomes a member and what they may read: the one
 * implementation, used by the reader site (pages, account, billing) and the Content API alike.
 * Built once (`createReaderSite`, reader-site.ts) and handed to both.
 */
export interface MemberResolver {
  /** The signed-in reader behind the request's cookie (re-sending the cookie when its expiry slid). */
  session(request: FastifyRequest, reply: FastifyReply): Promise<MemberSession | undefined>;
  /** The session and the cookie's secret (signed-in forms derive their token from it). */
  signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ session: MemberSession; secret: string } | undefined>;
  /** anonymous without a live session; member or paid otherwise. */
  audience(request: FastifyRequest, reply: FastifyReply): Promise<Audience>;
  isProduction: boolean;
}

/** A request's member session is resolved once, however many parts of the app ask. */
const resolved = new WeakMap<FastifyRequest, Promise<MemberSession | undefined>>();

export function createMemberResolver(deps: {
  memberAuth: Pick<MemberAuthService, 'resolveSession'>;
  isProduction: boolean;
}): MemberResolver {
  const { isProduction } = deps;
  const session = (request: FastifyRequest, reply: FastifyReply) => {
    const secret = memberSecretOf(request, isProduction);
    if (!secret) return Promise.resolve(undefined);
    let found = resolved.get(request);
    if (!found) {
      found = deps.memberAuth.resolveSession(secret).then((s) => {
        if (s?.isRenewed)
          void reply.header('set-cookie', memberSessionCookie({ isProduction, value: secret }));
        return s;
      });
      resolved.set(request, found);
    }
    return found;
  };
  return {
    isProduction,
    session,
    signedIn: async (request, reply) => {
      const secret = memberSecretOf(request, isProduction);
      const found = secret ? await session(request, reply) : undefined;
      return secret && found ? { session: found, secret } : undefined;
    },
    audience: async (request, reply) => (await session(request, reply))?.audience ?? 'anonymous',
  };
}
