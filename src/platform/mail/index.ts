export type { MailMessage, Mailer } from './mailer.js';
export { createSmtpMailer } from './smtp-mailer.js';
export { createLogMailer } from './log-mailer.js';
export { createMemoryMailer } from './memory-mailer.js';
export type { MemoryMailer } from './memory-mailer.js';

// Bulk mail (newsletters): the in-memory adapter for tests and development.
export { createMemoryBulkMailer } from './memory-bulk-mailer.js';
export type {
  MemoryBulkMailer,
  MemoryBulkMailerOptions,
  ScriptedOutcome,
} from './memory-bulk-mailer.js';
