/**
 * The bulk-mail port (newsletters): its own pooled transport, so transactional mail (sign-in
 * links, receipts) never waits behind a send or its rate limit. Every call answers with what the
 * server said about this one message, so the caller can record it exactly once.
 */
export interface BulkMessage {
  readonly to: string;
  /** Display name in From (the newsletter's sender name); the address is the server's MAIL_FROM. */
  readonly fromName?: string | undefined;
  readonly replyTo?: string | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<…@host>`, derived from (email id, member id) so a message keeps its id across retries. */
  readonly messageId: string;
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id, … */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * sent: the server accepted it (250). deferred: it certainly did not leave and may be tried
 * again (a 4xx answer, or no connection before the message was handed over). failed: refused for
 * good (5xx: a hard bounce). uncertain: the connection broke after the message's data was
 * handed over and before the answer, so it may have been delivered — never resent by itself.
 */
export type BulkOutcome =
  | { readonly status: 'sent'; readonly reply: string }
  | { readonly status: 'deferred'; readonly reply: string; readonly responseCode?: number }
  | {
      readonly status: 'failed';
      readonly reply: string;
      readonly responseCode?: number;
      /** The server refused the recipient (5xx to RCPT TO): a hard bounce of that address. */
      readonly isRecipientRefused?: boolean;
    }
  | { readonly status: 'uncertain'; readonly reply: string };

export interface BulkMailer {
  /** Messages that may be in flight at once (SMTP_POOL). */
  readonly poolSize: number;
  /** Never throws for a delivery problem: the outcome says what happened. */
  send(message: BulkMessage): Promise<BulkOutcome>;
  close(): Promise<void>;
}
