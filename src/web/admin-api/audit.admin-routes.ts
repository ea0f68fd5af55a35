import { auditEntrySchema, auditQuerySchema } from '../../shared/contracts/audit.js';
import { listOf } from '../../shared/contracts/common.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

/** The audit log, newest first, filtered by actor ("staff:<id>"), action, subject (a story) and time. */
export const auditAdminRoutes: AdminRoutes<ServicesOf<'audit'>> = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/audit-log',
    tag: 'Audit',
    summary: 'Audit log entries, newest first',
    access: 'audit.read',
    query: auditQuerySchema,
    response: listOf('entries', auditEntrySchema),
    handler: async ({ query }) => {
      const page = await services.audit.list(query);
      return { entries: page.items, meta: { pagination: { next: page.next, limit: query.limit } } };
    },
  });
};
