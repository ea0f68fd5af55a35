import { auditQuerySchema } from '@shared/contracts/audit.js';
import { startOfDayUtc } from '@shared/zoned-time.js';
import type { QueryOf } from '../../api.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import type { AuditFilterValues } from './AuditFilters.js';

const pageSize = 50;

export type AuditQuery = QueryOf<'get', '/audit-log'>;

/** The audit query for these filters, as the API takes it (without the page's cursor). */
export function auditQueryOf(filters: AuditFilterValues, timeZone: string): AuditQuery {
  const since = filters.since ? startOfDayUtc(filters.since, timeZone) : null;
  return {
    limit: pageSize,
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    subjectId: filters.story || undefined,
    since: since ?? undefined,
  };
}

/** What the API would answer 400 for, by field, from its own schema of the audit query. */
export const checkAuditQuery = (query: AuditQuery): Partial<Record<string, string>> =>
  checkWithSchema(auditQuerySchema, query);
