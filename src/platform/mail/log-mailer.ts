import type { MailMessage, Mailer } from './mailer.js';

/**
 * Development mailer: writes each message to the log, links included, so a developer can click
 * a password-reset or invitation link without an SMTP server. In production pass
 * `isBodyHidden`: the links it would log are credentials.
 */
export function createLogMailer(
  log: (text: string) => void,
  options: { isBodyHidden?: boolean } = {},
): Mailer {
  return {
    send(message: MailMessage): Promise<void> {
      log(
        [
          `Email (not sent: no SMTP_URL configured)`,
          `To: ${message.to}`,
          `Subject: ${message.subject}`,
          '',
          options.isBodyHidden ? '[body hidden: it may hold sign-in links]' : message.text,
        ].join('\n'),
      );
      return Promise.resolve();
    },
  };
}
