import { createInvitationsService } from './invitations.service.js';
import { createPasswordResetService } from './password-reset.service.js';
import { createSignInService } from './sign-in.service.js';
import type { StaffAuthDeps } from './staff-auth.deps.js';
import { createStaffAccountsService } from './staff-accounts.service.js';
import { createTwoFactorService } from './two-factor.service.js';

/** Staff sign-in (with lockouts and TOTP), password resets, invitations and account management. */
export function createStaffAuthServices(deps: StaffAuthDeps) {
  const twoFactor = createTwoFactorService(deps);
  return {
    signIn: createSignInService({ ...deps, twoFactor }),
    twoFactor,
    passwordResets: createPasswordResetService(deps),
    invitations: createInvitationsService(deps),
    accounts: createStaffAccountsService(deps),
  };
}

export type StaffAuthServices = ReturnType<typeof createStaffAuthServices>;
