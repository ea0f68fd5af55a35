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

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(120).optional(),
  action: z
    .string()
    .max(80)
    .regex(/^[a-z_.]+$/, 'must be an action name such as session.signed_in')
    .optional(),
  subjectId: z.string().max(40).optional(),
  since: z.string().max(40).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .optional(),
});
