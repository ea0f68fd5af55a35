import type { z } from 'zod';
import { narrow } from '../../platform/db/index.js';
import type { Kysely, Selectable } from 'kysely';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword, hashToken, randomToken } from '../../platform/security/index.js';
import type { AuditTables } from '../audit/index.js';
import { normaliseEmail, type Actor, type StaffRole, type StaffUser } from '../staff/index.js';
import { authLimit } from './auth-limits.js';
import { adminLink, type RequestMeta, type StaffAuthDeps } from './staff-auth.deps.js';
import { canInvite, invitationDays } from './staff-auth-rules.js';
import type { StaffAuthTables, StaffInvitationsTable } from './staff-auth.table.js';
import { createInvitationsRepository } from './invitations.repository.js';
import { createStaffAccountsRepository } from './staff-accounts.repository.js';
import { invitationCreateSchema } from '../../shared/contracts/staff.js';

export interface Invitation {
  id: string;
  email: string;
  role: StaffRole;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

/** The Admin API's body schema, its email normalised: parsed once at the front door. */
export const invitationInputSchema = invitationCreateSchema.transform((value) => ({
  ...value,
  email: normaliseEmail(value.email),
}));
export type InvitationInput = z.output<typeof invitationInputSchema>;

const badLink = () =>
  validationError([{ field: 'token', message: 'this invitation has expired or was already used' }]);

const invitationOf = (row: Selectable<StaffInvitationsTable>): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role as StaffRole,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export function createInvitationsService(deps: StaffAuthDeps) {
  const { clock } = deps;
  const repository = createInvitationsRepository(narrow(deps.db).to<StaffAuthTables>());
  const accounts = createStaffAccountsRepository(narrow(deps.db).to<StaffAuthTables>());
  /** An imported account waiting for its invitation: no password, not active. */
  const isWaiting = (user: StaffUser | undefined): user is StaffUser =>
    user !== undefined && !user.hasPassword && user.status !== 'active';

  async function sendInvitation(
    actor: Actor,
    invitation: { email: string; role: string; token: string },
    publicUrl: string,
  ): Promise<void> {
    const { email, role, token } = invitation;
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
        adminLink(publicUrl, 'accept-invitation', token),
      ].join('\n'),
    });
  }

  /** A pending invitation the actor may manage (the roles they may invite), or 404/403. */
  async function pendingFor(actor: Actor, id: string) {
    const row = await repository.findPending(id);
    if (!row) throw notFound('Invitation');
    if (!canInvite(actor, row.role as StaffRole))
      throw forbidden(`Your role (${actor.role}) cannot manage invitations of ${row.role}s`);
    return row;
  }

  /**
   * Issues an invitation: a new link (replacing any pending one for the email), recorded in the
   * audit log in one transaction, then sent. `claim`, when given, runs first in the same
   * transaction and can call it off (false: nothing is written or sent, and undefined returned).
   */
  async function issue(
    actor: Actor,
    invitee: { email: string; role: StaffRole },
    meta: RequestMeta & { publicUrl: string },
    options: {
      claim?: (trx: Kysely<StaffAuthTables>, at: string) => Promise<boolean>;
      details?: Record<string, unknown>;
    } = {},
  ): Promise<Invitation | undefined> {
    const { email, role } = invitee;
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
    const isIssued = await deps.transact(async (tx) => {
      const trx = narrow(tx.db).to<StaffAuthTables>();
      if (options.claim && !(await options.claim(trx, row.created_at))) return false;
      await repository.replacePendingFor(row, trx);
      await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
        actor: actor.label,
        action: 'invitation.created',
        subjectType: 'invitation',
        subjectId: row.id,
        details: { email, role, ...options.details },
        ip: meta.ip,
      });
      return true;
    });
    if (!isIssued) return undefined;
    await sendInvitation(actor, { email, role, token }, meta.publicUrl);
    return invitationOf(row);
  }

  return {
    /**
     * Invitations not yet accepted (expired ones too, marked by their time, so they can be sent
     * again), newest first; only those of roles the actor may invite.
     */
    async listPending(actor: Actor): Promise<Invitation[]> {
      if (!canInvite(actor, 'contributor')) throw forbidden('Your role cannot invite anyone');
      const rows = await repository.listPending();
      return rows.filter((r) => canInvite(actor, r.role as StaffRole)).map(invitationOf);
    },

    /** Sends the invitation again with a new link (the old one stops working) for seven more days. */
    async resend(
      actor: Actor,
      id: string,
      meta: RequestMeta & { publicUrl: string },
    ): Promise<Invitation> {
      const row = await pendingFor(actor, id);
      const token = randomToken(32);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + invitationDays * 24 * 3600_000).toISOString();
      await deps.transact(async (tx) => {
        await repository.renewPending(
          id,
          { tokenHash: hashToken(token), expiresAt },
          narrow(tx.db).to<StaffAuthTables>(),
        );
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: actor.label,
          action: 'invitation.resent',
          subjectType: 'invitation',
          subjectId: id,
          details: { email: row.email, role: row.role },
          ip: meta.ip,
        });
      });
      await sendInvitation(actor, { email: row.email, role: row.role, token }, meta.publicUrl);
      return invitationOf({ ...row, expires_at: expiresAt });
    },

    /** Withdraws an invitation: its link stops working at once. */
    async revoke(actor: Actor, id: string, meta: RequestMeta): Promise<void> {
      const row = await pendingFor(actor, id);
      await deps.transact(async (tx) => {
        await repository.deletePending(id, narrow(tx.db).to<StaffAuthTables>());
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: actor.label,
          action: 'invitation.revoked',
          subjectType: 'invitation',
          subjectId: id,
          details: { email: row.email, role: row.role },
          ip: meta.ip,
        });
      });
    },

    /** Invites someone by email (a link valid for seven days); a newer invitation replaces older ones. */
    async create(
      actor: Actor,
      input: InvitationInput,
      meta: RequestMeta & { publicUrl: string },
    ): Promise<Invitation> {
      const { email, role } = input;
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
      const invitation = await issue(actor, { email, role }, meta);
      // Without a claim an invitation is always issued.
      if (!invitation) throw new Error('invitation not issued');
      return invitation;
    },

    /**
     * Invites an account an import created (`import ghost --invite-staff`, issue #15): it exists,
     * suspended and without a password, so the invitation is for it — accepting sets its password
     * and activates it — and it is marked `invited`. Only a suspended account without a password
     * is invited: an account already invited, active or with a password is left alone (false), so
     * a second import sends nothing. The command line is the operator's: no per-sender limit.
     */
    async inviteImported(
      actor: Actor,
      userId: string,
      meta: RequestMeta & { publicUrl: string },
    ): Promise<boolean> {
      const user = await deps.staff.byId(userId);
      if (!isWaiting(user) || user.status !== 'suspended' || user.role === 'owner') return false;
      // The account is claimed (suspended → invited) in the invitation's own transaction, by a
      // conditional update: of two invitations at once for the same account, one sends.
      const invitation = await issue(actor, { email: user.email, role: user.role }, meta, {
        claim: (trx, at) => accounts.claimForInvitation(user.id, at, trx),
        details: { imported: true },
      });
      return invitation !== undefined;
    },

    /**
     * Accepts an invitation: creates the account with the invited email and role, and signs the
     * new staff member in (a session, as after a sign-in with the new password).
     */
    async accept(
      input: { token: string; name: string; password: string },
      meta: RequestMeta,
    ): Promise<{ user: StaffUser; secret: string; csrfToken: string }> {
      if (input.token.length > 100) throw badLink();
      const now = clock.now().toISOString();
      const invitation = await repository.findByTokenHash(hashToken(input.token));
      if (!invitation || invitation.accepted_at !== null || invitation.expires_at <= now)
        throw badLink();
      if (!(await repository.claim(invitation.id, now))) throw badLink();
      let user: StaffUser;
      const waiting = await deps.staff.byEmail(invitation.email);
      try {
        if (isWaiting(waiting)) {
          // An imported account (inviteImported): it gets its password and becomes active.
          await accounts.update(waiting.id, {
            name: input.name,
            password_hash: await hashPassword(input.password),
            status: 'active',
            updated_at: now,
          });
          user = { ...waiting, name: input.name, status: 'active', hasPassword: true };
        } else
          // The email was normalised and the role checked when the invitation was made.
          ({ user } = await deps.staff.create({
            email: invitation.email,
            name: input.name,
            role: invitation.role as StaffRole,
            password: input.password,
          }));
      } catch (error) {
        await repository.unclaim(invitation.id);
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
      const session = await deps.sessions.create(user.id, meta);
      await deps.audit.log({
        actor: `staff:${user.id}`,
        action: 'session.signed_in',
        subjectType: 'staff_user',
        subjectId: user.id,
        details: { invitation: true },
        ip: meta.ip,
      });
      return { user, secret: session.secret, csrfToken: session.csrfToken };
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
