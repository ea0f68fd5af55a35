export { createMemberAdminService } from './member-admin.service.js';
export type { MemberAdminService } from './member-admin.service.js';
export type { ImportOptions } from './member-import.js';
export { memberCsvColumns } from './member-csv.js';
