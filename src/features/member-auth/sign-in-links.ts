import { z } from 'zod';
import { AppError, validationError } from '../../platform/errors.js';
import { memberEmailSchema } from '../members/index.js';

/** What a link's row keeps beside the address: where it leads and what it confirms. */
const linkData = z.object({
  returnTo: z.string().optional(),
  campaignId: z.string().optional(),
  /** The last story the reader read before joining (analytics' attribution). */
  fromStory: z.string().max(300).optional(),
  memberId: z.string().optional(),
  /** Lists the reader ticked when asking for the link: confirmed by using it (double opt-in). */
  newsletterIds: z.array(z.string()).max(50).optional(),
  newsletterSource: z.enum(['signup', 'newsletters-page', 'story-page']).optional(),
});

/** The one refusal for a link that is unknown, tampered with, expired or already used. */
export const badLinkError = () =>
  new AppError({
    code: 'LINK_INVALID',
    status: 400,
    message: 'This link has expired or was already used. Ask for a new one.',
    problems: [
      { field: 'token', message: 'This link has expired or was already used. Ask for a new one.' },
    ],
  });

export const parseEmail = (value: string): string => {
  const parsed = memberEmailSchema.safeParse(value);
  if (!parsed.success)
    throw validationError(
      [{ field: 'email', message: 'Enter a valid email address' }],
      'Enter a valid email address',
    );
  return parsed.data;
};

export type LinkData = z.infer<typeof linkData>;

/** A claimed link's stored data; a row we cannot read still signs the reader in (as `{}`). */
export function readLinkData(stored: string): LinkData {
  let value: unknown = {};
  try {
    value = JSON.parse(stored);
  } catch {
    // A row we wrote ourselves; if it is unreadable, the link still signs the reader in.
  }
  const data = linkData.safeParse(value);
  return data.success ? data.data : {};
}
