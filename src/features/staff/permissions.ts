import { forbidden } from '../../platform/errors.js';
import type { Actor } from './actor.js';
import { roleMay, type Permission } from '../../shared/contracts/permissions.js';

export { permissions, type Permission } from '../../shared/contracts/permissions.js';

export const can = (actor: Actor, permission: Permission): boolean =>
  roleMay(actor.role, permission);

/** Throws 403 unless the actor's role allows the action. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw forbidden(`Your role (${actor.role}) cannot ${describe(permission)}`);
}

function describe(permission: Permission): string {
  const [subject, verb, scope] = permission.split('.');
  return `${verb ?? ''} ${scope === 'any' ? "others' " : ''}${subject ?? ''}`.trim();
}
