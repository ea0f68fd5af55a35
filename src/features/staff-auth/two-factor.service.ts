import { randomBytes } from 'node:crypto';
import { narrow } from '../../platform/db/index.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  hashToken,
  rewriteStoredSecrets,
  type StoredSecretsReport,
} from '../../platform/security/index.js';
import type { AuditTables } from '../audit/index.js';
import type { RequestMeta, StaffAuthDeps } from './staff-auth.deps.js';
import type { StaffAuthTables } from './staff-auth.table.js';
import { createStaffAccountsRepository } from './staff-accounts.repository.js';
import { base32Encode, generateTotpSecret, matchTotp, otpauthUri } from './totp.js';

const recoveryCodeCount = 10;

/** "k3m9x-p2q7d": ten base32 characters (50 bits); spaces, dashes and case do not matter. */
function newRecoveryCode(): string {
  const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}
const recoveryCodeHash = (code: string) => hashToken(code.toLowerCase().replace(/[\s-]/g, ''));

/** The keyring purpose TOTP secrets are encrypted under (changing it makes them unreadable). */
export const totpSecretPurpose = 'staff.totp-secret';

/**
 * TOTP second factor: setup stores a pending secret and shows it once; enabling needs a code
 * from the app (proof it was scanned) and returns recovery codes once; sign-in consumes a code.
 */
export function createTwoFactorService(deps: StaffAuthDeps) {
  const { clock, keyring } = deps;
  const repository = createStaffAccountsRepository(narrow(deps.db).to<StaffAuthTables>());
  // Stored encrypted; a cleartext value from before encryption still reads, and is encrypted
  // the next time the row is written (or by `masthead secrets rotate`).
  const reveal = (stored: string) => keyring.reveal(totpSecretPurpose, stored);
  const seal = (secret: string) => keyring.encrypt(totpSecretPurpose, secret);
  const account = (userId: string) => repository.findTwoFactor(userId);

  return {
    async isEnabled(userId: string): Promise<boolean> {
      return Boolean((await account(userId))?.totp_enabled_at);
    },

    /** A new secret and its otpauth:// URI, shown once; not in force until enabled. */
    async setup(userId: string, options: { issuer: string }) {
      const row = await account(userId);
      if (!row) throw notFound('Staff user');
      if (row.totp_enabled_at)
        throw conflict('Two-factor sign-in is already on; turn it off first');
      const secret = generateTotpSecret();
      await repository.update(userId, { totp_secret: seal(secret), totp_last_step: null });
      return {
        secret,
        otpauthUri: otpauthUri({ secret, account: row.email, issuer: options.issuer }),
      };
    },

    /** Turns 2FA on once a code from the app matches; returns the recovery codes (shown once). */
    async enable(
      userId: string,
      code: string,
      meta: RequestMeta,
    ): Promise<{ recoveryCodes: string[] }> {
      const row = await account(userId);
      if (!row) throw notFound('Staff user');
      if (row.totp_enabled_at) throw conflict('Two-factor sign-in is already on');
      if (!row.totp_secret)
        throw validationError([{ field: 'code', message: 'start the setup first' }]);
      const secret = reveal(row.totp_secret);
      const step = matchTotp(secret.plaintext, code.trim(), clock.now());
      if (step === undefined)
        throw validationError([
          { field: 'code', message: 'does not match; check the app and the device clock' },
        ]);
      const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
      const at = clock.now().toISOString();
      await deps.transact(async (tx) => {
        const t = narrow(tx.db).to<StaffAuthTables>();
        await repository.update(
          userId,
          {
            totp_enabled_at: at,
            totp_last_step: step,
            updated_at: at,
            ...(secret.needsRewrite ? { totp_secret: seal(secret.plaintext) } : {}),
          },
          t,
        );
        await repository.deleteRecoveryCodes(userId, t);
        await repository.insertRecoveryCodes(
          codes.map((c) => ({
            id: newId(),
            user_id: userId,
            code_hash: recoveryCodeHash(c),
            created_at: at,
          })),
          t,
        );
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: `staff:${userId}`,
          action: 'two_factor.enabled',
          subjectType: 'staff_user',
          subjectId: userId,
          ip: meta.ip,
        });
      });
      return { recoveryCodes: codes };
    },

    /** Turns 2FA off (the caller has checked the password). */
    async disable(
      userId: string,
      meta: RequestMeta,
      actorLabel = `staff:${userId}`,
    ): Promise<void> {
      const at = clock.now().toISOString();
      await deps.transact(async (tx) => {
        const t = narrow(tx.db).to<StaffAuthTables>();
        await repository.update(
          userId,
          { totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: at },
          t,
        );
        await repository.deleteRecoveryCodes(userId, t);
        await deps.audit.record(narrow(tx.db).to<AuditTables>(), {
          actor: actorLabel,
          action: 'two_factor.disabled',
          subjectType: 'staff_user',
          subjectId: userId,
          ip: meta.ip,
        });
      });
    },

    /**
     * True when `code` is the current TOTP code (not used before) or an unused recovery code;
     * either is consumed. Conditional updates make a code good for exactly one sign-in. Not for
     * use inside a transaction (it reads with the service's own handle).
     */
    async consume(userId: string, code: string): Promise<boolean> {
      const row = await account(userId);
      if (!row?.totp_enabled_at || !row.totp_secret) return false;
      const trimmed = code.trim();
      if (/^\d{6}$/.test(trimmed)) {
        const secret = reveal(row.totp_secret);
        const step = matchTotp(secret.plaintext, trimmed, clock.now());
        if (step === undefined) return false;
        return repository.claimTotpStep(
          userId,
          step,
          secret.needsRewrite ? seal(secret.plaintext) : undefined,
        );
      }
      if (trimmed.length > 40) return false;
      return repository.claimRecoveryCode(
        userId,
        recoveryCodeHash(trimmed),
        clock.now().toISOString(),
      );
    },

    /**
     * Every stored TOTP secret counted by how it is kept (`isDryRun`), or rewritten under the
     * first key of SECRET_KEYS: cleartext and older-key values are re-encrypted, each only if
     * the row still holds what was read.
     */
    async rewriteSecrets(options: { isDryRun?: boolean } = {}): Promise<StoredSecretsReport> {
      return rewriteStoredSecrets(
        keyring,
        totpSecretPurpose,
        await repository.listStoredTotpSecrets(),
        (row, encrypted) => repository.replaceTotpSecret(row.id, row.stored, encrypted),
        options,
      );
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
