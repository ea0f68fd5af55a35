import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSmtpTestServer,
  type SmtpTestServer,
  type SmtpTestServerOptions,
} from '../../../test/helpers/smtp-test-server.js';
import type { BulkMailer, BulkMessage, BulkTemplate } from './bulk-mailer.js';
import { createSmtpBulkMailer } from './smtp-bulk-mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

const from = 'Masthead <noreply@example.org>';

function message(to: string, overrides: Partial<BulkTemplate> = {}): BulkMessage {
  const id = to.replace(/[^a-z0-9]/gi, '-');
  return {
    template: {
      subject: `The Morning Brief for ${to}`,
      text: ['Good morning.\n\nUnsubscribe: https://news.example.org/unsubscribe/?t=abc'],
      html: ['<p>Good morning.</p>'],
      headers: {
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': 'The Morning Brief <morning-brief.news.example.org>',
      },
      ...overrides,
    },
    to,
    messageId: `<email-01J-${id}@news.example.org>`,
    textValues: [],
    htmlValues: [],
    headers: { 'List-Unsubscribe': '<https://news.example.org/unsubscribe/?t=abc>' },
  };
}

/** Servers and mailers a test opened, closed after it (mailers first: the server waits for them). */
const opened: { mailers: BulkMailer[]; servers: SmtpTestServer[] } = { mailers: [], servers: [] };
afterEach(async () => {
  await Promise.all(opened.mailers.splice(0).map((m) => m.close()));
  await Promise.all(opened.servers.splice(0).map((s) => s.close()));
});

async function setUp(
  serverOptions: SmtpTestServerOptions = {},
  mailerOptions: { poolSize?: number; ratePerSecond?: number } = {},
) {
  const server = await startSmtpTestServer(serverOptions);
  opened.servers.push(server);
  const mailer = createSmtpBulkMailer({ url: server.url, from, poolSize: 5, ...mailerOptions });
  opened.mailers.push(mailer);
  return { server, mailer };
}

describe('SMTP bulk mailer', () => {
  it('delivers a message with its Message-ID, list headers, Reply-To and the newsletter as sender name', async () => {
    const { server, mailer } = await setUp();
    const outcome = await mailer.send(
      message('reader@example.org', {
        fromName: 'The Morning Brief',
        replyTo: 'desk@news.example.org',
      }),
    );
    expect(outcome).toEqual({ status: 'sent', reply: expect.stringMatching(/^250 /) });
    const [received] = server.received;
    expect(server.received).toHaveLength(1);
    expect(received?.from).toBe('noreply@example.org');
    expect(received?.to).toEqual(['reader@example.org']);
    expect(received?.text).toContain('Good morning.');
    expect(received?.headers).toMatchObject({
      from: 'The Morning Brief <noreply@example.org>',
      'reply-to': 'desk@news.example.org',
      'message-id': '<email-01J-reader-example-org@news.example.org>',
      'list-unsubscribe': '<https://news.example.org/unsubscribe/?t=abc>',
      'list-unsubscribe-post': 'List-Unsubscribe=One-Click',
      'list-id': 'The Morning Brief <morning-brief.news.example.org>',
    });
  });

  it('composes a template once and sends each recipient their own To, Message-ID, name and unsubscribe link', async () => {
    const { server, mailer } = await setUp();
    const template: BulkTemplate = {
      fromName: 'The Morning Brief',
      subject: 'Good morning',
      text: ['Hello ', '\nUnsubscribe: ', '\n'],
      html: ['<p>Hello ', '</p><a href="', '">Unsubscribe</a>'],
      headers: { 'List-Id': 'The Morning Brief <morning-brief.news.example.org>' },
    };
    const readers = Array.from({ length: 12 }, (_, i) => ({
      to: `reader-${i}@example.org`,
      name: i % 2 === 0 ? `Reader ${i}` : `Zoë Ørsted ${i}`,
      url: `https://news.example.org/unsubscribe/?t=${i}.${'x'.repeat(80)}&s=a%3D=`,
    }));
    const outcomes = await Promise.all(
      readers.map((reader, i) =>
        mailer.send({
          template,
          to: reader.to,
          messageId: `<email-1.${i}@news.example.org>`,
          textValues: [reader.name, reader.url],
          htmlValues: [reader.name, reader.url.replace(/&/g, '&amp;')],
          headers: { 'List-Unsubscribe': `<${reader.url}>` },
        }),
      ),
    );
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    readers.forEach((reader, i) => {
      const received = server.received.find((m) => m.to[0] === reader.to);
      expect(received?.headers).toMatchObject({
        to: reader.to,
        'message-id': `<email-1.${i}@news.example.org>`,
        'list-unsubscribe': `<${reader.url}>`,
        'list-id': 'The Morning Brief <morning-brief.news.example.org>',
        from: 'The Morning Brief <noreply@example.org>',
      });
      expect(received?.text).toBe(`Hello ${reader.name}\r\nUnsubscribe: ${reader.url}\r\n`);
      expect(received?.html).toBe(
        `<p>Hello ${reader.name}</p><a href="${reader.url.replace(/&/g, '&amp;')}">Unsubscribe</a>`,
      );
    });
    // Composed once: every message carries the template's MIME boundary.
    const boundaries = server.received.map((m) => /boundary="([^"]+)"/.exec(m.raw)?.[1]);
    expect(new Set(boundaries).size).toBe(1);
  });

  it("keeps MAIL_FROM's own display name when the message names none", async () => {
    const { server, mailer } = await setUp();
    await mailer.send(message('reader@example.org'));
    expect(server.received[0]?.headers['from']).toBe('Masthead <noreply@example.org>');
  });

  it('defers a recipient the server answers 452 at RCPT, and fails one it answers 550', async () => {
    const { server, mailer } = await setUp({
      rcptReplies: { 'full@example.org': 452, 'gone@example.org': 550 },
    });
    const [full, gone, fine] = await Promise.all([
      mailer.send(message('full@example.org')),
      mailer.send(message('gone@example.org')),
      mailer.send(message('fine@example.org')),
    ]);
    expect(full).toMatchObject({ status: 'deferred', responseCode: 452 });
    expect(full.reply).toMatch(/^452 /);
    expect(gone).toMatchObject({ status: 'failed', responseCode: 550 });
    expect(gone.reply).toMatch(/^550 /);
    expect(fine.status).toBe('sent');
    expect(server.received.map((m) => m.to)).toEqual([['fine@example.org']]);
  });

  it('defers a 503 (bad sequence of commands: a session problem, not a verdict on the message)', async () => {
    const { mailer } = await setUp({ rcptReplies: { 'odd@example.org': 503 } });
    expect(await mailer.send(message('odd@example.org'))).toMatchObject({
      status: 'deferred',
      responseCode: 503,
    });
  });

  it('reads the answer after the data: 451 deferred, 554 failed', async () => {
    const { server, mailer } = await setUp({
      dataReplies: { 'later@example.org': 451, 'spam@example.org': 554 },
    });
    expect(await mailer.send(message('later@example.org'))).toMatchObject({
      status: 'deferred',
      responseCode: 451,
    });
    expect(await mailer.send(message('spam@example.org'))).toMatchObject({
      status: 'failed',
      responseCode: 554,
    });
    expect(server.received).toHaveLength(0);
    expect(server.transactions.map((t) => t.answer)).toEqual([451, 554]);
  });

  it('reports uncertain, and sends it only once, when the connection drops after the data and before the answer', async () => {
    const { server, mailer } = await setUp({ dropAfterData: ['maybe@example.org'] });
    const outcome = await mailer.send(message('maybe@example.org'));
    expect(outcome.status).toBe('uncertain');
    expect(outcome).not.toHaveProperty('responseCode');
    expect(server.transactions).toEqual([{ to: ['maybe@example.org'], answer: 'dropped' }]);
    // The pool carries on with a fresh connection.
    expect((await mailer.send(message('next@example.org'))).status).toBe('sent');
    expect(server.transactions.map((t) => t.to[0])).toEqual([
      'maybe@example.org',
      'next@example.org',
    ]);
  });

  it('defers, not uncertain, when the connection drops before any of the message was sent', async () => {
    const { server, mailer } = await setUp({ dropAtRcpt: ['early@example.org'] });
    const outcome = await mailer.send(message('early@example.org'));
    expect(outcome.status).toBe('deferred');
    expect(outcome).not.toHaveProperty('responseCode');
    expect(server.transactions).toEqual([]);
  });

  it('defers every message when no server is listening', async () => {
    const port = await closedPort();
    const mailer = createSmtpBulkMailer({ url: `smtp://127.0.0.1:${port}`, from, poolSize: 2 });
    opened.mailers.push(mailer);
    const outcomes = await Promise.all(
      ['a@example.org', 'b@example.org', 'c@example.org'].map((to) => mailer.send(message(to))),
    );
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('deferred');
      expect(outcome).not.toHaveProperty('responseCode');
      expect(outcome.reply).toMatch(/ECONNREFUSED|connect/i);
    }
  });

  it('sends 50 messages over a pool of 5 connections, each arriving exactly once', async () => {
    const { server, mailer } = await setUp({}, { poolSize: 5 });
    expect(mailer.poolSize).toBe(5);
    const addresses = Array.from({ length: 50 }, (_, i) => `reader-${i}@example.org`);
    const outcomes = await Promise.all(addresses.map((to) => mailer.send(message(to))));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    const arrived = server.received.map((m) => m.to.join(','));
    expect(arrived).toHaveLength(50);
    expect([...arrived].sort()).toEqual([...addresses].sort());
    expect(new Set(server.received.map((m) => m.headers['message-id'])).size).toBe(50);
    expect(server.peakConnections).toBeLessThanOrEqual(5);
    expect(server.peakConnections).toBeGreaterThan(1);
  });

  it('spreads messages out at MAIL_RATE across the whole pool', async () => {
    const { server, mailer } = await setUp({}, { poolSize: 5, ratePerSecond: 5 });
    const addresses = Array.from({ length: 10 }, (_, i) => `paced-${i}@example.org`);
    const startedAt = Date.now();
    await Promise.all(addresses.map((to) => mailer.send(message(to))));
    const arrivals = server.received.map((m) => m.receivedAt - startedAt).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(10);
    // At 5 a second the k-th message cannot start, so cannot arrive, before k × 200 ms (a few ms
    // of timer rounding allowed); without the limit a pool of 5 delivers all ten at once.
    expect(arrivals.filter((t) => t < 500).length).toBeLessThan(10);
    arrivals.forEach((arrivedAfter, k) => expect(arrivedAfter).toBeGreaterThanOrEqual(k * 200 - 5));
  });

  it('does not hold transactional mail behind a rate-limited send', async () => {
    const server = await startSmtpTestServer();
    opened.servers.push(server);
    const bulk = createSmtpBulkMailer({ url: server.url, from, poolSize: 2, ratePerSecond: 10 });
    opened.mailers.push(bulk);
    const transactional = createSmtpMailer({ url: server.url, from });
    const isBulk = (to: string[]) => to.some((a) => a.startsWith('bulk-'));

    const queue = Promise.all(
      Array.from({ length: 20 }, (_, i) => bulk.send(message(`bulk-${i}@example.org`))),
    );
    await server.waitFor(1);
    await transactional.send({
      to: 'editor@example.org',
      subject: 'Your sign-in link',
      text: 'https://news.example.org/admin/sign-in?token=abc',
    });
    const bulkArrivedBefore = server.received.filter((m) => isBulk(m.to)).length;
    expect(bulkArrivedBefore).toBeLessThan(20);

    expect((await queue).every((o) => o.status === 'sent')).toBe(true);
    const order = server.received.map((m) => m.to[0]);
    expect(order).toHaveLength(21);
    expect(order.indexOf('editor@example.org')).toBeLessThan(order.length - 1);
  });

  it('answers deferred, without sending, once closed', async () => {
    const { server, mailer } = await setUp();
    await mailer.close();
    expect(await mailer.send(message('late@example.org'))).toMatchObject({ status: 'deferred' });
    expect(server.transactions).toEqual([]);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
