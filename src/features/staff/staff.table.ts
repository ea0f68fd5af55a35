export interface StaffUsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string | null;
  totp_secret: string | null;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
}

export interface StaffTables {
  staff_users: StaffUsersTable;
}
