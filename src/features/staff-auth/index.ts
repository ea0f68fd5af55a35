export {
  createStaffSessionsService,
  sessionCookieMaxAgeSeconds,
} from './staff-sessions.service.js';
export type { StaffSessionsService, ResolvedSession } from './staff-sessions.service.js';
export { createStaffAuthServices } from './staff-auth.service.js';
export type { StaffAuthServices } from './staff-auth.service.js';
export type { StaffAuthDeps, RequestMeta } from './staff-auth.deps.js';
export type { RunStaffAuthTransaction } from './staff-auth.transaction.js';
export type { SignInResult, SignInService } from './sign-in.service.js';
export type { TwoFactorService } from './two-factor.service.js';
export type { PasswordResetService } from './password-reset.service.js';
export type { Invitation, InvitationInput, InvitationsService } from './invitations.service.js';
export { invitationInputSchema } from './invitations.service.js';
export type { StaffAccountsService, StaffMember } from './staff-accounts.service.js';
export type { ProfileUpdate, StaffUpdate } from './staff-profile.js';
export { staffUpdateSchema, profileUpdateSchema } from './staff-profile.js';
export { authLimits } from './auth-limits.js';
export type { AuthLimitName } from './auth-limits.js';
export { canInvite } from './staff-auth-rules.js';
export { totpCode, otpauthUri } from './totp.js';
