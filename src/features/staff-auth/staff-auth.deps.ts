import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Limiter } from '../../platform/limits/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { SecretKeyring } from '../../platform/security/index.js';
import type { AuditService } from '../audit/index.js';
import type { AuthorsService } from '../authors/index.js';
import type { StaffService } from '../staff/index.js';
import type { StaffSessionsService } from './staff-sessions.service.js';
import type { StaffAuthDbTables } from './staff-auth.table.js';
import type { RunStaffAuthTransaction } from './staff-auth.transaction.js';

/** What every staff-auth service is built from. */
export interface StaffAuthDeps {
  db: Kysely<StaffAuthDbTables>;
  clock: Clock;
  staff: StaffService;
  authors: Pick<AuthorsService, 'byUserId'>;
  /** Opens every transaction that writes (see staff-auth.transaction.ts). */
  transact: RunStaffAuthTransaction;
  sessions: StaffSessionsService;
  audit: AuditService;
  mailer: Mailer;
  /** Every attempt limit (sign-in, 2FA, resets, invitations) goes through it. */
  limiter: Limiter;
  /** Encrypts TOTP secrets at rest. */
  keyring: SecretKeyring;
}

/** Where a request came from: recorded in the audit log and used for per-address limits. */
export interface RequestMeta {
  ip: string;
  userAgent?: string;
}

/** Links in emails point at the admin app under the site's public URL. */
export const adminLink = (publicUrl: string, path: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/admin/${path}?token=${encodeURIComponent(token)}`;
