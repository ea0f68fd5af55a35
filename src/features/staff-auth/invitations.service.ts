import { z } from 'zod';
import { narrow } from '../../platform/db/index.js';
import { forbidden, validationError, zodValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashToken, passwordProblem, randomToken } from '../../platform/security/index.js';
import type { AuditTables } from '../audit/index.js';
import {
  normaliseEmail,
  staffRoleSchema,
  type Actor,
  type StaffRole,
  type StaffUser,
} from '../staff/index.js';
import { authLimit } from './auth-limits.js';
import { adminLink, type RequestMeta, type StaffAuthDeps } from './staff-auth.deps.js';
import { canInvite, invitationDays } from './staff-auth-rules.js';
import type { StaffAuthTables } from './staff-auth.table.js';

export interface Invitation {
  id: string;
  email: string;
  role: StaffRole;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

export const invitationInputSchema = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address').transform(normaliseEmail),
  role: staffRoleSchema,
});

const badLink = () =>
  validationError([{ field: 'token', message: 'this invitation has expired or was already used' }]);

export function createInvitationsService(deps: StaffAuthDeps) {
  const { clock } = deps;
  const db = narrow(deps.db).to<StaffAuthTables>();
  return {
    /** Invites someone by email (a link valid for seven days); a newer invitation replaces older ones. */
    async create(
      actor: Actor,
      input: unknown,
      meta: RequestMeta & { publicUrl: string },
    ): Promise<Invitation> {
      const parsed = invitationInputSchema.safeParse(input);
      if (!parsed.success) {
        throw zodValidationError(parsed.error);
      }
      const { email, role } = parsed.data;
      if (role === 'owner')
        throw validationError([
          { field: 'role', message: 'ownership is transferred, not invited' },
        ]);
      if (!canInvite(actor, role))
        throw forbidden(`Your role (${actor.role}) cannot invite ${role}s`);
      if (await deps.staff.byEmail(email))
        throw validationError([
          { field: 'email', message: 'a staff member with this email already exists' },
        ]);
      // Reserved before anything is written or sent: a burst cannot send more than the limit.
      await deps.limiter.take(authLimit('invitation-sender', actor.userId ?? actor.label));
      const token = randomToken(32);
      const now = clock.now();
      const row = {
        id: newId(),
        email,
        role,
        token_hash: hashToken(token),
        invited_by: actor.userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + invitationDays * 24 * 3600_000).toISOString(),
        accepted_at: null,
      };
      await deps.db.transaction().execute(async (trx) => {
        const t = narrow(trx).to<StaffAuthTables>();
        await t
          .deleteFrom('staff_invitations')
          .where('email', '=', email)
          .where('accepted_at', 'is', null)
          .execute();
        await t.insertInto('staff_invitations').values(row).execute();
        await deps.audit.record(narrow(trx).to<AuditTables>(), {
          actor: actor.label,
          action: 'invitation.created',
          subjectType: 'invitation',
          subjectId: row.id,
          details: { email, role },
          ip: meta.ip,
        });
      });
      const inviter = actor.userId ? await deps.staff.byId(actor.userId) : undefined;
      await deps.mailer.send({
        to: email,
        subject: 'You are invited to join the newsroom on Masthead',
        text: [
          'Hello,',
          '',
          `${inviter?.name ?? 'An administrator'} invited you to join the newsroom as ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}.`,
          `Set your name and password here (the link works once, for ${invitationDays} days):`,
          '',
          adminLink(meta.publicUrl, 'accept-invitation', token),
        ].join('\n'),
      });
      return {
        id: row.id,
        email,
        role,
        invitedBy: row.invited_by,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },

    /** Accepts an invitation: creates the account with the invited email and role. */
    async accept(
      input: { token: string; name: string; password: string },
      meta: RequestMeta,
    ): Promise<StaffUser> {
      const problem = passwordProblem(input.password);
      if (problem) throw validationError([{ field: 'password', message: problem }]);
      if (input.token.length > 100) throw badLink();
      const now = clock.now().toISOString();
      const invitation = await db
        .selectFrom('staff_invitations')
        .selectAll()
        .where('token_hash', '=', hashToken(input.token))
        .executeTakeFirst();
      if (!invitation || invitation.accepted_at !== null || invitation.expires_at <= now)
        throw badLink();
      const claimed = await db
        .updateTable('staff_invitations')
        .set({ accepted_at: now })
        .where('id', '=', invitation.id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw badLink();
      let user: StaffUser;
      try {
        ({ user } = await deps.staff.create({
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          password: input.password,
        }));
      } catch (error) {
        await db
          .updateTable('staff_invitations')
          .set({ accepted_at: null })
          .where('id', '=', invitation.id)
          .execute();
        throw error;
      }
      await deps.audit.log({
        actor: `staff:${user.id}`,
        action: 'invitation.accepted',
        subjectType: 'invitation',
        subjectId: invitation.id,
        details: { email: user.email, role: user.role },
        ip: meta.ip,
      });
      return user;
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
