export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** JSON text: an array of event types. */
  events: string;
  /**
   * The signing secret, encrypted with SECRET_KEYS (`enc:v1:…`); every delivery is signed with
   * the decrypted value. A cleartext `whsec_…` from before encryption still works until rewritten.
   */
  secret: string;
  is_active: number;
  last_status: string | null;
  last_delivery_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** JSON text: the exact body sent, `{ id, type, createdAt, data }`. */
  payload: string;
  attempt: number;
  status: string;
  /** When the next attempt is due; while sending, when the sender's lease runs out. */
  next_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  duration_ms: number | null;
  created_at: string;
  updated_at: string;
}

export interface WebhooksTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
