import type { Selectable } from 'kysely';
import { eventSchemas, isEventType, type OutboxEvent } from './event.js';
import type { OutboxEventsTable } from './events.table.js';

/**
 * An outbox row as a typed event: the payload parsed with its type's schema, so a row written by
 * an older version reads with defaults. A row of a type this version does not know (written by
 * a newer one) or whose payload no longer parses reads as undefined, and consumers pass it by.
 */
export function toEvent(row: Selectable<OutboxEventsTable>): OutboxEvent | undefined {
  if (!isEventType(row.type)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return undefined;
  }
  const parsed = eventSchemas[row.type].safeParse(json);
  if (!parsed.success) return undefined;
  return {
    id: row.id,
    type: row.type,
    subjectId: row.subject_id,
    payload: parsed.data,
    actor: row.actor,
    createdAt: row.created_at,
  } as OutboxEvent;
}
