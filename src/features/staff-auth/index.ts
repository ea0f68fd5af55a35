export { createStaffSessionsService } from './staff-sessions.service.js';
export type { StaffSessionsService, ResolvedSession } from './staff-sessions.service.js';
export type { StaffAuthTables } from './staff-sessions.table.js';
