import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation, narrow } from '../../platform/db/index.js';
import { conflict, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/security/index.js';
import { newPasswordSchema } from '../../shared/contracts/staff.js';
import {
  authorInputSchema,
  type Author,
  type AuthorsService,
  type AuthorsTables,
} from '../authors/index.js';
import { emailSchema, normaliseEmail, staffRoleSchema, type StaffUser } from './staff-user.js';
import { createStaffRepository, toStaffUser } from './staff.repository.js';
import type { StaffTables } from './staff.table.js';

export const createStaffInputSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(120),
  role: staffRoleSchema,
  password: newPasswordSchema.optional(),
  /** Generate a password and return it once (first-run owner, CLI without --password). */
  generatePassword: z.boolean().optional(),
  /** The byline's public fields, with the same rules as an author's. */
  profile: authorInputSchema
    .pick({
      slug: true,
      roleTitle: true,
      bio: true,
      location: true,
      avatarMediaId: true,
      links: true,
    })
    .optional(),
  /** An imported account waits suspended, without a password, until the newsroom invites it. */
  status: z.enum(['active', 'suspended']).optional(),
});
/** A new staff account, parsed with `createStaffInputSchema` at the front door. */
export type CreateStaffInput = z.output<typeof createStaffInputSchema>;

export interface CreatedStaffUser {
  user: StaffUser;
  author: Author;
  /** Present only when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

export function createStaffService(deps: {
  db: Kysely<StaffTables & AuthorsTables>;
  clock: Clock;
  authors: AuthorsService;
}) {
  const repository = createStaffRepository(narrow(deps.db).to<StaffTables>());
  // What an unknown or password-less account is checked against, made with the same argon2
  // parameters as real hashes (once, on first use), so every sign-in costs one verification.
  let dummyHash: Promise<string> | undefined;
  return {
    /** A staff account and its author profile, written together. */
    async create(value: CreateStaffInput): Promise<CreatedStaffUser> {
      let password = value.password;
      let generated: string | undefined;
      if (password === undefined && value.generatePassword)
        password = generated = generatePassword();
      const passwordHash = password === undefined ? null : await hashPassword(password);
      const at = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        email: value.email,
        name: value.name,
        role: value.role,
        status: value.status ?? 'active',
        password_hash: passwordHash,
        totp_secret: null,
        created_at: at,
        updated_at: at,
        last_seen_at: null,
      };
      try {
        const author = await deps.db.transaction().execute(async (trx) => {
          if (
            value.role === 'owner' &&
            (await repository.findOwner(narrow(trx).to<StaffTables>()))
          ) {
            throw conflict('There is already an owner; transfer ownership instead');
          }
          await repository.insert(row, narrow(trx).to<StaffTables>());
          const links = value.profile?.links ?? {};
          return deps.authors.create(
            {
              name: value.name,
              slug: value.profile?.slug,
              roleTitle: value.profile?.roleTitle,
              bio: value.profile?.bio,
              location: value.profile?.location,
              avatarMediaId: value.profile?.avatarMediaId,
              links: {
                website: links.website,
                x: links.x,
                telegram: links.telegram,
                email: links.email,
              },
            },
            { userId: row.id, trx: narrow(trx).to<AuthorsTables>() },
          );
        });
        return {
          user: toStaffUser(row),
          author,
          ...(generated ? { generatedPassword: generated } : {}),
        };
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw validationError([
            { field: 'email', message: 'a staff member with this email already exists' },
          ]);
        }
        throw error;
      }
    },

    /**
     * The user for an email and password, or undefined — the same answer, after the same argon2
     * work, for an unknown email, an account without a password, a suspended account and a
     * wrong password (no timing oracle on who has an account or who is suspended).
     */
    async verifyCredentials(email: string, password: string): Promise<StaffUser | undefined> {
      const row = await repository.findByEmail(normaliseEmail(email));
      dummyHash ??= hashPassword(generatePassword());
      const isMatch = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      return isMatch && row?.password_hash && row.status === 'active'
        ? toStaffUser(row)
        : undefined;
    },

    async byId(id: string): Promise<StaffUser | undefined> {
      const row = await repository.findById(id);
      return row && toStaffUser(row);
    },
    async byEmail(email: string): Promise<StaffUser | undefined> {
      const row = await repository.findByEmail(normaliseEmail(email));
      return row && toStaffUser(row);
    },
    async list(): Promise<StaffUser[]> {
      return (await repository.list()).map(toStaffUser);
    },
    count: () => repository.count(),
    /** Deletes accounts (their sessions go with them; their bylines stay, unlinked). */
    async deleteMany(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      return repository.deleteMany(ids);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
