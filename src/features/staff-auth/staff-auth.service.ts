import { createAuthLimiter } from './auth-limits.js';
import { createInvitationsService } from './invitations.service.js';
import { createPasswordResetService } from './password-reset.service.js';
import { createSignInService } from './sign-in.service.js';
import type { StaffAuthDeps } from './staff-auth.deps.js';
import { narrow } from '../../platform/db/index.js';
import type { StaffAuthTables } from './staff-auth.table.js';
import { createStaffAccountsService } from './staff-accounts.service.js';
import { createTwoFactorService } from './two-factor.service.js';

/** Staff sign-in (with lockouts and TOTP), password resets, invitations and account management. */
export function createStaffAuthServices(deps: StaffAuthDeps) {
  const limiter = createAuthLimiter({
    db: narrow(deps.db).to<StaffAuthTables>(),
    clock: deps.clock,
  });
  const twoFactor = createTwoFactorService(deps);
  return {
    signIn: createSignInService({ ...deps, limiter, twoFactor }),
    twoFactor,
    passwordResets: createPasswordResetService({ ...deps, limiter }),
    invitations: createInvitationsService(deps),
    accounts: createStaffAccountsService(deps),
    limiter,
  };
}

export type StaffAuthServices = ReturnType<typeof createStaffAuthServices>;
