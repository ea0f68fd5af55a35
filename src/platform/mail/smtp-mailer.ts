import type Nodemailer from 'nodemailer';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { MailMessage, Mailer } from './mailer.js';

/** nodemailer, loaded when SMTP is configured (not by every start: issue #14, cold start). */
const nodemailer = loadOnFirstUse<typeof Nodemailer>('nodemailer');

/**
 * Sends through an SMTP server given as a URL (`smtp://user:pass@host:587`, `smtps://…`).
 * The transport is made once and pools nothing: transactional mail is rare and small.
 */
export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer().createTransport(options.url);
  return {
    async send(message: MailMessage): Promise<void> {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(message.headers === undefined ? {} : { headers: { ...message.headers } }),
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
      });
    },
  };
}
