export { createNewslettersService } from './newsletters.service.js';
export type { MemberNewsletter, NewslettersService } from './newsletters.service.js';
export { mayJoin } from './newsletter.js';
export type {
  Newsletter,
  NewsletterAudience,
  NewsletterInput,
  NewsletterPatch,
  NewsletterSubscription,
  SubscriptionSource,
} from './newsletter.js';
export type { NewslettersTables } from './newsletters.table.js';
export * from './email-content.js';
export { createUnsubscribeService } from './unsubscribe.service.js';
export type { UnsubscribeService, UnsubscribeView } from './unsubscribe.service.js';
export { createSuppressionsService, suppressionSources } from './suppressions.service.js';
export type {
  Suppression,
  SuppressionSource,
  SuppressionsService,
  RecordableEvent,
} from './suppressions.service.js';
