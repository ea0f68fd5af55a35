import type { z } from 'zod';
import type { StaffRole } from '../staff/index.js';
import { tokenCreateSchema } from '../../shared/contracts/tokens.js';

/**
 * Admin tokens act with a staff role on the Admin API; content keys read published content
 * through the Content API. Both are shown once and stored as a SHA-256 hash.
 */
export type ApiTokenKind = 'admin' | 'content';

export interface ApiToken {
  id: string;
  name: string;
  kind: ApiTokenKind;
  role: StaffRole | null;
  /** The first characters, so people can tell their tokens apart in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When it stops working by itself, if ever. */
  expiresAt: string | null;
  /** Whose rights it acts within: a staff member (it dies with them) or the CLI (the owner's). */
  createdBy: { kind: 'staff'; userId: string | null; name: string | null } | { kind: 'cli' };
}

/**
 * Who makes a token: the CLI (the owner's), a staff member, or another token (the new one
 * inherits that token's creator, so a token can never outlive the person behind it).
 */
export type TokenCreator =
  { via: 'cli' } | { via: 'staff'; userId: string } | { via: 'token'; tokenId: string };

/**
 * A new token: the Admin API's body schema (its role is capped at administrator: owner-level
 * tokens would allow ownership transfer by script), an admin token unless `kind` says content.
 * The Admin API and the CLI parse with it at their doors.
 */
export const createTokenInputSchema = tokenCreateSchema.extend({
  kind: tokenCreateSchema.shape.kind.unwrap().default('admin'),
});
export type CreateTokenInput = z.output<typeof createTokenInputSchema>;

export const tokenPrefixes: Record<ApiTokenKind, string> = {
  admin: 'mh_admin_',
  content: 'mh_content_',
};
