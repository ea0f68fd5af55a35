import { describe, expect, it } from 'vitest';
import type { BulkMailer, BulkMessage, BulkOutcome } from '../mail/bulk-mailer.js';
import { countedBulkMailer } from './counted-bulk-mailer.js';
import { createPromMetrics } from './prom-metrics.js';

const message: BulkMessage = {
  template: { subject: 'Morning briefing', text: ['Hello'], html: ['<p>Hello</p>'], headers: {} },
  to: 'reader@example.org',
  messageId: '<1@example.org>',
  textValues: [],
  htmlValues: [],
  headers: {},
};

/** A mail server that answers from a script, one answer per message. */
function scriptedMailer(answers: Array<BulkOutcome | Error>): BulkMailer {
  return {
    poolSize: 3,
    send: () => {
      const next = answers.shift();
      if (next instanceof Error) return Promise.reject(next);
      if (!next) return Promise.reject(new Error('no more answers'));
      return Promise.resolve(next);
    },
    close: async () => {},
  };
}

describe('countedBulkMailer', () => {
  it('counts every message by the outcome the sender records, a throw as uncertain', async () => {
    const metrics = createPromMetrics({ collectDefaults: false });
    const mailer = countedBulkMailer(
      scriptedMailer([
        { status: 'sent', reply: '250 ok' },
        { status: 'sent', reply: '250 ok' },
        { status: 'deferred', reply: '451 try later' },
        { status: 'failed', reply: '550 no such user', isRecipientRefused: true },
        new Error('socket hang up'),
      ]),
      metrics,
    );
    expect(mailer.poolSize).toBe(3);
    expect((await mailer.send(message)).status).toBe('sent');
    await mailer.send(message);
    await mailer.send(message);
    await mailer.send(message);
    await expect(mailer.send(message)).rejects.toThrow('socket hang up');
    const text = (await metrics.scrape()).body;
    expect(text).toContain('masthead_newsletter_messages_total{outcome="sent"} 2');
    expect(text).toContain('masthead_newsletter_messages_total{outcome="deferred"} 1');
    expect(text).toContain('masthead_newsletter_messages_total{outcome="failed"} 1');
    expect(text).toContain('masthead_newsletter_messages_total{outcome="uncertain"} 1');
  });
});
