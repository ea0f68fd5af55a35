import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  insertPost,
  recipientStates,
  setSubscription,
  suppress,
  testLinks,
  testRenders,
} from '../../../test/process/newsletter-fixture.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import type { AppTables } from '../../runtime/app-database.js';
import { FakeClock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { createMemoryBulkMailer, type MemoryBulkMailer } from '../../platform/mail/index.js';
import type { EmailSendTables } from './email-send.repository.js';
import { createEmailSender, type SendRules } from './index.js';

describeEachDatabase(
  'newsletters: the delivery engine sends each recipient one message',
  (getDb) => {
    let db: Kysely<AppTables>;
    let clock: FakeClock;
    let prepared: number;
    const makeSender = (mailer: MemoryBulkMailer, rules: Partial<SendRules> = {}) =>
      createEmailSender({
        db: narrow(db).to<EmailSendTables>(),
        clock,
        mailer,
        prepare: () => {
          prepared += 1;
          return Promise.resolve(testRenders());
        },
        links: testLinks,
        rules,
      });

    beforeEach(async () => {
      await getDb().truncate();
      db = getDb().database.db as Kysely<AppTables>;
      clock = new FakeClock('2026-01-15T09:00:00.000Z');
      prepared = 0;
    });

    it('sends exactly one message to each of 2,000 subscribed members, with one-click headers', async () => {
      const list = await insertNewsletter(db, { name: 'The Daily Briefing', slug: 'daily' });
      const members = await insertMembers(db, 2000, { subscribeTo: list.id });
      // Not on the list: an unsubscribed member and one on another list.
      const [gone] = await insertMembers(db, 1, { subscribeTo: list.id });
      await setSubscription(db, gone!.id, list.id, 'unsubscribed');
      const other = await insertNewsletter(db);
      await insertMembers(db, 3, { subscribeTo: other.id });
      const emailId = await insertEmail(db, {
        newsletterId: list.id,
        postId: await insertPost(db),
      });

      const mailer = createMemoryBulkMailer({ poolSize: 5, delayMs: 1 });
      const sender = makeSender(mailer);
      const run = await sender.runSender({ workerId: 'w1' });

      expect(run).toMatchObject({ started: 1, batches: 20, handed: 2000 });
      expect(prepared).toBe(1);
      expect(mailer.delivered).toHaveLength(2000);
      const addresses = mailer.delivered.map((m) => m.to);
      expect(new Set(addresses).size).toBe(2000);
      expect(new Set(addresses)).toEqual(new Set(members.map((m) => m.email)));
      expect(mailer.inFlight.peak).toBeLessThanOrEqual(5);
      expect(mailer.inFlight.peak).toBeGreaterThan(1);

      const first = members[0]!;
      const message = mailer.deliveredTo(first.email)[0]!;
      expect(message).toMatchObject({
        subject: 'A story',
        fromName: 'The Newsroom',
        replyTo: 'letters@example.org',
        messageId: `<${emailId}.${first.id}@news.example.org>`,
        headers: {
          'List-Unsubscribe': `<https://news.example.org/unsubscribe/?t=${list.id}.${first.id}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe-${list.id}.${first.id}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `The Daily Briefing <daily.list-id.news.example.org>`,
        },
      });
      expect(message.html).toContain(`Hello ${first.name}`);
      expect(message.html).toContain(
        `href="https://news.example.org/unsubscribe/?t=${list.id}.${first.id}"`,
      );
      expect(message.text).toContain('FULL');

      expect(await sender.progress(emailId)).toEqual({
        id: emailId,
        newsletterId: list.id,
        status: 'sent',
        recipientCount: 2000,
        sentCount: 2000,
        failedCount: 0,
        uncertainCount: 0,
        startedAt: '2026-01-15T09:00:00.000Z',
        finishedAt: '2026-01-15T09:00:00.000Z',
      });
      // Batches are contiguous in member order.
      const batches = await db
        .selectFrom('email_recipients')
        .select(['member_id', 'batch'])
        .where('email_id', '=', emailId)
        .orderBy('member_id')
        .execute();
      expect(batches[0]!.batch).toBe(0);
      expect(batches[99]!.batch).toBe(0);
      expect(batches[100]!.batch).toBe(1);
      expect(batches[1999]!.batch).toBe(19);

      // A second run finds nothing to do and sends nothing.
      expect(await sender.runSender({ workerId: 'w2' })).toMatchObject({ batches: 0, handed: 0 });
      expect(mailer.delivered).toHaveLength(2000);
    });

    it('fixes the recipient list once, however many times (and processes) start the send', async () => {
      const list = await insertNewsletter(db);
      await insertMembers(db, 30, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const a = makeSender(createMemoryBulkMailer());
      const b = makeSender(createMemoryBulkMailer());
      const results = await Promise.all([a.fixRecipients(emailId), b.fixRecipients(emailId)]);
      expect(results.map((r) => r.recipientCount).sort()).toEqual([30, null]);
      expect(await a.fixRecipients(emailId)).toEqual({ recipientCount: null });
      expect(await recipientStates(db, emailId)).toEqual({ queued: 30 });
      expect((await a.progress(emailId)).recipientCount).toBe(30);
    });

    it('skips a member who unsubscribed, or whose address was suppressed, before their batch left', async () => {
      const list = await insertNewsletter(db);
      const members = await insertMembers(db, 6, { subscribeTo: list.id });
      // Suppressed before the send starts: never a recipient.
      await suppress(db, members[0]!.email.toUpperCase());
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      const sender = makeSender(mailer);
      expect(await sender.fixRecipients(emailId)).toEqual({ recipientCount: 5 });

      await setSubscription(db, members[1]!.id, list.id, 'unsubscribed');
      await suppress(db, members[2]!.email, 'complaint');
      await sender.runSender({ workerId: 'w1' });

      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        members.slice(3).map((m) => m.email),
      );
      const skipped = await db
        .selectFrom('email_recipients')
        .select(['member_id', 'state', 'reply'])
        .where('email_id', '=', emailId)
        .where('state', '=', 'skipped')
        .orderBy('member_id')
        .execute();
      expect(skipped).toEqual([
        { member_id: members[1]!.id, state: 'skipped', reply: 'unsubscribed' },
        { member_id: members[2]!.id, state: 'skipped', reply: 'suppressed: complaint' },
      ]);
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'sent',
        recipientCount: 5,
        sentCount: 3,
      });
    });

    it('sends a paid segment to paid access now and a free segment to everyone else', async () => {
      const list = await insertNewsletter(db);
      const free = await insertMembers(db, 2, { subscribeTo: list.id, prefix: 'a-free' });
      const paid = await insertMembers(db, 2, {
        subscribeTo: list.id,
        prefix: 'b-paid',
        status: 'paid',
      });
      const comped = await insertMembers(db, 1, {
        subscribeTo: list.id,
        prefix: 'c-comp',
        status: 'comped',
        accessUntil: '2026-06-01T00:00:00.000Z',
      });
      const lapsed = await insertMembers(db, 1, {
        subscribeTo: list.id,
        prefix: 'd-lapsed',
        status: 'gift',
        accessUntil: '2026-01-01T00:00:00.000Z',
      });
      const mailer = createMemoryBulkMailer();
      const sender = makeSender(mailer);

      const paidEmail = await insertEmail(db, { newsletterId: list.id, segment: 'paid' });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        [...paid, ...comped].map((m) => m.email),
      );
      expect((await sender.progress(paidEmail)).recipientCount).toBe(3);

      mailer.clear();
      const freeEmail = await insertEmail(db, { newsletterId: list.id, segment: 'free' });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        [...free, ...lapsed].map((m) => m.email),
      );
      expect((await sender.progress(freeEmail)).status).toBe('sent');
    });

    it('sends a paid story in full to paid access and its teaser to the others; members stories and digests in full', async () => {
      const list = await insertNewsletter(db);
      const free = await insertMembers(db, 2, { subscribeTo: list.id, prefix: 'a-free' });
      const paid = await insertMembers(db, 2, {
        subscribeTo: list.id,
        prefix: 'b-paid',
        status: 'paid',
      });
      const mailer = createMemoryBulkMailer();
      const sender = makeSender(mailer);
      const accessOf = () =>
        Object.fromEntries(mailer.delivered.map((m) => [m.to, /FULL|TEASER/.exec(m.text)?.[0]]));

      await insertEmail(db, { newsletterId: list.id, postId: await insertPost(db, 'paid') });
      await sender.runSender({ workerId: 'w1' });
      expect(accessOf()).toEqual({
        [free[0]!.email]: 'TEASER',
        [free[1]!.email]: 'TEASER',
        [paid[0]!.email]: 'FULL',
        [paid[1]!.email]: 'FULL',
      });

      for (const postId of [await insertPost(db, 'members'), null]) {
        mailer.clear();
        await insertEmail(db, { newsletterId: list.id, postId });
        await sender.runSender({ workerId: 'w1' });
        expect(Object.values(accessOf())).toEqual(['FULL', 'FULL', 'FULL', 'FULL']);
      }
    });

    it('tries a deferred (4xx) recipient again after its backoff, and gives up after the last attempt', async () => {
      const list = await insertNewsletter(db);
      const [slow, hopeless, fine] = await insertMembers(db, 3, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      mailer.script(slow!.email, { deferred: 2 });
      mailer.script(hopeless!.email, { deferred: 99 });
      const sender = makeSender(mailer, { maxAttempts: 5 });

      await sender.runSender({ workerId: 'w1' });
      expect(mailer.deliveredTo(fine!.email)).toHaveLength(1);
      const slowRow = () =>
        db
          .selectFrom('email_recipients')
          .select(['state', 'attempts', 'retry_at', 'reply'])
          .where('email_id', '=', emailId)
          .where('member_id', '=', slow!.id)
          .executeTakeFirstOrThrow();
      expect(await slowRow()).toEqual({
        state: 'queued',
        attempts: 1,
        retry_at: '2026-01-15T09:01:00.000Z',
        reply: '451 4.3.0 Try again later',
      });
      expect((await sender.progress(emailId)).status).toBe('sending');

      // Not before its time.
      clock.advance(30_000);
      expect((await sender.runSender({ workerId: 'w1' })).handed).toBe(0);
      clock.advance(30_000);
      await sender.runSender({ workerId: 'w1' });
      expect(await slowRow()).toMatchObject({ attempts: 2, retry_at: '2026-01-15T09:03:00.000Z' });
      clock.advance(120_000);
      await sender.runSender({ workerId: 'w1' });
      expect(await slowRow()).toMatchObject({ state: 'sent' });
      expect(mailer.deliveredTo(slow!.email)).toHaveLength(1);

      for (let i = 0; i < 5; i++) {
        clock.advance(3600_000);
        await sender.runSender({ workerId: 'w1' });
      }
      const attemptsAtHopeless = mailer.attempts.filter((a) => a.message.to === hopeless!.email);
      expect(attemptsAtHopeless).toHaveLength(5);
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'sent',
        sentCount: 2,
        failedCount: 1,
      });
      const gaveUp = await db
        .selectFrom('email_recipients')
        .select('reply')
        .where('member_id', '=', hopeless!.id)
        .executeTakeFirstOrThrow();
      expect(gaveUp.reply).toBe('451 4.3.0 Try again later (gave up after 5 attempts)');
    });

    it('records a 5xx as failed with the reply; an email whose every recipient failed has failed', async () => {
      const list = await insertNewsletter(db);
      const members = await insertMembers(db, 2, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      for (const m of members) mailer.script(m.email, { failed: true });
      const sender = makeSender(mailer);
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'failed',
        sentCount: 0,
        failedCount: 2,
      });
      const replies = await db
        .selectFrom('email_recipients')
        .select('reply')
        .where('email_id', '=', emailId)
        .execute();
      expect(replies.map((r) => r.reply)).toEqual([
        '550 5.1.1 Mailbox does not exist',
        '550 5.1.1 Mailbox does not exist',
      ]);

      // Retry sends to the failed ones only; now the server takes them.
      mailer.clear();
      expect(await sender.retry(emailId, { includeUncertain: false })).toMatchObject({
        status: 'sending',
        requeued: 2,
      });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered).toHaveLength(2);
      expect(await sender.progress(emailId)).toMatchObject({ status: 'sent', sentCount: 2 });
    });

    it('never resends an uncertain recipient by itself; a retry that includes uncertain ones does', async () => {
      const list = await insertNewsletter(db);
      const [maybe, failed, fine] = await insertMembers(db, 3, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      mailer.script(maybe!.email, { uncertain: true });
      mailer.script(failed!.email, { failed: true });
      const sender = makeSender(mailer);
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'sent',
        sentCount: 1,
        failedCount: 1,
        uncertainCount: 1,
      });

      // Another run, even after every lease is long over, leaves it alone.
      clock.advance(24 * 3600_000);
      expect(await sender.runSender({ workerId: 'w2' })).toMatchObject({ handed: 0 });
      expect(mailer.attempts.filter((a) => a.message.to === maybe!.email)).toHaveLength(1);

      // A retry without includeUncertain resends only the failed one (the server takes it now).
      mailer.clear();
      await sender.retry(emailId, { includeUncertain: false });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.attempts.map((a) => a.message.to)).toEqual([failed!.email]);
      expect((await sender.progress(emailId)).uncertainCount).toBe(1);

      mailer.clear();
      expect(await sender.retry(emailId, { includeUncertain: true })).toMatchObject({
        status: 'sending',
        requeued: 1,
      });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.attempts.map((a) => a.message.to)).toEqual([maybe!.email]);
      expect(mailer.deliveredTo(fine!.email)).toHaveLength(0);
      expect(await sender.progress(emailId)).toMatchObject({ sentCount: 3, uncertainCount: 0 });
    });

    it('cancels what has not left: queued recipients are skipped and the email is cancelled', async () => {
      const list = await insertNewsletter(db);
      await insertMembers(db, 250, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      const sender = makeSender(mailer);
      await sender.fixRecipients(emailId);
      // One batch leaves, then the editor cancels.
      const batch = await sender.claimBatch('w1', clock.now());
      await sender.sendBatch('w1', batch!);
      expect(await sender.cancel(emailId)).toMatchObject({
        status: 'cancelled',
        sentCount: 100,
        recipientCount: 250,
      });
      expect(await recipientStates(db, emailId)).toEqual({ sent: 100, skipped: 150 });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered).toHaveLength(100);

      // A pending email is cancelled before it starts.
      const pending = await insertEmail(db, { newsletterId: list.id });
      expect((await sender.cancel(pending)).status).toBe('cancelled');
      await sender.runSender({ workerId: 'w1' });
      expect(prepared).toBe(1);
      expect(mailer.delivered).toHaveLength(100);
    });

    it('finishes a send with nobody to send to at once', async () => {
      const list = await insertNewsletter(db);
      const emailId = await insertEmail(db, { newsletterId: list.id });
      const sender = makeSender(createMemoryBulkMailer());
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({ status: 'sent', recipientCount: 0 });
    });

    it('deleting a member purges their recipient rows', async () => {
      const list = await insertNewsletter(db);
      const [leaving, staying] = await insertMembers(db, 2, { subscribeTo: list.id });
      const emailId = await insertEmail(db, { newsletterId: list.id });
      await makeSender(createMemoryBulkMailer()).runSender({ workerId: 'w1' });
      await db.deleteFrom('members').where('id', '=', leaving!.id).execute();
      const rows = await db
        .selectFrom('email_recipients')
        .select('member_id')
        .where('email_id', '=', emailId)
        .execute();
      expect(rows).toEqual([{ member_id: staying!.id }]);
    });
  },
);
