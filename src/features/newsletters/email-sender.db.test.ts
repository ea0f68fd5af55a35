import { expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  insertPost,
  recipientStates,
  setSubscription,
  suppress,
} from '../../../test/process/newsletter-fixture.js';
import { useEngineContext } from '../../../test/process/newsletter-engine-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { createMemoryBulkMailer } from '../../platform/mail/index.js';

describeEachDatabase(
  'newsletters: the delivery engine sends each recipient one message',
  (getDb) => {
    const t = useEngineContext(getDb);

    it('sends exactly one message to each of 2,000 subscribed members, with one-click headers', async () => {
      const list = await insertNewsletter(t.db, { name: 'The Daily Briefing', slug: 'daily' });
      const members = await insertMembers(t.db, 2000, { subscribeTo: list.id });
      // Not on the list: an unsubscribed member and one on another list.
      const [gone] = await insertMembers(t.db, 1, { subscribeTo: list.id });
      await setSubscription(t.db, gone!.id, list.id, 'unsubscribed');
      const other = await insertNewsletter(t.db);
      await insertMembers(t.db, 3, { subscribeTo: other.id });
      const emailId = await insertEmail(t.db, {
        newsletterId: list.id,
        postId: await insertPost(t.db),
      });

      const mailer = createMemoryBulkMailer({ poolSize: 5, delayMs: 1 });
      const sender = t.makeSender(mailer);
      const run = await sender.runSender({ workerId: 'w1' });

      expect(run).toMatchObject({ started: 1, batches: 20, handed: 2000 });
      expect(t.prepared).toBe(1);
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
      const batches = await t.db
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
      const list = await insertNewsletter(t.db);
      await insertMembers(t.db, 30, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const a = t.makeSender(createMemoryBulkMailer());
      const b = t.makeSender(createMemoryBulkMailer());
      const results = await Promise.all([a.fixRecipients(emailId), b.fixRecipients(emailId)]);
      expect(results.map((r) => r.recipientCount).sort()).toEqual([30, null]);
      expect(await a.fixRecipients(emailId)).toEqual({ recipientCount: null });
      expect(await recipientStates(t.db, emailId)).toEqual({ queued: 30 });
      expect((await a.progress(emailId)).recipientCount).toBe(30);
    });

    it('writes a long list in chunks of whole batches, each member once, batches contiguous across chunks', async () => {
      const list = await insertNewsletter(t.db);
      const members = await insertMembers(t.db, 47, { subscribeTo: list.id });
      // Off the list or suppressed, at chunk edges or not: never written.
      const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : 1));
      await setSubscription(t.db, sorted[20]!.id, list.id, 'unsubscribed');
      await suppress(t.db, sorted[21]!.email);
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      // Batches of 4, chunks of 10 → 12 members a statement (three whole batches).
      const sender = t.makeSender(createMemoryBulkMailer(), { batchSize: 4, listChunkSize: 10 });
      expect(await sender.fixRecipients(emailId)).toEqual({ recipientCount: 45 });
      const rows = await t.db
        .selectFrom('email_recipients')
        .select(['member_id', 'batch'])
        .where('email_id', '=', emailId)
        .orderBy('member_id')
        .execute();
      const expected = sorted.filter((_, i) => i !== 20 && i !== 21).map((m) => m.id);
      expect(rows.map((r) => r.member_id)).toEqual(expected);
      expect(rows.map((r) => Number(r.batch))).toEqual(expected.map((_, i) => Math.floor(i / 4)));
    });

    it('skips a member who unsubscribed, or whose address was suppressed, before their batch left', async () => {
      const list = await insertNewsletter(t.db);
      const members = await insertMembers(t.db, 6, { subscribeTo: list.id });
      // Suppressed before the send starts: never a recipient.
      await suppress(t.db, members[0]!.email.toUpperCase());
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const mailer = createMemoryBulkMailer();
      const sender = t.makeSender(mailer);
      expect(await sender.fixRecipients(emailId)).toEqual({ recipientCount: 5 });

      await setSubscription(t.db, members[1]!.id, list.id, 'unsubscribed');
      await suppress(t.db, members[2]!.email, 'complaint');
      await sender.runSender({ workerId: 'w1' });

      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        members.slice(3).map((m) => m.email),
      );
      const skipped = await t.db
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
      const list = await insertNewsletter(t.db);
      const free = await insertMembers(t.db, 2, { subscribeTo: list.id, prefix: 'a-free' });
      const paid = await insertMembers(t.db, 2, {
        subscribeTo: list.id,
        prefix: 'b-paid',
        status: 'paid',
      });
      const comped = await insertMembers(t.db, 1, {
        subscribeTo: list.id,
        prefix: 'c-comp',
        status: 'comped',
        accessUntil: '2026-06-01T00:00:00.000Z',
      });
      const lapsed = await insertMembers(t.db, 1, {
        subscribeTo: list.id,
        prefix: 'd-lapsed',
        status: 'gift',
        accessUntil: '2026-01-01T00:00:00.000Z',
      });
      const mailer = createMemoryBulkMailer();
      const sender = t.makeSender(mailer);

      const paidEmail = await insertEmail(t.db, { newsletterId: list.id, segment: 'paid' });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        [...paid, ...comped].map((m) => m.email),
      );
      expect((await sender.progress(paidEmail)).recipientCount).toBe(3);

      mailer.clear();
      const freeEmail = await insertEmail(t.db, { newsletterId: list.id, segment: 'free' });
      await sender.runSender({ workerId: 'w1' });
      expect(mailer.delivered.map((m) => m.to).sort()).toEqual(
        [...free, ...lapsed].map((m) => m.email),
      );
      expect((await sender.progress(freeEmail)).status).toBe('sent');
    });

    it('sends a paid story in full to paid access and its teaser to the others; members stories and digests in full', async () => {
      const list = await insertNewsletter(t.db);
      const free = await insertMembers(t.db, 2, { subscribeTo: list.id, prefix: 'a-free' });
      const paid = await insertMembers(t.db, 2, {
        subscribeTo: list.id,
        prefix: 'b-paid',
        status: 'paid',
      });
      const mailer = createMemoryBulkMailer();
      const sender = t.makeSender(mailer);
      const accessOf = () =>
        Object.fromEntries(mailer.delivered.map((m) => [m.to, /FULL|TEASER/.exec(m.text)?.[0]]));

      await insertEmail(t.db, { newsletterId: list.id, postId: await insertPost(t.db, 'paid') });
      await sender.runSender({ workerId: 'w1' });
      expect(accessOf()).toEqual({
        [free[0]!.email]: 'TEASER',
        [free[1]!.email]: 'TEASER',
        [paid[0]!.email]: 'FULL',
        [paid[1]!.email]: 'FULL',
      });

      for (const postId of [await insertPost(t.db, 'members'), null]) {
        mailer.clear();
        await insertEmail(t.db, { newsletterId: list.id, postId });
        await sender.runSender({ workerId: 'w1' });
        expect(Object.values(accessOf())).toEqual(['FULL', 'FULL', 'FULL', 'FULL']);
      }
    });

    it('finishes a send with nobody to send to at once', async () => {
      const list = await insertNewsletter(t.db);
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      const sender = t.makeSender(createMemoryBulkMailer());
      await sender.runSender({ workerId: 'w1' });
      expect(await sender.progress(emailId)).toMatchObject({ status: 'sent', recipientCount: 0 });
    });

    it('deleting a member purges their recipient rows', async () => {
      const list = await insertNewsletter(t.db);
      const [leaving, staying] = await insertMembers(t.db, 2, { subscribeTo: list.id });
      const emailId = await insertEmail(t.db, { newsletterId: list.id });
      await t.makeSender(createMemoryBulkMailer()).runSender({ workerId: 'w1' });
      await t.db.deleteFrom('members').where('id', '=', leaving!.id).execute();
      const rows = await t.db
        .selectFrom('email_recipients')
        .select('member_id')
        .where('email_id', '=', emailId)
        .execute();
      expect(rows).toEqual([{ member_id: staying!.id }]);
    });
  },
);
