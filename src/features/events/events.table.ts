export interface OutboxEventsTable {
  id: string;
  type: string;
  subject_id: string;
  payload: string;
  actor: string;
  created_at: string;
  dispatched_at: string | null;
}

export interface EventsTables {
  outbox_events: OutboxEventsTable;
}
