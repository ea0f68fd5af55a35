export { createAuditService } from './audit.service.js';
export type { AuditService } from './audit.service.js';
export { auditListQuerySchema } from './audit-entry.js';
export type { AuditEntry, AuditRecord, AuditListQuery } from './audit-entry.js';
export type { AuditTables } from './audit.table.js';
