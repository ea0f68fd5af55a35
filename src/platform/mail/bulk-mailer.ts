/**
 * The bulk-mail port (newsletters): its own pooled transport, so transactional mail (sign-in
 * links, receipts) never waits behind a send or its rate limit. Every call answers with what the
 * server said about this one message, so the caller can record it exactly once.
 */

/**
 * What every recipient of one send (and access level) gets alike. The caller hands the same
 * object with each of its recipients' messages, so an adapter can compose the MIME message once
 * per template and fill in only what differs per recipient.
 */
export interface BulkTemplate {
  /** Display name in From (the newsletter's sender name); the address is the server's MAIL_FROM. */
  readonly fromName?: string | undefined;
  readonly replyTo?: string | undefined;
  readonly subject: string;
  /**
   * The text and HTML bodies cut where each recipient's own values go: a message's n values sit
   * between the n + 1 pieces (`['Hello ', '!']` with `['Ann']` is "Hello Ann!").
   */
  readonly text: readonly string[];
  readonly html: readonly string[];
  /** Headers alike for every recipient: List-Unsubscribe-Post, List-Id, … */
  readonly headers: Readonly<Record<string, string>>;
}

/** One recipient's message: the send's template and what is this recipient's own. */
export interface BulkMessage {
  readonly template: BulkTemplate;
  readonly to: string;
  /** `<…@host>`, derived from (email id, member id) so a message keeps its id across retries. */
  readonly messageId: string;
  /** The values that go between the template's text and HTML pieces, in order. */
  readonly textValues: readonly string[];
  readonly htmlValues: readonly string[];
  /** Headers of this recipient's own: List-Unsubscribe with their signed link. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A BulkMessage filled in: what its recipient reads. */
export interface FilledBulkMessage {
  readonly to: string;
  readonly fromName?: string | undefined;
  readonly replyTo?: string | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Joins pieces with the values between them (a missing value is empty). */
export function fillPieces(pieces: readonly string[], values: readonly string[]): string {
  let out = pieces[0] ?? '';
  for (let i = 1; i < pieces.length; i++) out += (values[i - 1] ?? '') + (pieces[i] ?? '');
  return out;
}

export function fillBulkMessage(message: BulkMessage): FilledBulkMessage {
  const { template } = message;
  return {
    to: message.to,
    fromName: template.fromName,
    replyTo: template.replyTo,
    subject: template.subject,
    text: fillPieces(template.text, message.textValues),
    html: fillPieces(template.html, message.htmlValues),
    messageId: message.messageId,
    headers: { ...template.headers, ...message.headers },
  };
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
