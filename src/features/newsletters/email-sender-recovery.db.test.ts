import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  recipientStates,
  testLinks,
  testRenders,
} from '../../../test/process/newsletter-fixture.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import type { AppTables } from '../../runtime/app-database.js';
import { FakeClock } from '../../platform/clock.js';
import { narrow, openDatabase, type Database } from '../../platform/db/index.js';
import { createMemoryBulkMailer, type MemoryBulkMailer } from '../../platform/mail/index.js';
import { createEmailSendRepository, type EmailSendTables } from './email-send.repository.js';
import { createEmailSender, type SendRules } from './index.js';

/**
 * Several senders, crashes and leases: on PostgreSQL each sender has its own pool, as separate
 * processes would; on SQLite they share this process's one connection (see openHandle).
 */
describeEachDatabase('newsletters: concurrent senders, crashes and leases', (getDb) => {
  let db: Kysely<AppTables>;
  let clock: FakeClock;
  const handles: Database[] = [];
  const leaseMs = 60_000;

  const openHandle = (): Kysely<EmailSendTables> => {
    // better-sqlite3 is synchronous: a second connection in this process waiting on the first's
    // lock would block the thread the first needs to commit. On SQLite the senders share the
    // suite's handle (one connection, transactions in turn); the process tests run them as
    // separate processes on one file.
    if (getDb().dialect === 'sqlite') return narrow(db).to<EmailSendTables>();
    const handle = openDatabase(getDb().target);
    handles.push(handle);
    return narrow(handle.db as Kysely<AppTables>).to<EmailSendTables>();
  };
  const makeSender = (
    mailer: MemoryBulkMailer,
    options: { db?: Kysely<EmailSendTables>; rules?: Partial<SendRules> } = {},
  ) =>
    createEmailSender({
      db: options.db ?? narrow(db).to<EmailSendTables>(),
      clock,
      mailer,
      prepare: () => Promise.resolve(testRenders()),
      links: testLinks,
      rules: { leaseMs, ...options.rules },
    });

  beforeEach(async () => {
    await getDb().truncate();
    db = getDb().database.db as Kysely<AppTables>;
    clock = new FakeClock('2026-01-15T09:00:00.000Z');
  });
  afterEach(async () => {
    for (const handle of handles.splice(0)) await handle.close();
  });

  it('never gives one row to two concurrent claimers', async () => {
    const list = await insertNewsletter(db);
    await insertMembers(db, 1000, { subscribeTo: list.id });
    const emailId = await insertEmail(db, { newsletterId: list.id });
    await makeSender(createMemoryBulkMailer()).fixRecipients(emailId);

    const senders = [0, 1, 2, 3].map(() =>
      makeSender(createMemoryBulkMailer(), { db: openHandle() }),
    );
    const claimed: string[] = [];
    let round = 0;
    for (;;) {
      const batches = await Promise.all(
        senders.flatMap((sender, i) =>
          [0, 1, 2].map((j) => sender.claimBatch(`w${round}-${i}-${j}`, clock.now())),
        ),
      );
      round += 1;
      const found = batches.filter((b) => b !== null);
      for (const batch of found) claimed.push(...batch.recipients.map((r) => r.memberId));
      if (found.length === 0) break;
    }
    expect(claimed).toHaveLength(1000);
    expect(new Set(claimed).size).toBe(1000);
    expect(await recipientStates(db, emailId)).toEqual({ claimed: 1000 });
  });

  it('two senders running at once on one email give each member exactly one message', async () => {
    const list = await insertNewsletter(db);
    const members = await insertMembers(db, 600, { subscribeTo: list.id });
    const emailId = await insertEmail(db, { newsletterId: list.id });
    const mailers = [
      createMemoryBulkMailer({ delayMs: 1 }),
      createMemoryBulkMailer({ delayMs: 1 }),
    ];
    const [a, b] = mailers.map((mailer) =>
      makeSender(mailer, { db: openHandle(), rules: { batchSize: 25 } }),
    );
    const runs = await Promise.all([
      a!.runSender({ workerId: 'process-a' }),
      b!.runSender({ workerId: 'process-b' }),
    ]);

    const delivered = mailers.flatMap((m) => m.delivered.map((message) => message.to));
    expect(delivered).toHaveLength(600);
    expect(new Set(delivered)).toEqual(new Set(members.map((m) => m.email)));
    // Both took part (the send was shared, not run twice or by one alone).
    expect(runs[0]!.handed + runs[1]!.handed).toBe(600);
    expect(runs[0]!.handed).toBeGreaterThan(0);
    expect(runs[1]!.handed).toBeGreaterThan(0);
    expect(await a!.progress(emailId)).toMatchObject({ status: 'sent', sentCount: 600 });
  });

  it('after a crash: rows in hand-off become uncertain and are never resent; rows only claimed are sent once', async () => {
    const list = await insertNewsletter(db);
    const members = await insertMembers(db, 250, { subscribeTo: list.id });
    const emailId = await insertEmail(db, { newsletterId: list.id });
    const crashed = makeSender(createMemoryBulkMailer(), { db: openHandle() });
    await crashed.fixRecipients(emailId);

    // The crashed process claimed the first batch and had three messages at the server.
    const batch = await crashed.claimBatch('crashed', clock.now());
    expect(batch?.recipients).toHaveLength(100);
    const repository = createEmailSendRepository(narrow(db).to<EmailSendTables>());
    const inFlight = batch!.recipients.slice(0, 3);
    for (const r of inFlight)
      expect(
        await repository.markHanding({
          emailId,
          memberId: r.memberId,
          workerId: 'crashed',
          now: clock.now().toISOString(),
          leaseUntil: new Date(clock.now().getTime() + leaseMs).toISOString(),
        }),
      ).toBe(true);

    // Before the lease ends, another process sends the other batches and leaves these alone.
    const mailer = createMemoryBulkMailer();
    const survivor = makeSender(mailer);
    await survivor.runSender({ workerId: 'survivor' });
    expect(mailer.delivered).toHaveLength(150);
    expect(await recipientStates(db, emailId)).toEqual({ sent: 150, claimed: 97, handing: 3 });
    expect((await survivor.progress(emailId)).status).toBe('sending');

    // After it, the claimed rows go back to the queue and are sent; the handed ones are uncertain.
    clock.advance(leaseMs + 1);
    await survivor.runSender({ workerId: 'survivor' });
    expect(mailer.delivered).toHaveLength(247);
    expect(new Set(mailer.delivered.map((m) => m.to)).size).toBe(247);
    const uncertain = new Set(inFlight.map((r) => r.address));
    expect(mailer.delivered.filter((m) => uncertain.has(m.to))).toEqual([]);
    expect(new Set([...mailer.delivered.map((m) => m.to), ...uncertain])).toEqual(
      new Set(members.map((m) => m.email)),
    );
    expect(await survivor.progress(emailId)).toMatchObject({
      status: 'sent',
      recipientCount: 250,
      sentCount: 247,
      uncertainCount: 3,
    });

    // Later runs still leave them alone.
    clock.advance(3600_000);
    await survivor.runSender({ workerId: 'survivor-2' });
    expect(mailer.delivered).toHaveLength(247);
  });

  it('a sender whose lease was taken over sends none of the rows it lost', async () => {
    const list = await insertNewsletter(db);
    await insertMembers(db, 40, { subscribeTo: list.id });
    const emailId = await insertEmail(db, { newsletterId: list.id });
    const slowMailer = createMemoryBulkMailer();
    const slow = makeSender(slowMailer, { db: openHandle() });
    await slow.fixRecipients(emailId);
    const batch = await slow.claimBatch('slow', clock.now());

    // The slow sender stalls past its lease; another takes the batch over and sends it.
    clock.advance(leaseMs + 1);
    const mailer = createMemoryBulkMailer();
    await makeSender(mailer).runSender({ workerId: 'fast' });
    expect(mailer.delivered).toHaveLength(40);

    // The slow one wakes up with its old claim: every claimed → handing step fails.
    expect(await slow.sendBatch('slow', batch!)).toBe(0);
    expect(slowMailer.attempts).toHaveLength(0);
    expect(await recipientStates(db, emailId)).toEqual({ sent: 40 });
  });

  it('a cancel reaches rows another sender has claimed but not yet handed over', async () => {
    const list = await insertNewsletter(db);
    await insertMembers(db, 30, { subscribeTo: list.id });
    const emailId = await insertEmail(db, { newsletterId: list.id });
    const mailer = createMemoryBulkMailer();
    const sender = makeSender(mailer);
    await sender.fixRecipients(emailId);
    const batch = await sender.claimBatch('w1', clock.now());
    expect(await sender.cancel(emailId)).toMatchObject({ status: 'cancelled' });
    expect(await sender.sendBatch('w1', batch!)).toBe(0);
    expect(mailer.attempts).toHaveLength(0);
    expect(await recipientStates(db, emailId)).toEqual({ skipped: 30 });
  });
});
