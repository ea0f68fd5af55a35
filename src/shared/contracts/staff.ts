import { z } from 'zod';
import { authorSchema } from './authors.js';

export const staffRoleValues = [
  'owner',
  'administrator',
  'editor',
  'author',
  'contributor',
] as const;
const email = z.string().trim().max(254).email('must be an email address');
/** PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database. */
const noNul = (value: string) => !value.includes('\u0000');
const nulMessage = 'must not contain NUL characters';
const text = (max: number) => z.string().trim().max(max).refine(noNul, nulMessage);
const name = z.string().trim().min(1, 'must not be empty').max(120).refine(noNul, nulMessage);
/**
 * A password a person chooses: the one rule for every form and command that sets one (argon2
 * input is capped to keep each check cheap).
 */
export const newPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');
const password = newPasswordSchema;

/** A staff account as the Admin API shows it: never a password hash or TOTP secret. */
export const staffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(staffRoleValues),
  status: z.enum(['active', 'invited', 'suspended']),
  hasPassword: z.boolean(),
  hasTwoFactor: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const signInBodySchema = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(256),
});
export const twoFactorSignInBodySchema = z.strictObject({
  challengeToken: z.string().min(1, 'must not be empty').max(100),
  code: z.string().trim().min(1, 'must not be empty').max(40),
});
export const sessionSchema = z.object({ user: staffUserSchema, csrfToken: z.string() });
export const signInResponseSchema = z.union([
  sessionSchema,
  z.object({ twoFactorRequired: z.literal(true), challengeToken: z.string() }),
]);

export const passwordResetRequestSchema = z.strictObject({ email });
export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().min(1, 'must not be empty').max(100),
  password,
});
export const invitationCreateSchema = z.strictObject({
  email,
  role: z.enum(staffRoleValues),
});
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(staffRoleValues),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const invitationAcceptSchema = z.strictObject({
  token: z.string().min(1, 'must not be empty').max(100),
  name,
  password,
});

export const staffUpdateBodySchema = z.strictObject({
  role: z.enum(['administrator', 'editor', 'author', 'contributor']).optional(),
  status: z.enum(['active', 'suspended']).optional(),
});
export const transferOwnershipSchema = z.strictObject({ userId: z.string().max(40) });

export const profileUpdateBodySchema = z.strictObject({
  name: name.optional(),
  roleTitle: text(80).optional(),
  bio: text(2000).optional(),
  location: text(120).optional(),
  avatarMediaId: z.string().max(40).refine(noNul, nulMessage).nullable().optional(),
  links: z
    .strictObject({
      website: text(300).optional(),
      x: text(60).optional(),
      telegram: text(60).optional(),
      email: text(254).optional(),
    })
    .optional(),
});
export const profileSchema = z.object({
  user: staffUserSchema,
  /** The byline linked to the account, as `/me` shows it (the whole author record). */
  author: authorSchema.nullable(),
});
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(256),
  newPassword: password,
});

export const twoFactorSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export const twoFactorEnableSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from the app'),
});
export const twoFactorDisableSchema = z.strictObject({
  password: z.string().min(1, 'must not be empty').max(256),
});
