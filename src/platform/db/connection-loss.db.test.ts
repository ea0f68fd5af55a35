import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../../test/helpers/tcp-proxy.js';
import { isDatabaseUnavailable, openDatabase, type Database } from './index.js';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * PostgreSQL dropping every connection while requests hold some (a crash, a failover): each
 * request's query fails as an outage (503 upstream), and the process lives on. pg emits 'error'
 * on a checked-out client as well as failing its query; unheard, that event killed the server.
 */
describe('a PostgreSQL connection lost while checked out [postgres]', () => {
  let proxy: TcpProxy;
  let database: Database;
  beforeAll(async () => {
    const url = new URL(postgresUrl);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    database = openDatabase({ dialect: 'postgres', url: url.toString() });
  });
  afterAll(async () => {
    await database?.close();
    await proxy?.close();
  });

  it('fails the queries in flight as an outage and keeps the process alive', async () => {
    expect(await database.ping()).toBe(true);
    const inFlight = Array.from({ length: 3 }, () =>
      sql`select pg_sleep(2)`.execute(database.db).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    // A transaction holds its connection between statements: no query is active on it.
    const held = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await new Promise((r) => setTimeout(r, 1_000));
      await sql`select 1`.execute(trx);
    });
    await new Promise((r) => setTimeout(r, 300));
    proxy.cut();
    for (const error of await Promise.all(inFlight))
      expect(isDatabaseUnavailable(error)).toBe(true);
    await expect(held).rejects.toSatisfy(isDatabaseUnavailable);
    // Give any stray 'error' event time to surface (vitest fails the run on an uncaught one).
    await new Promise((r) => setTimeout(r, 300));
    proxy.restore();
    expect(await database.ping()).toBe(true);
  });
});
