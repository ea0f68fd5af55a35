// Who may do what, by the lowest role allowed. Shared so the server enforces it and the admin
// app hides what a role cannot use from the same table (the server's check is what counts).
import type { staffRoleValues } from './staff.js';

export type StaffRoleName = (typeof staffRoleValues)[number];

/**
 * Ghost-like permissions. Each action names the lowest role allowed; "own" actions also let
 * lower roles act on what they own (see docs/security.md for the full matrix).
 *   contributor: own drafts, submit for review; no publishing, no uploads outside own drafts
 *   author:      publishes own posts, uploads
 *   editor:      all posts, sections, authors, contributors
 *   administrator: settings, members, staff, tokens, webhooks, audit log
 *   owner:       transfers ownership
 */
export const permissions = {
  'posts.read': 'contributor',
  'posts.create': 'contributor',
  'posts.edit.own': 'contributor',
  'posts.edit.any': 'editor',
  'posts.submit.own': 'contributor',
  'posts.publish.own': 'author',
  'posts.publish.any': 'editor',
  'posts.delete.own': 'contributor',
  'posts.delete.any': 'editor',
  'posts.setFeatured': 'editor',
  'posts.rawHtml': 'editor',
  // Live blogs are collaborative: any author posts updates; editors change others' updates.
  'live.post': 'author',
  'live.edit.any': 'editor',
  'media.upload': 'contributor',
  'media.edit': 'author',
  'tags.read': 'contributor',
  'tags.manage': 'editor',
  'authors.read': 'contributor',
  'authors.manage': 'editor',
  'staff.read': 'contributor',
  'staff.manage': 'administrator',
  'settings.read': 'contributor',
  'settings.manage': 'administrator',
  'tokens.manage': 'administrator',
  'webhooks.manage': 'administrator',
  'audit.read': 'administrator',
  'members.manage': 'administrator',
  'campaigns.manage': 'administrator',
  // Newsletters: editors send stories by email; administrators shape the lists.
  'newsletters.read': 'author',
  'newsletters.send': 'editor',
  'newsletters.manage': 'administrator',
  'ownership.transfer': 'owner',
} as const satisfies Record<string, StaffRoleName>;

export type Permission = keyof typeof permissions;

/** Higher ranks can do everything lower ranks can. */
const rank: Record<StaffRoleName, number> = {
  contributor: 1,
  author: 2,
  editor: 3,
  administrator: 4,
  owner: 5,
};

export const roleAtLeast = (role: StaffRoleName, minimum: StaffRoleName): boolean =>
  rank[role] >= rank[minimum];

export const roleMay = (role: StaffRoleName, permission: Permission): boolean =>
  roleAtLeast(role, permissions[permission]);
