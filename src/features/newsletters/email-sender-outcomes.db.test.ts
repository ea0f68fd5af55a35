import { expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  recipientStates,
} from '../../../test/process/newsletter-fixture.js';
import { useEngineContext } from '../../../test/process/newsletter-engine-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { createMemoryBulkMailer } from '../../platform/mail/index.js';

describeEachDatabase(
  'newsletters: the delivery engine records each server answer once',
  (getDb) => {
    const t = useEngineContext(getDb);

    it('tries a deferred (4xx) recipient again after its backoff, and gives up after the last attempt', async () => {
      const list = await insertNewsletter(t.db);
      const [slow, hopeless, fine] = await insertMembers(t.db, 3, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      mailer.script(slow!.email, { deferred: 2 });
      mailer.script(hopeless!.email, { deferred: 99 });
      const sender = t.makeSender(mailer, { maxAttempts: 5 });

      await sender.runSender({ workerId: 'w1' });
      expect(mailer.deliveredTo(fine!.email)).toHaveLength(1);
      const slowRow = () =>
        t.db
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
      t.clock.advance(30_000);
      expect((await sender.runSender({ workerId: 'w1' })).handed).toBe(0);
      t.clock.advance(30_000);
      await sender.runSender({ workerId: 'w1' });
      expect(await slowRow()).toMatchObject({ attempts: 2, retry_at: '2026-01-15T09:03:00.000Z' });
      t.clock.advance(120_000);
      await sender.runSender({ workerId: 'w1' });
      expect(await slowRow()).toMatchObject({ state: 'sent' });
      expect(mailer.deliveredTo(slow!.email)).toHaveLength(1);

      for (let i = 0; i < 5; i++) {
        t.clock.advance(3600_000);
        await sender.runSender({ workerId: 'w1' });
      }
      const attemptsAtHopeless = mailer.attempts.filter((a) => a.message.to === hopeless!.email);
      expect(attemptsAtHopeless).toHaveLength(5);
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'sent',
        sentCount: 2,
        failedCount: 1,
      });
      const gaveUp = await t.db
        .selectFrom('email_recipients')
        .select('reply')
        .where('member_id', '=', hopeless!.id)
        .executeTakeFirstOrThrow();
      expect(gaveUp.reply).toBe('451 4.3.0 Try again later (gave up after 5 attempts)');
    });

    it('records a 5xx as failed with the reply; an email whose every recipient failed has failed', async () => {
      const list = await insertNewsletter(t.db);
      const members = await insertMembers(t.db, 2, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      for (const m of members) mailer.script(m.email, { failed: true });
      const sender = t.makeSender(mailer);
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'failed',
        sentCount: 0,
        failedCount: 2,
      });
      const replies = await t.db
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
      const list = await insertNewsletter(t.db);
      const [maybe, failed, fine] = await insertMembers(t.db, 3, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      mailer.script(maybe!.email, { uncertain: true });
      mailer.script(failed!.email, { failed: true });
      const sender = t.makeSender(mailer);
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({
        status: 'sent',
        sentCount: 1,
        failedCount: 1,
        uncertainCount: 1,
      });

      // Another run, even after every lease is long over, leaves it alone.
      t.clock.advance(24 * 3600_000);
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
      const list = await insertNewsletter(t.db);
      await insertMembers(t.db, 250, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      const sender = t.makeSender(mailer);
      await sender.fixRecipients(emailId);
      // One batch leaves, then the editor cancels.
      const batch = await sender.claimBatch('w1', t.clock.now());
      await sender.sendBatch('w1', batch!);
      expect(await sender.cancel(emailId)).toMatchObject({
        status: 'cancelled',
        sentCount: 100,
        recipientCount: 250,
      });
      expect(await recipientStates(t.db, emailId)).toEqual({ sent: 100, skipped: 150 });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered).toHaveLength(100);

      // A pending email is cancelled before it starts.
      const pending = await insertEmail(t.db, { newsletterId: list.id });
      expect((await sender.cancel(pending)).status).toBe('cancelled');
      await sender.runSender({ workerId: 'w1' });
      expect(t.prepared).toBe(1);
      expect(mailer.delivered).toHaveLength(100);
    });
  },
);
