import type { EventsTables } from '../events/index.js';
import type { AuditTables } from '../audit/index.js';
import type { StaffSessionsTables } from './staff-sessions.table.js';

export interface StaffPasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface StaffInvitationsTable {
  id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

/** A password that was right, waiting for its second factor: not a session. */
export interface StaffTwoFactorChallengesTable {
  id: string;
  token_hash: string;
  user_id: string;
  attempts: number;
  created_at: string;
  expires_at: string;
}

export interface StaffRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** The columns of staff_users this feature reads and writes (account state, 2FA). */
export interface StaffAccountColumns {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  updated_at: string;
}

export interface StaffAuthTables extends StaffSessionsTables {
  staff_password_resets: StaffPasswordResetsTable;
  staff_invitations: StaffInvitationsTable;
  staff_two_factor_challenges: StaffTwoFactorChallengesTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_users: StaffAccountColumns;
}

/**
 * What a staff-auth handle reaches: its tables, and the audit log and outbox its transactions
 * record to. Bylines and tokens change through their own features (staff-auth.transaction.ts).
 */
export type StaffAuthDbTables = StaffAuthTables & AuditTables & EventsTables;
