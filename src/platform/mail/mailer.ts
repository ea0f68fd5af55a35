/** One email: plain text always (links included), HTML optionally. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Extra headers (e.g. List-Unsubscribe); names as they should appear. */
  readonly headers?: Readonly<Record<string, string>>;
  /** `<…@host>`; when absent the transport makes one up. */
  readonly messageId?: string;
}

/** The mail port: SMTP in production, the log in development, memory in tests. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
