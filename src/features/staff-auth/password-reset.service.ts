import { narrow } from '../../platform/db/index.js';
import { validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword, hashToken, randomToken } from '../../platform/security/index.js';
import type { AuditTables } from '../audit/index.js';
import { normaliseEmail } from '../staff/index.js';
import { authLimit } from './auth-limits.js';
import { adminLink, type RequestMeta, type StaffAuthDeps } from './staff-auth.deps.js';
import type { StaffAuthTables } from './staff-auth.table.js';
import { createStaffAccountsRepository } from './staff-accounts.repository.js';
import { createStaffAuthRepository } from './staff-auth.repository.js';

const resetMs = 60 * 60_000;

const badLink = () =>
  validationError([
    { field: 'token', message: 'this link has expired or was already used; ask for a new one' },
  ]);

/** "Forgot password": an emailed single-use link, valid for an hour. */
export function createPasswordResetService(deps: StaffAuthDeps) {
  const { clock, limiter } = deps;
  const db = narrow(deps.db).to<StaffAuthTables>();
  const resets = createStaffAuthRepository(db);
  const accounts = createStaffAccountsRepository(db);
  return {
    /**
     * Sends a reset link if the email belongs to an active account. Answers the same way either
     * way (the caller always says "if that address has an account, we sent a link").
     */
    async request(
      input: { email: string },
      meta: RequestMeta & { publicUrl: string },
    ): Promise<void> {
      await limiter.take(authLimit('password-reset-ip', meta.ip));
      const email = normaliseEmail(input.email);
      if (!(await limiter.tryTake(authLimit('password-reset-email', email)))) return;
      const user = await deps.staff.byEmail(email);
      if (user?.status !== 'active') return;
      const token = randomToken(32);
      const now = clock.now();
      await resets.insertPasswordReset({
        id: newId(),
        user_id: user.id,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + resetMs).toISOString(),
        used_at: null,
      });
      await deps.audit.log({
        actor: 'anonymous',
        action: 'password_reset.requested',
        subjectType: 'staff_user',
        subjectId: user.id,
        ip: meta.ip,
      });
      const link = adminLink(meta.publicUrl, 'reset-password', token);
      await deps.mailer.send({
        to: user.email,
        subject: 'Reset your Masthead password',
        text: [
          `Hello ${user.name},`,
          '',
          'Someone (hopefully you) asked to reset the password of your newsroom account.',
          `Choose a new password here (the link works once, for one hour):`,
          '',
          link,
          '',
          'If you did not ask for this, ignore this email: your password stays as it is.',
        ].join('\n'),
      });
    },

    /** Sets the new password, uses up the link, and signs the account out everywhere. */
    async confirm(input: { token: string; password: string }, meta: RequestMeta): Promise<void> {
      if (input.token.length > 100) throw badLink();
      const now = clock.now().toISOString();
      const reset = await resets.findPasswordReset(hashToken(input.token));
      if (!reset || reset.used_at !== null || reset.expires_at <= now) throw badLink();
      const user = await deps.staff.byId(reset.user_id);
      if (user?.status !== 'active') throw badLink();
      const passwordHash = await hashPassword(input.password);
      await deps.transact(async (tx) => {
        const t = narrow(tx.db).to<StaffAuthTables>();
        if (!(await resets.claimPasswordReset(reset.id, now, t))) throw badLink();
        // Any other outstanding link for the account goes too.
        await resets.usePasswordResetsOf(reset.user_id, now, t);
        await accounts.update(reset.user_id, { password_hash: passwordHash, updated_at: now }, t);
        await deps.sessions.revokeAllFor(reset.user_id, tx);
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: `staff:${reset.user_id}`,
          action: 'password_reset.completed',
          subjectType: 'staff_user',
          subjectId: reset.user_id,
          ip: meta.ip,
        });
      });
      await limiter.clear('staff-sign-in-account', user.email);
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
