export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface StaffSessionsTables {
  staff_sessions: StaffSessionsTable;
}
