export { createStaffService, createStaffInputSchema } from './staff.service.js';
export type { StaffService, CreatedStaffUser, CreateStaffInput } from './staff.service.js';
export { staffRoles, staffRoleSchema, roleAtLeast, normaliseEmail } from './staff-user.js';
export type { StaffRole, StaffUser } from './staff-user.js';
export type { StaffTables } from './staff.table.js';
export type { Actor } from './actor.js';
export { staffActor, tokenActor, systemActor } from './actor.js';
export { can, requirePermission, permissions } from './permissions.js';
export type { Permission } from './permissions.js';
