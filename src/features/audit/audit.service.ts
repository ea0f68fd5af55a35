import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import {
  splitActorLabel,
  type AuditEntry,
  type AuditListQuery,
  type AuditRecord,
} from './audit-entry.js';
import { createAuditRepository, toAuditEntry } from './audit.repository.js';
import type { AuditLogTable, AuditTables } from './audit.table.js';

/** The audit log: append-only records of sign-ins, role changes, tokens, settings and the like. */
export function createAuditService(deps: { db: Kysely<AuditTables>; clock: Clock }) {
  const repository = createAuditRepository(deps.db);
  const toRow = (entry: AuditRecord): AuditLogTable => {
    const actor = splitActorLabel(entry.actor);
    return {
      id: newId(),
      actor_type: actor.type.slice(0, 40),
      actor_id: actor.id,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: (entry.ip ?? '').slice(0, 64),
      created_at: deps.clock.now().toISOString(),
    };
  };
  return {
    /** Writes an entry with the caller's handle: pass the transaction `trx` inside one. */
    async record(trx: Kysely<AuditTables>, entry: AuditRecord): Promise<void> {
      await repository.insert(toRow(entry), trx);
    },
    /** Writes an entry on its own (outside any transaction). */
    async log(entry: AuditRecord): Promise<void> {
      await repository.insert(toRow(entry));
    },
    /** Newest first; filters by actor label, action, subject (a story's id) and a lower time bound. */
    async list(query: AuditListQuery = { limit: 50 }): Promise<Page<AuditEntry>> {
      const rows = await repository.page({
        ...(query.actor ? { actor: splitActorLabel(query.actor) } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
        ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
        limit: query.limit,
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: row.created_at, id: row.id }));
      return { items: page.items.map(toAuditEntry), next: page.next };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
