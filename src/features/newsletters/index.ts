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
