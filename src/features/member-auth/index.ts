export { createMemberAuthService } from './member-auth.service.js';
export type { MemberAuthService, ConfirmResult, LinkPurpose } from './member-auth.service.js';
export {
  formTokenFor,
  isFormTokenValid,
  memberSessionMaxAgeSeconds,
} from './member-sessions.service.js';
export type { MemberSession, MemberSessionsService } from './member-sessions.service.js';
export { memberAuthLimits } from './member-auth-limits.js';
export { safeReturnPath } from './return-path.js';
