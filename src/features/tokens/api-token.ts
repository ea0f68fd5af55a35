import { z } from 'zod';
import { staffRoleSchema, type StaffRole } from '../staff/index.js';

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

export const createTokenInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  kind: z.enum(['admin', 'content']).default('admin'),
  // Owner-level tokens would allow ownership transfer by script: capped at administrator.
  role: staffRoleSchema.exclude(['owner']).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export const tokenPrefixes: Record<ApiTokenKind, string> = {
  admin: 'mh_admin_',
  content: 'mh_content_',
};
