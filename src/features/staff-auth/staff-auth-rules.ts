import { roleAtLeast, type Actor, type StaffRole } from '../staff/index.js';

/**
 * Who may invite whom: administrators (and the owner) invite any role but owner; editors invite
 * authors and contributors; nobody else invites. Ownership is only ever transferred.
 */
export function canInvite(actor: Actor, role: StaffRole): boolean {
  if (role === 'owner') return false;
  if (roleAtLeast(actor.role, 'administrator')) return true;
  return actor.role === 'editor' && (role === 'author' || role === 'contributor');
}

/** Invitations and reset links are good for this long. */
export const invitationDays = 7;
