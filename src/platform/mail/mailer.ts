/** One email: plain text always (links included), HTML optionally. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** The mail port: SMTP in production, the log in development, memory in tests. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
