import type { z } from 'zod';
import { auditQuerySchema } from '../../shared/contracts/audit.js';

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

/** The audit log's filters (the Admin API's query schema), parsed at the front door. */
export const auditListQuerySchema = auditQuerySchema;
export type AuditListQuery = z.output<typeof auditListQuerySchema>;
