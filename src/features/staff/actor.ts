import type { StaffRole } from './staff-user.js';

/**
 * Who is acting on the Admin API: a signed-in staff member or an Admin API token. Tokens act
 * with the role they were given; they own what they created (`tokenId`), staff own what they
 * created or are a byline on.
 */
export interface Actor {
  readonly type: 'staff' | 'token';
  readonly role: StaffRole;
  /** The staff user (null for tokens). */
  readonly userId: string | null;
  /** The author profile of the staff user, if any. */
  readonly authorId: string | null;
  readonly tokenId: string | null;
  /** For audit entries: "staff:<id>" or "token:<id>". */
  readonly label: string;
}

export const staffActor = (
  user: { id: string; role: StaffRole },
  authorId: string | null,
): Actor => ({
  type: 'staff',
  role: user.role,
  userId: user.id,
  authorId,
  tokenId: null,
  label: `staff:${user.id}`,
});

export const tokenActor = (token: { id: string; role: StaffRole }): Actor => ({
  type: 'token',
  role: token.role,
  userId: null,
  authorId: null,
  tokenId: token.id,
  label: `token:${token.id}`,
});

/** The system itself (scheduler, CLI imports): allowed everything, audited as "system". */
export const systemActor: Actor = {
  type: 'token',
  role: 'owner',
  userId: null,
  authorId: null,
  tokenId: null,
  label: 'system',
};
