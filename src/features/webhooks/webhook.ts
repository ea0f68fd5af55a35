import type { z } from 'zod';
import {
  webhookCreateSchema,
  webhookUpdateSchema,
  type webhookDeliveryStatusSchema,
} from '../../shared/contracts/webhooks.js';
import type { PublicEventType } from '../events/index.js';

/** A URL subscribed to event types; each matching outbox event is POSTed to it, signed. */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: PublicEventType[];
  isActive: boolean;
  lastStatus: 'succeeded' | 'failed' | null;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * pending → sending (claimed, leased) → succeeded | failed (a retry is scheduled) → … →
 * giving_up after the last attempt. A redelivery puts any finished delivery back to pending.
 */
export type DeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The JSON body sent: `{ id, type, createdAt, data }`. */
  payload: Record<string, unknown>;
  attempt: number;
  status: DeliveryStatus;
  nextAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The input schemas are the Admin API contract; event types are checked by the service. */
export const webhookInputSchema = webhookCreateSchema;
export type WebhookInput = z.infer<typeof webhookInputSchema>;
export const webhookPatchSchema = webhookUpdateSchema;
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

/** Waits after failed attempts 1–5: 30 s, 2 min, 10 min, 1 h, 6 h; attempt 6 is the last. */
export const retryDelaysMs: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  6 * 60 * 60_000,
];
export const maxAttempts = retryDelaysMs.length + 1;

/** How long to wait after failed attempt `attempt` (1-based), or undefined to give up. */
export const retryDelayAfter = (attempt: number): number | undefined =>
  attempt >= maxAttempts ? undefined : retryDelaysMs[Math.max(0, attempt - 1)];

export const webhookSecretPrefix = 'whsec_';
