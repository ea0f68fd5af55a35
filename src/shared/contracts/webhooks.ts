import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema } from './common.js';

/** Outgoing webhooks: payloads of the Admin API's /webhooks routes. */

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
};

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2000, 'must be at most 2000 characters')
  .refine(
    (value) => value === '' || isHttpUrl(value),
    'must be an http or https URL, without a user name or password',
  );

/** Event type names; the server checks them against the event types it knows. */
export const webhookEventsSchema = z
  .array(z.string().trim().min(1).max(100))
  .min(1, 'must name at least one event type')
  .max(50);

const webhookNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const webhookCreateSchema = z.strictObject({
  name: webhookNameSchema,
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  isActive: z.boolean().optional(),
});

export const webhookUpdateSchema = z.strictObject({
  name: webhookNameSchema.optional(),
  url: webhookUrlSchema.optional(),
  events: webhookEventsSchema.optional(),
  isActive: z.boolean().optional(),
});

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  isActive: z.boolean(),
  /** How the latest finished attempt went, or null before the first. */
  lastStatus: z.enum(['succeeded', 'failed']).nullable(),
  lastDeliveryAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Creation and secret rotation: the only answers that show the signing secret. */
export const webhookWithSecretSchema = z.object({ webhook: webhookSchema, secret: z.string() });

export const webhookDeliveryStatusSchema = z.enum([
  'pending',
  'sending',
  'succeeded',
  'failed',
  'giving_up',
]);

export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  /** The JSON body sent: `{ id, type, createdAt, data }`. */
  payload: z.record(z.string(), z.unknown()),
  /** Attempts started so far (at most 6 before giving up). */
  attempt: z.number().int(),
  status: webhookDeliveryStatusSchema,
  nextAttemptAt: z.string().nullable(),
  lastResponseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const webhookDeliveriesQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
});

export const webhookDeliveryParamsSchema = z.strictObject({ id: idSchema, deliveryId: idSchema });
