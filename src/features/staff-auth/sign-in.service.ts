import { narrow } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import { normaliseEmail, type StaffUser } from '../staff/index.js';
import { authLimit } from './auth-limits.js';
import type { RequestMeta, StaffAuthDeps } from './staff-auth.deps.js';
import type { StaffAuthTables } from './staff-auth.table.js';
import { createStaffAuthRepository } from './staff-auth.repository.js';
import type { TwoFactorService } from './two-factor.service.js';

/** Pending second steps last five minutes and allow five wrong codes. */
const challengeMs = 5 * 60_000;
const challengeAttempts = 5;

/** The same answer for an unknown email, a wrong password and a suspended account. */
const invalidCredentials = () =>
  new AppError({
    code: 'INVALID_CREDENTIALS',
    status: 401,
    message: 'Email or password is incorrect',
  });

export type SignInResult =
  | {
      kind: 'session';
      user: StaffUser;
      /** The cookie value (shown once; only its hash is stored). */
      secret: string;
      csrfToken: string;
      sessionId: string;
    }
  | { kind: 'two-factor'; challengeToken: string };

export function createSignInService(deps: StaffAuthDeps & { twoFactor: TwoFactorService }) {
  const { clock, limiter } = deps;
  const repository = createStaffAuthRepository(narrow(deps.db).to<StaffAuthTables>());

  async function finish(
    user: StaffUser,
    meta: RequestMeta,
    viaTwoFactor: boolean,
  ): Promise<SignInResult> {
    await limiter.clear('staff-sign-in-account', user.email);
    const session = await deps.sessions.create(user.id, meta);
    await deps.audit.log({
      actor: `staff:${user.id}`,
      action: 'session.signed_in',
      subjectType: 'staff_user',
      subjectId: user.id,
      details: { twoFactor: viaTwoFactor },
      ip: meta.ip,
    });
    return {
      kind: 'session',
      user,
      secret: session.secret,
      csrfToken: session.csrfToken,
      sessionId: session.sessionId,
    };
  }

  /** The attempt stays counted (it was reserved before the check); the audit log records it. */
  async function fail(email: string, meta: RequestMeta, reason: string): Promise<void> {
    await deps.audit.log({
      actor: 'anonymous',
      action: 'session.sign_in_failed',
      subjectType: 'staff_user',
      details: { email, reason },
      ip: meta.ip,
    });
  }

  return {
    /**
     * Checks email and password. The attempt is reserved against the account's and the
     * address's limits before the (slow) password check, so concurrent guesses cannot pass a
     * limit: past it, 429 without any check. A right password gives its reservation back.
     * Unknown and suspended accounts take as long as wrong passwords (argon2 runs either way).
     * With two-factor sign-in on, the answer is a short-lived challenge, not a session.
     */
    async signIn(
      input: { email: string; password: string },
      meta: RequestMeta,
    ): Promise<SignInResult> {
      const email = normaliseEmail(input.email);
      const reservation = await limiter.take(
        authLimit('staff-sign-in-account', email),
        authLimit('staff-sign-in-ip', meta.ip),
      );
      const user = await deps.staff.verifyCredentials(email, input.password);
      if (!user) {
        await fail(email, meta, 'credentials');
        throw invalidCredentials();
      }
      await reservation.release();
      if (await deps.twoFactor.isEnabled(user.id)) {
        const challengeToken = randomToken(32);
        const now = clock.now();
        await repository.insertChallenge({
          id: newId(),
          token_hash: hashToken(challengeToken),
          user_id: user.id,
          attempts: 0,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + challengeMs).toISOString(),
        });
        return { kind: 'two-factor', challengeToken };
      }
      return finish(user, meta, false);
    },

    /** The second step: a code from the authenticator app (or a recovery code) for a challenge. */
    async completeTwoFactor(
      input: { challengeToken: string; code: string },
      meta: RequestMeta,
    ): Promise<SignInResult> {
      const expired = () =>
        new AppError({
          code: 'TWO_FACTOR_EXPIRED',
          status: 401,
          message: 'The sign-in has expired; start again',
        });
      if (input.challengeToken.length > 100) throw expired();
      const challenge = await repository.findLiveChallenge(
        hashToken(input.challengeToken),
        clock.now().toISOString(),
      );
      const user = challenge && (await deps.staff.byId(challenge.user_id));
      if (!challenge || user?.status !== 'active') throw expired();
      // The challenge's own count, taken in one conditional update before the code is checked:
      // concurrent codes cannot get more than five checks; at the limit the challenge dies.
      if (!(await repository.countChallengeAttempt(challenge.id, challengeAttempts))) {
        await repository.deleteChallenge(challenge.id);
        throw expired();
      }
      const reservation = await limiter.take(
        authLimit('staff-sign-in-account', user.email),
        authLimit('staff-sign-in-ip', meta.ip),
      );
      if (!(await deps.twoFactor.consume(user.id, input.code))) {
        await fail(user.email, meta, 'two-factor code');
        await repository.deleteChallenge(challenge.id, { minAttempts: challengeAttempts });
        throw new AppError({
          code: 'INVALID_TWO_FACTOR_CODE',
          status: 401,
          message: 'That code is not right',
        });
      }
      if (!(await repository.deleteChallenge(challenge.id))) throw expired();
      await reservation.release();
      return finish(user, meta, true);
    },

    /** Ends one session. */
    async signOut(
      session: { sessionId: string; userId: string },
      meta: RequestMeta,
    ): Promise<void> {
      await deps.sessions.revoke(session.sessionId);
      await deps.audit.log({
        actor: `staff:${session.userId}`,
        action: 'session.signed_out',
        subjectType: 'staff_user',
        subjectId: session.userId,
        ip: meta.ip,
      });
    },

    /** Ends every session of the account (this one included); returns how many there were. */
    async signOutEverywhere(userId: string, meta: RequestMeta): Promise<number> {
      const count = await deps.sessions.revokeAllFor(userId);
      await deps.audit.log({
        actor: `staff:${userId}`,
        action: 'session.signed_out_everywhere',
        subjectType: 'staff_user',
        subjectId: userId,
        details: { sessions: count },
        ip: meta.ip,
      });
      return count;
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
