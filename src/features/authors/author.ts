import type { z } from 'zod';
import {
  authorInputSchema as sharedAuthorInputSchema,
  authorUpdateSchema as sharedAuthorUpdateSchema,
} from '../../shared/contracts/authors.js';

/** A byline: a staff member's public profile, or a desk byline such as "News desk". */
export interface Author {
  id: string;
  userId: string | null;
  name: string;
  slug: string;
  roleTitle: string;
  bio: string;
  avatarMediaId: string | null;
  location: string;
  links: { website: string; x: string; telegram: string; email: string };
  isDesk: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The input schema is the Admin API contract, shared with the admin app. */
export const authorInputSchema = sharedAuthorInputSchema;
export type AuthorInput = z.output<typeof authorInputSchema>;
export const authorUpdateSchema = sharedAuthorUpdateSchema;
export type AuthorUpdate = z.output<typeof authorUpdateSchema>;

/** What a staff member changes of their own byline: the profile, never its address or kind. */
export type BylineChange = Omit<AuthorUpdate, 'slug' | 'isDesk'>;
