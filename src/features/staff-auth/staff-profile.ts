import type { z } from 'zod';
import { authorInputSchema } from '../authors/index.js';
import { profileUpdateBodySchema, staffUpdateBodySchema } from '../../shared/contracts/staff.js';

/** Role or status, by administrators: the Admin API's body schema, parsed at the front door. */
export const staffUpdateSchema = staffUpdateBodySchema;
export type StaffUpdate = z.output<typeof staffUpdateSchema>;

/**
 * Own profile: the account's name and the public author fields of its byline. The Admin API's
 * body schema (lengths, NUL) piped into the byline's own rules (web and email links), so one
 * parse at the front door checks both.
 */
export const profileUpdateSchema = profileUpdateBodySchema.pipe(
  authorInputSchema.omit({ slug: true, isDesk: true }).partial(),
);
export type ProfileUpdate = z.output<typeof profileUpdateSchema>;
