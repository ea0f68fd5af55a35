export interface OutboxEventsTable {
  id: string;
  type: string;
  subject_id: string;
  /** JSON of the type's payload schema (src/shared/contracts/events.ts). */
  payload: string;
  actor: string;
  created_at: string;
}

/** A durable reader of the outbox (webhooks; next newsletters, the mirror, CDN purges). */
export interface OutboxConsumersTable {
  name: string;
  /** Every event with an id at or below this one is handled ('' before the first). */
  cursor: string;
  updated_at: string;
}

/** Events past a consumer's cursor it has already handled (dropped as the cursor passes them). */
export interface OutboxReceiptsTable {
  consumer: string;
  event_id: string;
}

export interface EventsTables {
  outbox_events: OutboxEventsTable;
  outbox_consumers: OutboxConsumersTable;
  outbox_receipts: OutboxReceiptsTable;
}
