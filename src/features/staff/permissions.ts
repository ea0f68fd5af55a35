import { forbidden } from '../../platform/errors.js';
import type { Actor } from './actor.js';
import { roleAtLeast, type StaffRole } from './staff-user.js';

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
  'ownership.transfer': 'owner',
} as const satisfies Record<string, StaffRole>;

export type Permission = keyof typeof permissions;

export const can = (actor: Actor, permission: Permission): boolean =>
  roleAtLeast(actor.role, permissions[permission]);

/** Throws 403 unless the actor's role allows the action. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw forbidden(`Your role (${actor.role}) cannot ${describe(permission)}`);
}

function describe(permission: Permission): string {
  const [subject, verb, scope] = permission.split('.');
  return `${verb ?? ''} ${scope === 'any' ? "others' " : ''}${subject ?? ''}`.trim();
}
