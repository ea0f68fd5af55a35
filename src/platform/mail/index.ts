export type { MailMessage, Mailer } from './mailer.js';
export { createSmtpMailer } from './smtp-mailer.js';
export { createLogMailer } from './log-mailer.js';
export { createMemoryMailer } from './memory-mailer.js';
export type { MemoryMailer } from './memory-mailer.js';

// Bulk mail (newsletters): the port and its pooled SMTP adapter.
export type {
  BulkMailer,
  BulkMessage,
  BulkOutcome,
  BulkTemplate,
  FilledBulkMessage,
} from './bulk-mailer.js';
export { fillBulkMessage } from './bulk-mailer.js';
export { createSmtpBulkMailer } from './smtp-bulk-mailer.js';
export type { SmtpBulkMailerOptions } from './smtp-bulk-mailer.js';
// Bulk mail (newsletters): the in-memory adapter for tests and development.
export { createMemoryBulkMailer } from './memory-bulk-mailer.js';
export type {
  MemoryBulkMailer,
  MemoryBulkMailerOptions,
  ScriptedOutcome,
} from './memory-bulk-mailer.js';
