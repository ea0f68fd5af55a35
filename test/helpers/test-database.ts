import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrations } from '../../migrations/index.js';
import {
  migrateToLatest,
  openDatabase,
  type Database,
  type DatabaseTarget,
  type Dialect,
} from '../../src/platform/db/index.js';
import { readReplicaUrl } from './read-replica.js';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isCi = process.env.CI === 'true';
// Set by test/global-setup.ts, which drops this run's schemas when every file has finished.
const runId = process.env.MASTHEAD_TEST_RUN ?? 'adhoc';
const newSchemaName = () =>
  `mh_test_${runId}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Decided once per test file, before any suite is collected.
const postgresAvailable = await canReachPostgres();
if (!postgresAvailable && !isCi) {
  console.warn(
    `\n⚠️  PostgreSQL is not reachable at ${postgresUrl}: the postgres lane of the data-layer suites is SKIPPED.\n` +
      '   Start it or set TEST_DATABASE_URL. In CI (CI=true) this is a failure, not a skip.\n',
  );
}

export interface TestDatabase {
  readonly database: Database<unknown>;
  /** Where it lives, to open a second handle (e.g. one that logs its SQL). */
  readonly target: DatabaseTarget;
  readonly dialect: Dialect;
  /** Deletes every row from every table (schema kept), for suites that want a clean slate. */
  truncate(): Promise<void>;
}

function createSqlite(): {
  database: Database<unknown>;
  target: DatabaseTarget;
  dispose: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-test-'));
  const target: DatabaseTarget = { dialect: 'sqlite', file: join(dir, 'test.db') };
  const database = openDatabase(target);
  return {
    database,
    target,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<{
  database: Database<unknown>;
  target: DatabaseTarget;
  dispose: () => Promise<void>;
}> {
  // One schema per test file: isolated like a fresh database, but much cheaper to make.
  const schema = newSchemaName();
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  // The PostgreSQL lane always runs with a read replica (DATABASE_READ_URL): a read-only role on
  // the same database, so every app test proves reader pages read there and never write there.
  const target: DatabaseTarget = {
    dialect: 'postgres',
    url: postgresUrl,
    searchPath: schema,
    readUrl: await readReplicaUrl(postgresUrl),
  };
  const database = openDatabase(target);
  return {
    database,
    target,
    dispose: () => database.close(),
  };
}

/**
 * This test file's tables (views left out). On PostgreSQL the database opens with the
 * catalog-safe dialect (src/platform/db/catalog-safe-dialect.ts), whose introspector reads only
 * the schemas on the search path — this file's own — so another file dropping its schema meanwhile
 * cannot fail this read ("relation … does not exist", seen in CI with Kysely's own introspector).
 */
export async function tableNames(database: Database<unknown>): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.filter((t) => !t.isView).map((t) => t.name);
}

async function truncateAll(database: Database<unknown>): Promise<void> {
  const tables = (await tableNames(database)).filter(
    (name) => !name.startsWith('masthead_migrations') && !name.includes('_fts'),
  );
  if (tables.length === 0) return;
  if (database.dialect === 'postgres') {
    await sql
      .raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`)
      .execute(database.db);
    return;
  }
  await database.db.transaction().execute(async (trx) => {
    await sql`pragma defer_foreign_keys = on`.execute(trx);
    for (const table of tables) await sql.raw(`delete from "${table}"`).execute(trx);
  });
}

export const testDialects: Dialect[] = ['sqlite', 'postgres'];

/**
 * Runs `body` once per database: SQLite in a temp file and PostgreSQL in a fresh schema, both
 * migrated to the latest version. The suite name says which lane ran, so the output shows both.
 */
export function describeEachDatabase(
  name: string,
  body: (getDb: () => TestDatabase) => void,
): void {
  for (const dialect of testDialects) {
    const skip = dialect === 'postgres' && !postgresAvailable && !isCi;
    const describeFn = skip ? describe.skip : describe;
    describeFn(`${name} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      let dispose: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (dialect === 'postgres' && !postgresAvailable) {
          throw new Error(`CI=true but PostgreSQL is not reachable at ${postgresUrl}`);
        }
        const made = dialect === 'sqlite' ? createSqlite() : await createPostgres();
        dispose = made.dispose;
        await migrateToLatest(made.database.db, migrations, { schema: made.database.schema });
        const database = made.database;
        current = { database, target: made.target, dialect, truncate: () => truncateAll(database) };
      });
      afterAll(async () => {
        await dispose?.();
      });
      body(() => {
        if (!current) throw new Error('test database used before beforeAll ran');
        return current;
      });
    });
  }
}

/**
 * A DATABASE_URL for code that opens its own connection (CLI commands, a spawned server):
 * a SQLite file in a temp folder, or a PostgreSQL URL confined to a fresh schema through the
 * connection's search_path option.
 */
export async function freshDatabaseUrl(
  dialect: Dialect,
): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'masthead-cli-'));
    return {
      url: join(dir, 'masthead.db'),
      dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  if (!postgresAvailable) throw new Error(`PostgreSQL is not reachable at ${postgresUrl}`);
  const schema = newSchemaName();
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), dispose: () => Promise.resolve() };
}

/** Like describeEachDatabase, for suites that only need a URL per database. */
export function describeEachDatabaseUrl(name: string, body: (getUrl: () => string) => void): void {
  for (const dialect of testDialects) {
    const skip = dialect === 'postgres' && !postgresAvailable && !isCi;
    (skip ? describe.skip : describe)(`${name} [${dialect}]`, () => {
      let url: string | undefined;
      let dispose: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const made = await freshDatabaseUrl(dialect);
        url = made.url;
        dispose = made.dispose;
      });
      afterAll(async () => {
        await dispose?.();
      });
      body(() => {
        if (!url) throw new Error('database URL used before beforeAll ran');
        return url;
      });
    });
  }
}
