import type { MailMessage, Mailer } from './mailer.js';

export interface MemoryMailer extends Mailer {
  /** Every message sent, oldest first. */
  readonly sent: MailMessage[];
  /** The last message sent to an address, if any. */
  lastTo(address: string): MailMessage | undefined;
  clear(): void;
}

/** Keeps messages in memory: the default when no mailer is wired, and for tests. */
export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    send(message) {
      sent.push({
        ...message,
        ...(message.headers === undefined ? {} : { headers: { ...message.headers } }),
      });
      return Promise.resolve();
    },
    lastTo(address) {
      return sent.filter((m) => m.to === address).at(-1);
    },
    clear() {
      sent.length = 0;
    },
  };
}
