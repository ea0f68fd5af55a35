import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import type { OutboxEvent } from './event.js';
import type { EventsTables } from './events.table.js';
import { createOutboxConsumer } from './outbox-consumer.js';

describeEachDatabase('the outbox', (getDb) => {
  let ctx: TestContext;
  let db: Kysely<EventsTables>;
  let heard: OutboxEvent[][];
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    db = ctx.db as unknown as Kysely<EventsTables>;
    heard = [];
    ctx.services.events.onEvents((events) => heard.push([...events]));
  });

  const post = { slug: 'a', kind: 'article', authorIds: [], tagIds: [] };

  it('announces what a transaction recorded once, after it commits, and nothing of a rollback', async () => {
    const { events } = ctx.services;
    await events.withTransaction(db, async (trx) => {
      await events.record(trx, {
        type: 'post.published',
        subjectId: 'p1',
        payload: post,
        actor: 't',
      });
      // A second feature writing in the same transaction joins it.
      await events.withTransaction<EventsTables, unknown>(trx, (inner) =>
        events.record(inner, { type: 'tag.updated', subjectId: 't1', payload: {}, actor: 't' }),
      );
      expect(heard).toEqual([]);
    });
    expect(heard.map((batch) => batch.map((e) => e.type))).toEqual([
      ['post.published', 'tag.updated'],
    ]);

    await expect(
      events.withTransaction(db, async (trx) => {
        await events.record(trx, { type: 'tag.deleted', subjectId: 't1', payload: {}, actor: 't' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(heard).toHaveLength(1);
    expect((await events.recent()).map((e) => e.type)).not.toContain('tag.deleted');
  });

  it('refuses an event recorded in a transaction that would never announce it', async () => {
    await expect(
      db.transaction().execute((trx) =>
        ctx.services.events.record(trx, {
          type: 'media.updated',
          subjectId: 'm1',
          payload: {},
          actor: 't',
        }),
      ),
    ).rejects.toThrow(/not opened by events.withTransaction/);
  });

  it('announces a member created inside a payment transaction (it used to be recorded only)', async () => {
    await ctx.services.events.withTransaction(ctx.db, (trx) =>
      ctx.services.members.findOrCreate(
        { email: 'buyer@example.org' },
        narrow(trx).to<EventsTables>(),
      ),
    );
    expect(heard.flat().map((e) => e.type)).toEqual(['member.created']);
  });

  it('reads an old row with defaults and passes by a type it does not know', async () => {
    const at = ctx.clock.now().toISOString();
    await db
      .insertInto('outbox_events')
      .values([
        {
          id: newId(),
          type: 'post.updated',
          subject_id: 'p',
          payload: '{"slug":"old"}',
          actor: 'x',
          created_at: at,
        },
        {
          id: newId(),
          type: 'future.thing',
          subject_id: 'f',
          payload: '{}',
          actor: 'x',
          created_at: at,
        },
      ])
      .execute();
    const events = await ctx.services.events.recent();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'post.updated',
      payload: { slug: 'old', kind: 'story', authorIds: [], tagIds: [] },
    });
  });

  it('reads events from a time, a page at a time, for a reader keeping its own checkpoint', async () => {
    const record = (subjectId: string) =>
      ctx.services.events.record(db, {
        type: 'tag.updated',
        subjectId,
        payload: {},
        actor: 't',
      });
    await record('before');
    ctx.clock.advance(60_000);
    const from = ctx.clock.now().toISOString();
    const first = await record('t1');
    await record('t2');
    await record('t3');
    const page = await ctx.services.events.readFrom(from, undefined, 2);
    expect(page.events.map((e) => e.subjectId)).toEqual(['t1', 't2']);
    expect(page.isLastPage).toBe(false);
    const rest = await ctx.services.events.readFrom(from, page.lastId, 2);
    expect(rest.events.map((e) => e.subjectId)).toEqual(['t3']);
    expect(rest.isLastPage).toBe(true);
    expect((await ctx.services.events.readFrom(from, first.id)).events).toHaveLength(2);
  });

  it('gives a durable consumer each event until acknowledged, even one that commits late', async () => {
    const consumer = createOutboxConsumer({ db, clock: ctx.clock, name: 'mirror' });
    expect(await consumer.pending()).toEqual([]); // starts at the end of the log
    const record = (subjectId: string, id = newId()) =>
      db
        .insertInto('outbox_events')
        .values({
          id,
          type: 'post.published',
          subject_id: subjectId,
          payload: JSON.stringify(post),
          actor: 't',
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
    const lateId = newId(); // made first, committed last
    await record('p1');
    await record('p2');
    const first = await consumer.pending();
    expect(first.map((e) => e.subjectId)).toEqual(['p1', 'p2']);
    await consumer.acknowledge(
      first.map((e) => e.id),
      db,
    );
    await record('late', lateId);
    expect((await consumer.pending()).map((e) => e.subjectId)).toEqual(['late']);
    // Once everything is old enough, the cursor passes it all and the receipts go.
    ctx.clock.advance(10 * 60_000);
    await consumer.acknowledge([lateId], db);
    expect(await consumer.pending()).toEqual([]);
    const receipts = await db
      .selectFrom('outbox_receipts')
      .selectAll()
      .where('consumer', '=', 'mirror')
      .execute();
    expect(receipts).toEqual([]);
  });
});
