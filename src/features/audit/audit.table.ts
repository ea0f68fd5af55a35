export interface AuditLogTable {
  id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** JSON text. */
  details: string;
  ip: string;
  created_at: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
