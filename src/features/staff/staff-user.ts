import { z } from 'zod';

export const staffRoles = ['owner', 'administrator', 'editor', 'author', 'contributor'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  status: 'active' | 'invited' | 'suspended';
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Higher ranks can do everything lower ranks can (see docs/security.md for the matrix). */
export { roleAtLeast } from '../../shared/contracts/permissions.js';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .email('must be an email address')
  .transform(normaliseEmail);
