import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../../test/helpers/test-database.js';
import { openDatabase, type Database } from './index.js';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Another session dropping tables in its own schema while this one reads the catalogue (what
 * Kysely's migrator does at start): the read must not fail. It failed CI once, as "relation …
 * does not exist" for a table of another test file's schema.
 */
describe('catalogue reads while another schema drops tables [postgres]', () => {
  let database: Database;
  let other: pg.Client;
  const schema = `mh_churn_${process.pid}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    const { url } = await freshDatabaseUrl('postgres');
    database = openDatabase({
      dialect: 'postgres',
      url,
      searchPath: new URL(url).searchParams.get('options')!.split('=')[1]!,
    });
    other = new pg.Client({ connectionString: postgresUrl });
    await other.connect();
    await other.query(`create schema "${schema}"`);
  });
  afterAll(async () => {
    await other?.query(`drop schema if exists "${schema}" cascade`);
    await other?.end();
    await database?.close();
  });

  it('lists its own tables without failing while tables come and go elsewhere', async () => {
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        await other.query(`create table "${schema}".t${i % 8} (id serial primary key, a text)`);
        await other.query(`drop table "${schema}".t${i % 8}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      await database.db.introspection.getTables().catch((error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      });
    }
    churning = false;
    await churn;
    expect(failures).toEqual([]);
  }, 60_000);

  it("reads the search path's tables, with serial columns, and not other schemas'", async () => {
    await sql`create table own_items (id serial primary key, name text not null)`.execute(
      database.db,
    );
    await other.query(`create table "${schema}".elsewhere (id int)`);
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(['own_items']);
    expect(tables[0]!.columns.map((c) => [c.name, c.isAutoIncrementing, c.isNullable])).toEqual([
      ['id', true, false],
      ['name', false, false],
    ]);
  });
});
