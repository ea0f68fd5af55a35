import type { Kysely } from 'kysely';
import type { ProfileUpdate } from './staff-profile.js';
import type { StaffAuthDbTables } from './staff-auth.table.js';

/**
 * One staff-auth transaction, with the writes of other features that must commit with it. A
 * password change or a suspension ends the person's Admin API tokens, and a profile change
 * rewrites their byline, atomically; the tokens and authors features own those tables, so the
 * composition root (which knows every table) hands each its slice of the same transaction.
 */
export interface StaffAuthTransaction {
  /** staff-auth's own tables, the audit log and the outbox, on the transaction. */
  db: Kysely<StaffAuthDbTables>;
  /** The tokens feature revokes every Admin API token the person made. */
  revokeAdminTokensOf(userId: string): Promise<void>;
  /** The authors feature changes the person's byline (recording `author.updated`). */
  updateBylineOf(userId: string, change: ProfileUpdate): Promise<number>;
}

/** Runs `work` in one transaction whose events are announced after the commit. */
export type RunStaffAuthTransaction = <T>(
  work: (tx: StaffAuthTransaction) => Promise<T>,
) => Promise<T>;
