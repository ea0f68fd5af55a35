import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index.js';

/**
 * Two processes on one SQLite file, as when an operator runs `masthead user create` beside the
 * running server: a transaction that reads and then writes while the other process holds the
 * write lock waits for it, instead of failing with "database is locked".
 */
describe('SQLite shared by two processes [sqlite]', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'masthead-sqlite-')), 'shared.db');
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
  });

  it('a read-then-write transaction waits for the other process to commit', async () => {
    database = openDatabase({ dialect: 'sqlite', file });
    const { db } = database;
    await sql`create table counters (name text primary key, value integer not null)`.execute(db);
    await sql`insert into counters values ('other', 0), ('ours', 0)`.execute(db);

    // The other process takes the write lock, says so, holds it 600 ms, then commits.
    const other = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import SQLite from 'better-sqlite3';
         const db = new SQLite(${JSON.stringify(file)});
         db.pragma('busy_timeout = 5000');
         db.exec('begin immediate');
         db.exec("update counters set value = value + 1 where name = 'other'");
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
         db.exec('commit');`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => other.once('exit', resolve));
    await new Promise<void>((resolve) =>
      other.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      }),
    );

    const result = await db.transaction().execute(async (trx) => {
      const row = await sql<{
        value: number;
      }>`select value from counters where name = 'ours'`.execute(trx);
      const next = (row.rows[0]?.value ?? 0) + 1;
      await sql`update counters set value = ${next} where name = 'ours'`.execute(trx);
      return next;
    });
    expect(result).toBe(1);
    expect(await exited).toBe(0);
    const rows = await sql<{
      name: string;
      value: number;
    }>`select name, value from counters order by name`.execute(db);
    expect(rows.rows).toEqual([
      { name: 'other', value: 1 },
      { name: 'ours', value: 1 },
    ]);
  });
});
