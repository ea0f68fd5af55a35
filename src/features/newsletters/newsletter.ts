import type { z } from 'zod';
import type {
  NewsletterCreate,
  NewsletterDto,
  NewsletterUpdate,
  newsletterAudienceSchema,
  subscriptionSourceSchema,
} from '../../shared/contracts/newsletters.js';
import type { Audience } from '../members/index.js';

export type Newsletter = NewsletterDto;
export type NewsletterInput = NewsletterCreate;
export type NewsletterPatch = NewsletterUpdate;
export type NewsletterAudience = z.output<typeof newsletterAudienceSchema>;
export type SubscriptionSource = z.output<typeof subscriptionSourceSchema>;
export type SubscriptionStatus = 'subscribed' | 'unsubscribed';

/** One member's standing on one list, with where the last change came from. */
export interface NewsletterSubscription {
  newsletterId: string;
  status: SubscriptionStatus;
  source: SubscriptionSource;
  changedAt: string;
}

/**
 * Whether a reader of this audience may be on a list: `paid` lists are for members with paid
 * access, `free` lists for members without it (an upgrade moves nobody off: sends filter by
 * segment, and the member keeps managing the list on /account/).
 */
export function mayJoin(list: { audience: NewsletterAudience }, audience: Audience): boolean {
  if (list.audience === 'paid') return audience === 'paid';
  if (list.audience === 'free') return audience !== 'paid';
  return true;
}
