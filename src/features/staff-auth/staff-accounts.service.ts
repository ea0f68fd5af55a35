import { isForeignKeyViolation, narrow } from '../../platform/db/index.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/security/index.js';
import type { AuditTables } from '../audit/index.js';
import type { Author } from '../authors/index.js';
import { requirePermission, type Actor, type StaffUser } from '../staff/index.js';
import type { RequestMeta, StaffAuthDeps } from './staff-auth.deps.js';
import type { StaffAuthTables } from './staff-auth.table.js';
import { createStaffAccountsRepository } from './staff-accounts.repository.js';
import type { ProfileUpdate, StaffUpdate } from './staff-profile.js';

export interface StaffMember extends StaffUser {
  hasTwoFactor: boolean;
}

/** Managing accounts: the staff list, roles and suspension, ownership, own profile and password. */
export function createStaffAccountsService(deps: StaffAuthDeps) {
  const { clock } = deps;
  const repository = createStaffAccountsRepository(narrow(deps.db).to<StaffAuthTables>());

  return {
    /** Every account, without secrets (StaffUser carries no hashes), with its 2FA state. */
    async list(): Promise<StaffMember[]> {
      const users = await deps.staff.list();
      const enabled = await repository.twoFactorUserIds();
      return users.map((u) => ({ ...u, hasTwoFactor: enabled.has(u.id) }));
    },

    /** Role change or suspension, by administrators; never the owner, never oneself. */
    async update(
      actor: Actor,
      id: string,
      change: StaffUpdate,
      meta: RequestMeta,
    ): Promise<StaffUser> {
      requirePermission(actor, 'staff.manage');
      const target = await deps.staff.byId(id);
      if (!target) throw notFound('Staff user');
      if (target.role === 'owner')
        throw forbidden("The owner's role and status change only by transferring ownership");
      if (actor.userId === id) throw forbidden('You cannot change your own role or status');
      const at = clock.now().toISOString();
      await deps.transact(async (tx) => {
        await repository.update(
          id,
          {
            ...(change.role ? { role: change.role } : {}),
            ...(change.status ? { status: change.status } : {}),
            updated_at: at,
          },
          narrow(tx.db).to<StaffAuthTables>(),
        );
        if (change.status === 'suspended') await deps.sessions.revokeAllFor(id, tx);
        const entries = [
          change.role && change.role !== target.role
            ? { action: 'staff.role_changed', details: { from: target.role, to: change.role } }
            : undefined,
          change.status && change.status !== target.status
            ? {
                action: change.status === 'suspended' ? 'staff.suspended' : 'staff.reactivated',
                details: {},
              }
            : undefined,
        ];
        for (const entry of entries) {
          if (!entry) continue;
          await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
            actor: actor.label,
            action: entry.action,
            subjectType: 'staff_user',
            subjectId: id,
            details: entry.details,
            ip: meta.ip,
          });
        }
      });
      const updated = await deps.staff.byId(id);
      if (!updated) throw notFound('Staff user');
      return updated;
    },

    /** The owner hands ownership to an active administrator and becomes an administrator. */
    async transferOwnership(actor: Actor, toUserId: string, meta: RequestMeta): Promise<StaffUser> {
      requirePermission(actor, 'ownership.transfer');
      const ownerId = await repository.findOwnerId();
      if (!ownerId) throw notFound('Owner');
      if (actor.userId !== null && actor.userId !== ownerId)
        throw forbidden('Only the owner can transfer ownership');
      const target = await deps.staff.byId(toUserId);
      if (target?.role !== 'administrator' || target.status !== 'active')
        throw validationError([{ field: 'userId', message: 'must be an active administrator' }]);
      const at = clock.now().toISOString();
      await deps.transact(async (tx) => {
        const t = narrow(tx.db).to<StaffAuthTables>();
        await repository.update(ownerId, { role: 'administrator', updated_at: at }, t);
        await repository.update(toUserId, { role: 'owner', updated_at: at }, t);
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: actor.label,
          action: 'staff.ownership_transferred',
          subjectType: 'staff_user',
          subjectId: toUserId,
          details: { from: ownerId },
          ip: meta.ip,
        });
      });
      const updated = await deps.staff.byId(toUserId);
      if (!updated) throw notFound('Staff user');
      return updated;
    },

    async profile(userId: string): Promise<{ user: StaffMember; author: Author | null }> {
      const user = await deps.staff.byId(userId);
      if (!user) throw notFound('Staff user');
      const row = await repository.findTwoFactor(userId);
      const author = (await deps.authors.byUserId(userId)) ?? null;
      return { user: { ...user, hasTwoFactor: Boolean(row?.totp_enabled_at) }, author };
    },

    /** Updates the account name and the byline's public fields together. */
    async updateProfile(userId: string, value: ProfileUpdate) {
      const at = clock.now().toISOString();
      try {
        // The byline is the authors feature's: it changes it and records `author.updated`.
        await deps.transact(async (tx) => {
          if (value.name !== undefined) {
            await repository.update(
              userId,
              { name: value.name, updated_at: at },
              narrow(tx.db).to<StaffAuthTables>(),
            );
          }
          await tx.updateBylineOf(userId, value);
        });
      } catch (error) {
        if (isForeignKeyViolation(error))
          throw validationError([{ field: 'avatarMediaId', message: 'no such media item' }]);
        throw error;
      }
      return this.profile(userId);
    },

    /** Needs the current password; signs out every other session of the account. */
    async changePassword(
      userId: string,
      input: { currentPassword: string; newPassword: string },
      meta: RequestMeta & { keepSessionId: string | null },
    ): Promise<void> {
      const user = await deps.staff.byId(userId);
      if (!user) throw notFound('Staff user');
      if (!(await deps.staff.verifyCredentials(user.email, input.currentPassword)))
        throw validationError([
          { field: 'currentPassword', message: 'is not your current password' },
        ]);
      const passwordHash = await hashPassword(input.newPassword);
      const at = clock.now().toISOString();
      await deps.transact(async (tx) => {
        await repository.update(
          userId,
          { password_hash: passwordHash, updated_at: at },
          narrow(tx.db).to<StaffAuthTables>(),
        );
        await deps.sessions.revokeAllFor(
          userId,
          tx,
          meta.keepSessionId ? { except: meta.keepSessionId } : {},
        );
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: `staff:${userId}`,
          action: 'staff.password_changed',
          subjectType: 'staff_user',
          subjectId: userId,
          ip: meta.ip,
        });
      });
    },

    /** Checks a password for an action that needs it again (turning 2FA off). */
    async assertPassword(userId: string, password: string, field = 'password'): Promise<void> {
      const user = await deps.staff.byId(userId);
      if (!user || !(await deps.staff.verifyCredentials(user.email, password)))
        throw validationError([{ field, message: 'is not your current password' }]);
    },
  };
}

export type StaffAccountsService = ReturnType<typeof createStaffAccountsService>;
