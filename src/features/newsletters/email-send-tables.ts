import type { NewslettersTables } from './newsletters.table.js';

/**
 * The columns of other features' tables that the recipient list reads when a send starts (a read
 * model, decision 0009: read only; members and posts keep writing their own tables).
 */
export interface EmailSendReadTables {
  members: { id: string; email: string; name: string; status: string; access_until: string | null };
  posts: { id: string; visibility: string; status: string };
}

export type EmailSendTables = NewslettersTables & EmailSendReadTables;
