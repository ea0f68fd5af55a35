import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string(),
  createdAt: z.string(),
});

/** Audit log filters: actor label, action, one subject (e.g. a story's id, its whole history), a lower time bound. */
export const auditQuerySchema = z.strictObject({
  actor: z
    .string()
    .max(120)
    .regex(/^(staff|token):[\w-]+$|^(system|anonymous)$/, 'must be like staff:<id> or system')
    .optional(),
  action: z
    .string()
    .max(80)
    .regex(/^[a-z_.]+$/, 'must be an action name such as session.signed_in')
    .optional(),
  subjectId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an id')
    .optional(),
  since: z.iso.datetime({ message: 'must be an ISO-8601 UTC time' }).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(50),
});
