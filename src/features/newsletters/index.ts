export { createNewslettersService } from './newsletters.service.js';
export { createNewsletterImports } from './newsletter-imports.js';
export type { ImportedSubscriptionsRow, NewsletterImports } from './newsletter-imports.js';
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
// The delivery engine (issue #13 §6): recipients, claims, leases, cancel, retry, progress.
export { createEmailSender, emailSenderJob } from './email-sender.service.js';
export type { EmailSender, EmailSenderDeps, SenderRun } from './email-sender.service.js';
export type { SendLinks } from './email-send-message.js';
export { emailStatuses, recipientStates, sendRules } from './email-send.js';
export type {
  EmailProgress,
  EmailSegment,
  EmailStatus,
  RecipientState,
  SendRules,
  StoredRenders,
} from './email-send.js';
export { createEmailsService, mailNotConfigured } from './emails.service.js';
export type { EmailRecord, EmailReport, EmailsService, MemberEmail } from './emails.service.js';
// Tracking (issue #13 §8): off by default, counts per email; per member only on the opt-in.
export { createTrackingService } from './tracking.service.js';
export type {
  EmailTrackingFlags,
  EmailTrackingLinks,
  MemberEmailActivity,
  TrackingReport,
  TrackingService,
} from './tracking.service.js';
