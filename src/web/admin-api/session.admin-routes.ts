import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { sessionCookieMaxAgeSeconds, type SignInResult } from '../../features/staff-auth/index.js';
import { unauthorized } from '../../platform/errors.js';
import {
  invitationAcceptSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  sessionSchema,
  signInBodySchema,
  signInResponseSchema,
  twoFactorSignInBodySchema,
} from '../../shared/contracts/staff.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import {
  clearSessionCookie,
  requestMeta,
  setSessionCookie,
  staffUserIdOf,
} from './staff-route-helpers.js';

/** Signing in and out, password resets and accepting an invitation: the account's front door. */
export const sessionAdminRoutes: AdminRoutes<ServicesOf<'staffAuth' | 'staffSessions'>> = ({
  route,
  services,
  isProduction,
  publicUrl,
}) => {
  const { signIn, passwordResets, invitations, accounts } = services.staffAuth;

  /** Sets the session cookie; the answer's `user` is cut down to the contract by sessionSchema. */
  const startSession = (
    result: Extract<SignInResult, { kind: 'session' }>,
    reply: FastifyReply,
  ) => {
    setSessionCookie(reply, {
      isProduction,
      value: result.secret,
      maxAgeSeconds: sessionCookieMaxAgeSeconds,
    });
    return { user: result.user, csrfToken: result.csrfToken };
  };
  const answer = (result: SignInResult, reply: FastifyReply) =>
    result.kind === 'two-factor'
      ? { twoFactorRequired: true as const, challengeToken: result.challengeToken }
      : startSession(result, reply);

  route({
    method: 'POST',
    url: '/session',
    tag: 'Session',
    summary: 'Sign in with email and password (sets the session cookie, or asks for a 2FA code)',
    access: 'public',
    body: signInBodySchema,
    response: signInResponseSchema,
    handler: async ({ body, request, reply }) =>
      answer(await signIn.signIn(body, requestMeta(request)), reply),
  });
  route({
    method: 'POST',
    url: '/session/two-factor',
    tag: 'Session',
    summary: 'Complete a sign-in with a code from the authenticator app or a recovery code',
    access: 'public',
    body: twoFactorSignInBodySchema,
    response: sessionSchema,
    handler: async ({ body, request, reply }) => {
      const result = await signIn.completeTwoFactor(body, requestMeta(request));
      // A second factor that checks out always starts a session (the result type is shared with signIn).
      if (result.kind !== 'session') throw new Error('A completed two-factor sign-in asked again');
      return startSession(result, reply);
    },
  });
  route({
    method: 'GET',
    url: '/session',
    tag: 'Session',
    summary: 'The signed-in staff member and the CSRF token to send with writes',
    access: 'authenticated',
    response: sessionSchema,
    handler: async ({ actor, request }) => {
      const userId = staffUserIdOf(actor);
      const csrfToken =
        request.staffSessionId &&
        (await services.staffSessions.csrfTokenOf(request.staffSessionId));
      if (!csrfToken) throw unauthorized('Not signed in with a session');
      const { user } = await accounts.profile(userId);
      return { user, csrfToken };
    },
  });
  route({
    method: 'POST',
    url: '/password-reset',
    tag: 'Session',
    summary: 'Email a password-reset link (same answer whether or not the account exists)',
    access: 'public',
    body: passwordResetRequestSchema,
    response: z.object({ message: z.string() }),
    successStatus: 202,
    handler: async ({ body, request }) => {
      await passwordResets.request(body, { ...requestMeta(request), publicUrl });
      return { message: 'If that address has an account, a reset link is on its way.' };
    },
  });
  route({
    method: 'POST',
    url: '/password-reset/confirm',
    tag: 'Session',
    summary: 'Set a new password with a reset link (signs the account out everywhere)',
    access: 'public',
    body: passwordResetConfirmSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ body, request }) => {
      await passwordResets.confirm(body, requestMeta(request));
    },
  });
  route({
    method: 'POST',
    url: '/invitations/accept',
    tag: 'Session',
    summary:
      'Accept an invitation: choose a name and password; signs the new staff member in (sets the session cookie)',
    access: 'public',
    body: invitationAcceptSchema,
    response: sessionSchema,
    successStatus: 201,
    handler: async ({ body, request, reply }) => {
      const accepted = await invitations.accept(body, requestMeta(request));
      setSessionCookie(reply, {
        isProduction,
        value: accepted.secret,
        maxAgeSeconds: sessionCookieMaxAgeSeconds,
      });
      return { user: accepted.user, csrfToken: accepted.csrfToken };
    },
  });
  // These two end the caller's sessions: they stay last (see route-modules.ts).
  route({
    method: 'POST',
    url: '/session/sign-out-everywhere',
    tag: 'Session',
    summary: 'Sign out on every device',
    access: 'authenticated',
    response: z.object({ revokedSessions: z.number().int() }),
    handler: async ({ actor, request, reply }) => {
      const revokedSessions = await signIn.signOutEverywhere(
        staffUserIdOf(actor),
        requestMeta(request),
      );
      clearSessionCookie(reply, isProduction);
      return { revokedSessions };
    },
  });
  // Signing out is idempotent and public: it ends the session behind the cookie, if there is one
  // (with its CSRF token; without it the request is anonymous and only the cookie is cleared).
  route({
    method: 'DELETE',
    url: '/session',
    tag: 'Session',
    summary: 'Sign out (this browser)',
    access: 'public',
    response: noContent,
    successStatus: 204,
    handler: async ({ actor, request, reply }) => {
      if (actor?.userId && request.staffSessionId) {
        await signIn.signOut(
          { sessionId: request.staffSessionId, userId: actor.userId },
          requestMeta(request),
        );
      }
      clearSessionCookie(reply, isProduction);
    },
  });
};
