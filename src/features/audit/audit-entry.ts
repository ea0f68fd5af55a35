import { z } from 'zod';

/** One thing someone did that an administrator may need to account for later. */
export interface AuditEntry {
  id: string;
  /** "staff:<id>", "token:<id>", "system" or "anonymous" (a failed sign-in). */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  ip: string;
  createdAt: string;
}

export interface AuditRecord {
  /** The actor's label (Actor.label), or "anonymous". */
  actor: string;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Never put secrets here: the log is shown to administrators as is. */
  details?: Record<string, unknown>;
  ip?: string;
}

/** "staff:<id>" → { type: 'staff', id }; "system" → { type: 'system', id: null }. */
export function splitActorLabel(label: string): { type: string; id: string | null } {
  const colon = label.indexOf(':');
  if (colon < 0) return { type: label, id: null };
  return { type: label.slice(0, colon), id: label.slice(colon + 1) };
}

export const joinActorLabel = (type: string, id: string | null): string =>
  id === null ? type : `${type}:${id}`;

export const auditListQuerySchema = z.strictObject({
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
  /** Entries about one thing, e.g. a story's id (its whole editorial history). */
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

export type AuditListQuery = z.input<typeof auditListQuerySchema>;
