import type { StaffRoleName } from '@shared/contracts/permissions.js';
import type { StaffUser } from '../../types.js';

export const roleLabels: Record<StaffRoleName, string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  editor: 'Editor',
  author: 'Author',
  contributor: 'Contributor',
};

/** What each role may do, in a line, for the invite form's hint. */
export const roleSummaries: Record<Exclude<StaffRoleName, 'owner'>, string> = {
  administrator: 'everything but ownership: settings, members, staff',
  editor: 'all stories, sections and bylines',
  author: 'writes and publishes their own stories',
  contributor: 'writes drafts for an editor to publish',
};

export const statusLabels: Record<StaffUser['status'], string> = {
  active: 'Active',
  invited: 'Invited',
  suspended: 'Suspended',
};

/** The roles `role` may invite (the server's canInvite rule, staff-auth-rules.ts). */
export function invitableRoles(role: StaffRoleName): Exclude<StaffRoleName, 'owner'>[] {
  if (role === 'owner' || role === 'administrator')
    return ['administrator', 'editor', 'author', 'contributor'];
  if (role === 'editor') return ['author', 'contributor'];
  return [];
}
