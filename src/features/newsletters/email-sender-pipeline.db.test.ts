import { expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  recipientStates,
  setSubscription,
  testLinks,
  testRenders,
} from '../../../test/process/newsletter-fixture.js';
import { useEngineContext } from '../../../test/process/newsletter-engine-context.js';
import { countQueries } from '../../../test/helpers/query-counter.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { narrow } from '../../platform/db/index.js';
import type { BulkMailer, BulkMessage } from '../../platform/mail/bulk-mailer.js';
import { createMemoryBulkMailer, type MemoryBulkMailer } from '../../platform/mail/index.js';
import type { EmailSendTables } from './email-send.repository.js';
import { createEmailSender, sendRules, type SendRules } from './index.js';

/** A mailer that runs `before` ahead of each message, then lets `inner` answer it. */
const around = (
  inner: MemoryBulkMailer,
  before: (message: BulkMessage, call: number) => Promise<void> | void,
): BulkMailer => {
  let calls = 0;
  return {
    poolSize: inner.poolSize,
    async send(message) {
      calls += 1;
      await before(message, calls);
      return inner.send(message);
    },
    close: () => inner.close(),
  };
};

/**
 * The engine keeps its pool busy with one write per message and counts refreshed at most once a
 * second (docs/performance.md, "Newsletter sending", changes 2 and 3) without giving up a
 * guarantee: a crash leaves at most the pool's size uncertain, every answer the server gave
 * before it is recorded, and a member who unsubscribes before their batch goes is skipped.
 */
describeEachDatabase('newsletters: the delivery engine keeps its pool busy', (getDb) => {
  const t = useEngineContext(getDb);
  const makeSender = (mailer: BulkMailer, rules: Partial<SendRules> = {}, db = t.db) =>
    createEmailSender({
      db: narrow(db).to<EmailSendTables>(),
      clock: t.clock,
      mailer,
      prepare: () => Promise.resolve(testRenders()),
      links: testLinks,
      rules,
    });

  it('a crash mid-batch leaves exactly the messages at the server in hand-off, never more than the pool', async () => {
    const poolSize = 4;
    // Mid-batch, with no claim of the next batch under way: the third batch is half sent.
    const answeredBeforeCrash = 21;
    const list = await insertNewsletter(t.db);
    const members = await insertMembers(t.db, 60, { subscribeTo: list.id });
    const emailId = await insertEmail(t.db, { newsletterId: list.id });

    // The server answers 21 messages, then the process hangs with the pool full and dies.
    const atServer: string[] = [];
    let allStuck!: () => void;
    const stuck = new Promise<void>((resolve) => (allStuck = resolve));
    const crashing = around(createMemoryBulkMailer({ poolSize }), (message, call) => {
      if (call <= answeredBeforeCrash) return;
      atServer.push(message.to);
      if (atServer.length === poolSize) allStuck();
      return new Promise<never>(() => undefined);
    });
    void makeSender(crashing, { batchSize: 10 }).runSender({ workerId: 'crashed' });
    await stuck;

    // Every answer is recorded; the rows in handing are exactly the messages at the server.
    const handing = await t.db
      .selectFrom('email_recipients')
      .select('address')
      .where('email_id', '=', emailId)
      .where('state', '=', 'handing')
      .execute();
    expect(handing.map((r) => r.address).sort()).toEqual([...atServer].sort());
    const states = await recipientStates(t.db, emailId);
    expect(states).toMatchObject({ sent: answeredBeforeCrash, handing: poolSize });
    // Claimed ahead: the batch being sent and at most the next one.
    expect(states.claimed ?? 0).toBeLessThanOrEqual(2 * 10 - poolSize);

    // After the lease, another process finishes: those four are uncertain, the rest sent once.
    t.clock.advance(sendRules.leaseMs + 1);
    const mailer = createMemoryBulkMailer({ poolSize });
    await makeSender(mailer, { batchSize: 10 }).runSender({ workerId: 'survivor' });
    expect(await recipientStates(t.db, emailId)).toEqual({
      sent: members.length - poolSize,
      uncertain: poolSize,
    });
    const resent = mailer.delivered.map((m) => m.to);
    expect(resent.filter((to) => atServer.includes(to))).toEqual([]);
    expect(new Set(resent).size).toBe(resent.length);
    expect(resent).toHaveLength(members.length - poolSize - answeredBeforeCrash);
  });

  it('stores each message with one write, the answer riding with the next hand-off', async () => {
    const list = await insertNewsletter(t.db);
    await insertMembers(t.db, 1000, { subscribeTo: list.id });
    const emailId = await insertEmail(t.db, { newsletterId: list.id });
    const { db, counter } = countQueries(t.db);
    const sender = makeSender(createMemoryBulkMailer({ poolSize: 5 }), {}, db);
    await sender.fixRecipients(emailId);
    counter.count = 0;
    await sender.runSender({ workerId: 'w1' });
    expect(await sender.progress(emailId)).toMatchObject({ status: 'sent', sentCount: 1000 });
    // Two writes a message before; now one, plus claims, skips and counts per batch.
    expect(counter.count).toBeLessThan(1100);
  });

  it('refreshes the counts at most once a second while sending, and exactly at the end', async () => {
    const list = await insertNewsletter(t.db);
    await insertMembers(t.db, 1000, { subscribeTo: list.id });
    const emailId = await insertEmail(t.db, { newsletterId: list.id });
    // Each message takes 5 ms of (fake) time: 5 s for the send, a batch of 50 every 250 ms.
    const seen = new Map<string, number>();
    const mailer = around(createMemoryBulkMailer({ poolSize: 5 }), async () => {
      t.clock.advance(5);
      const email = await t.db
        .selectFrom('emails')
        .select(['updated_at', 'sent_count'])
        .where('id', '=', emailId)
        .executeTakeFirstOrThrow();
      seen.set(email.updated_at, email.sent_count);
    });
    const sender = makeSender(mailer, { batchSize: 50 });
    await sender.fixRecipients(emailId);
    await sender.runSender({ workerId: 'w1' });

    const refreshedAt = [...seen.keys()].map((at) => Date.parse(at)).sort((a, b) => a - b);
    const gaps = refreshedAt.slice(1).map((at, i) => at - refreshedAt[i]!);
    expect(
      gaps.every((gap) => gap >= 1000),
      `gaps ${gaps.join(', ')}`,
    ).toBe(true);
    // Progress still moves while it sends (not only at the end).
    expect(refreshedAt.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen.values()).size).toBeGreaterThanOrEqual(4);
    expect(await sender.progress(emailId)).toMatchObject({
      status: 'sent',
      recipientCount: 1000,
      sentCount: 1000,
      finishedAt: '2026-01-15T09:00:05.000Z',
    });
  });

  it('skips a member who unsubscribes while the batches before theirs are going', async () => {
    const list = await insertNewsletter(t.db);
    const members = await insertMembers(t.db, 40, { subscribeTo: list.id });
    const emailId = await insertEmail(t.db, { newsletterId: list.id });
    const leaving = members[35]!;
    const inner = createMemoryBulkMailer({ poolSize: 2 });
    const mailer = around(inner, async (_message, call) => {
      if (call === 1) await setSubscription(t.db, leaving.id, list.id, 'unsubscribed');
    });
    await makeSender(mailer, { batchSize: 10 }).runSender({ workerId: 'w1' });
    expect(inner.deliveredTo(leaving.email)).toEqual([]);
    expect(inner.delivered).toHaveLength(39);
    expect(await recipientStates(t.db, emailId)).toEqual({ sent: 39, skipped: 1 });
  });
});
