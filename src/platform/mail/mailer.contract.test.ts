import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/helpers/smtp-test-server.js';
import { createLogMailer } from './log-mailer.js';
import type { Mailer } from './mailer.js';
import { createMemoryMailer } from './memory-mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

interface Delivered {
  to: string[];
  subject: string;
  text: string;
  /** Header names in lower case; Message-ID as `message-id`. */
  headers: Readonly<Record<string, string>>;
}

/** Each adapter, with a way to read back what it delivered. */
interface Lane {
  name: string;
  setUp(): Promise<{ mailer: Mailer; delivered: () => Promise<Delivered> }>;
  tearDown(): Promise<void>;
}

let smtp: SmtpTestServer | undefined;
const lanes: Lane[] = [
  {
    name: 'smtp (in-process smtp-server)',
    async setUp() {
      smtp = await startSmtpTestServer();
      const server = smtp;
      const mailer = createSmtpMailer({ url: server.url, from: 'Masthead <noreply@example.org>' });
      return { mailer, delivered: () => server.waitFor(server.received.length) };
    },
    tearDown: async () => smtp?.close(),
  },
  {
    name: 'memory',
    setUp() {
      const mailer = createMemoryMailer();
      return Promise.resolve({
        mailer,
        delivered: () => {
          const last = mailer.sent.at(-1);
          if (!last) throw new Error('nothing sent');
          const headers = Object.fromEntries(
            Object.entries(last.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
          );
          if (last.messageId !== undefined) headers['message-id'] = last.messageId;
          return Promise.resolve({
            to: [last.to],
            subject: last.subject,
            text: last.text,
            headers,
          });
        },
      });
    },
    tearDown: () => Promise.resolve(),
  },
];

for (const lane of lanes) {
  describe(`Mailer contract [${lane.name}]`, () => {
    let mailer: Mailer;
    let delivered: () => Promise<Delivered>;
    beforeAll(async () => {
      ({ mailer, delivered } = await lane.setUp());
    });
    afterAll(() => lane.tearDown());

    it('delivers recipient, subject and body, long links intact', async () => {
      const link = `https://news.example.org/admin/reset-password?token=${'a1B2-_'.repeat(12)}`;
      await mailer.send({
        to: 'reporter@example.org',
        subject: 'Reset your password – Masthead',
        text: `Hello Ana,\n\nReset it here: ${link}\n`,
      });
      const message = await delivered();
      expect(message.to).toEqual(['reporter@example.org']);
      expect(message.subject).toContain('Reset your password');
      expect(message.text).toContain('Hello Ana,');
      expect(message.text).toContain(link);
    });

    it('carries the extra headers and the Message-ID it is given', async () => {
      await mailer.send({
        to: 'member@example.org',
        subject: 'Confirm your subscription',
        text: 'Confirm: https://news.example.org/confirm?t=abc',
        messageId: '<confirm-01HZX@news.example.org>',
        headers: {
          'List-Unsubscribe': '<https://news.example.org/unsubscribe/?t=abc>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      const message = await delivered();
      expect(message.to).toEqual(['member@example.org']);
      expect(message.headers).toMatchObject({
        'message-id': '<confirm-01HZX@news.example.org>',
        'list-unsubscribe': '<https://news.example.org/unsubscribe/?t=abc>',
        'list-unsubscribe-post': 'List-Unsubscribe=One-Click',
      });
    });
  });
}

describe('log mailer', () => {
  it('writes the message, links included, to the log function', async () => {
    const lines: string[] = [];
    await createLogMailer((text) => lines.push(text)).send({
      to: 'a@example.org',
      subject: 'Invitation',
      text: 'Join: http://localhost:3000/admin/accept-invitation?token=abc',
    });
    expect(lines.join('\n')).toContain('To: a@example.org');
    expect(lines.join('\n')).toContain('accept-invitation?token=abc');
  });
});
