export interface ApiTokensTable {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  /** 'staff' (dies with its creator) or 'cli' (the owner's). */
  created_via: string;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** A content key's 26-hex form for Ghost's clients, hashed; null for admin tokens and older keys. */
  ghost_key_hash: string | null;
}

export interface TokensTables {
  api_tokens: ApiTokensTable;
}
