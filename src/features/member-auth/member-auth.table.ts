/** Emailed single-use links (sign in, change email); only the SHA-256 of the token is kept. */
export interface MemberSignInTokensTable {
  token_hash: string;
  email: string;
  /** sign_in | change_email */
  purpose: string;
  /** JSON: { returnTo?, campaignId?, memberId? } */
  data: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in reader's browser: the cookie holds a random secret; this row holds its hash. */
export interface MemberSessionsTable {
  id: string;
  token_hash: string;
  member_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface MemberAuthTables {
  member_sign_in_tokens: MemberSignInTokensTable;
  member_sessions: MemberSessionsTable;
}
