import { describe, expect, it } from 'vitest';
import { createMemoryBulkMailer } from './memory-bulk-mailer.js';

describe('memory bulk mailer', () => {
  const template = { subject: 's', text: ['t'], html: ['h'], headers: {} };
  const message = (to: string) => ({
    template,
    to,
    messageId: `<${to}>`,
    textValues: [],
    htmlValues: [],
    headers: {},
  });

  it('answers as scripted per address, then sends', async () => {
    const mailer = createMemoryBulkMailer({ poolSize: 2 });
    mailer.script('Slow@Example.test', { deferred: 2 });
    mailer.script('gone@example.test', { failed: true });
    mailer.script('maybe@example.test', { uncertain: true });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await mailer.send(message('slow@example.test'))).status);
    expect(statuses).toEqual(['deferred', 'deferred', 'sent']);
    expect((await mailer.send(message('gone@example.test'))).status).toBe('failed');
    expect((await mailer.send(message('maybe@example.test'))).status).toBe('uncertain');
    expect(mailer.delivered.map((m) => m.to)).toEqual(['slow@example.test', 'maybe@example.test']);
    expect(mailer.attempts).toHaveLength(5);
  });

  it('counts messages in flight at once', async () => {
    const mailer = createMemoryBulkMailer({ poolSize: 3, delayMs: 5 });
    await Promise.all(['a', 'b', 'c'].map((to) => mailer.send(message(`${to}@example.test`))));
    expect(mailer.inFlight).toEqual({ now: 0, peak: 3 });
  });
});
