import { z } from 'zod';
import { keysetAfter, parseStoredJson } from '../../platform/db/index.js';
import type { Kysely, Selectable } from 'kysely';
import type { Cursor } from '../../platform/pagination.js';
import { joinActorLabel, type AuditEntry } from './audit-entry.js';
import type { AuditLogTable, AuditTables } from './audit.table.js';

/** An entry's details as stored; a row that is not an object reads as none. */
const storedDetails = z.record(z.string(), z.unknown()).catch({});

export const toAuditEntry = (row: Selectable<AuditLogTable>): AuditEntry => ({
  id: row.id,
  actor: joinActorLabel(row.actor_type, row.actor_id),
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  details: parseStoredJson(storedDetails, row.details),
  ip: row.ip,
  createdAt: row.created_at,
});

export function createAuditRepository(db: Kysely<AuditTables>) {
  return {
    async insert(row: AuditLogTable, trx: Kysely<AuditTables> = db): Promise<void> {
      await trx.insertInto('audit_log').values(row).execute();
    },
    /** Newest first, keyset-paginated on (created_at, id). */
    page(options: {
      actor?: { type: string; id: string | null };
      action?: string;
      subjectId?: string;
      since?: string;
      after?: Cursor;
      limit: number;
    }) {
      let query = db.selectFrom('audit_log').selectAll();
      const { actor, after } = options;
      if (actor) {
        query = query.where('actor_type', '=', actor.type);
        query =
          actor.id === null
            ? query.where('actor_id', 'is', null)
            : query.where('actor_id', '=', actor.id);
      }
      if (options.action) query = query.where('action', '=', options.action);
      if (options.subjectId) query = query.where('subject_id', '=', options.subjectId);
      if (options.since) query = query.where('created_at', '>=', options.since);
      if (after) {
        query = query.where(
          keysetAfter({ key: 'created_at', id: 'id', cursor: after, order: 'desc' }),
        );
      }
      return query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit + 1)
        .execute();
    },
  };
}
