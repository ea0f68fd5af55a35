export { createMembersService } from './members.service.js';
export type { MembersService, MemberAccess, SharedHandle } from './members.service.js';
export { createMemberAdminService } from './member-admin.service.js';
export type { MemberAdminService } from './member-admin.service.js';
export {
  audienceOf,
  canRead,
  readableVisibilities,
  memberEmailSchema,
  memberMetrics,
} from './member.js';
export type { Audience, Member, MemberEvent, MemberEventType, MemberStatus } from './member.js';
