import { authorInputSchema, authorUpdateSchema } from '@shared/contracts/authors.js';
import type { Author, In } from '../../types.js';
import { checkWithSchema } from '../../ui/schema-check.js';

export type AuthorInput = In<typeof authorInputSchema>;

/** A byline as the form edits it: every text as a string, links flattened. */
export interface AuthorFormValues {
  name: string;
  slug: string;
  roleTitle: string;
  bio: string;
  location: string;
  avatarMediaId: string | null;
  website: string;
  x: string;
  telegram: string;
  email: string;
  isDesk: boolean;
}

/** The API's field names, in the form's order (for errors and focus). */
export const authorFormFields = [
  'name',
  'slug',
  'roleTitle',
  'bio',
  'location',
  'avatarMediaId',
  'links.website',
  'links.x',
  'links.telegram',
  'links.email',
  'isDesk',
] as const;

export const emptyAuthorValues: AuthorFormValues = {
  name: '',
  slug: '',
  roleTitle: '',
  bio: '',
  location: '',
  avatarMediaId: null,
  website: '',
  x: '',
  telegram: '',
  email: '',
  isDesk: false,
};

export const valuesOfAuthor = (author: Author): AuthorFormValues => ({
  name: author.name,
  slug: author.slug,
  roleTitle: author.roleTitle,
  bio: author.bio,
  location: author.location,
  avatarMediaId: author.avatarMediaId,
  ...author.links,
  isDesk: author.isDesk,
});

/** The request body; an empty slug is left out so the server makes or keeps one. */
export const authorInputOf = (v: AuthorFormValues): AuthorInput => ({
  name: v.name.trim(),
  ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
  roleTitle: v.roleTitle.trim(),
  bio: v.bio.trim(),
  location: v.location.trim(),
  avatarMediaId: v.avatarMediaId,
  links: {
    website: v.website.trim(),
    x: v.x.trim(),
    telegram: v.telegram.trim(),
    email: v.email.trim(),
  },
  isDesk: v.isDesk,
});

/**
 * Checks before sending with the schema of the route it goes to (the API checks again), in the
 * form's words where the schema's would puzzle; keyed by the API's field names.
 */
export function checkAuthorInput(
  body: AuthorInput,
  route: 'create' | 'update',
): Partial<Record<string, string>> {
  const found = checkWithSchema(route === 'create' ? authorInputSchema : authorUpdateSchema, body, {
    'links.website': 'Use an address starting with https:// or http://.',
    'links.email': 'Write an email address, like desk@example.com.',
  });
  // An empty name has its own words; a too long one keeps the schema's (it names the limit).
  if (!body.name) found.name = 'Give the byline a name.';
  return found;
}
