import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';

/** Which role answers: the read-only replica role, or the primary's. */
const whoAnswers = async (db: Kysely<unknown>) =>
  (
    await sql<{ role: string; isReadOnly: string }>`
    select current_user as role, current_setting('transaction_read_only') as "isReadOnly"
  `.execute(db)
  ).rows[0];

describeEachDatabase('read routing', (getDb) => {
  it('sends work inside readSide.run to the replica, through awaits, timers and transactions; writes there fail', async () => {
    const { database, dialect } = getDb();
    if (dialect === 'sqlite') {
      // SQLite has no replicas: DATABASE_READ_URL is refused with it (config.test.ts).
      expect(database.readSide).toBeUndefined();
      return;
    }
    const readSide = database.readSide!;
    const db = database.db;
    expect(await whoAnswers(db)).toMatchObject({ isReadOnly: 'off' });
    const onReplica = await readSide.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const inTransaction = await db.transaction().execute((trx) => whoAnswers(trx));
      return { direct: await whoAnswers(db), inTransaction };
    });
    expect(onReplica.direct).toEqual({ role: 'masthead_read_replica', isReadOnly: 'on' });
    expect(onReplica.inTransaction).toEqual({ role: 'masthead_read_replica', isReadOnly: 'on' });

    await sql`create table routed_notes (id int primary key)`.execute(db);
    await expect(
      readSide.run(() => sql`insert into routed_notes values (1)`.execute(db)),
    ).rejects.toThrow(/read-only transaction/);
    // A write a render cannot avoid goes to the primary explicitly.
    await readSide.run(() =>
      readSide.onPrimary(() => sql`insert into routed_notes values (2)`.execute(db)),
    );
    const { rows } = await sql<{ id: number }>`select id from routed_notes`.execute(db);
    expect(rows).toEqual([{ id: 2 }]);
    // Both sides answer pings; the replica's is its own.
    expect(await database.ping()).toBe(true);
    expect(await database.pingReplica?.()).toBe(true);
    expect(database.replicaPoolStats()).toMatchObject({ max: 10 });
  });
});
