export { createMembersService } from './members.service.js';
export type { MembersService, MemberAccess } from './members.service.js';
export {
  audienceOf,
  canRead,
  readableVisibilities,
  memberStatuses,
  memberEventTypes,
  memberEmailSchema,
} from './member.js';
export type { Audience, Member, MemberEvent, MemberEventType, MemberStatus } from './member.js';
export type { MembersTables } from './members.table.js';
export { loadMembers, toMember, toMemberEvent } from './members.repository.js';
export type { MembersDb } from './members.repository.js';
