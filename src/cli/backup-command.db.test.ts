import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl } from '../../test/helpers/test-database.js';
import { runCli } from './program.js';

const run = promisify(execFile);

describeEachDatabaseUrl('masthead backup', (getUrl) => {
  const env = () => ({
    DATABASE_URL: getUrl(),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-backup-media-')),
    LOG_LEVEL: 'silent',
    SECRET_KEYS: 'cli-test-key-0123456789abcdefghijklmnop',
  });

  it('writes a copy that holds the data, and will not overwrite one without --force', async () => {
    expect(await runCli(['migrate'], captureIo(env()))).toBe(0);
    const created = captureIo(env());
    const userArgs = ['user', 'create', '--email', 'keeper@example.org', '--name', 'Keeper'];
    expect(await runCli([...userArgs, '--role', 'owner'], created), created.stderr()).toBe(0);

    const file = join(mkdtempSync(join(tmpdir(), 'masthead-backup-')), 'masthead.backup');
    const io = captureIo(env());
    expect(await runCli(['backup', file], io), io.stderr()).toBe(0);
    expect(io.stdout()).toMatch(/Backed up the (SQLite|PostgreSQL) database/);
    expect(existsSync(`${file}.partial`)).toBe(false);

    if (getUrl().startsWith('postgres')) {
      // A pg_dump custom archive that pg_restore reads, with the staff table's data in it.
      const { stdout } = await run('pg_restore', ['--list', file]);
      expect(stdout).toMatch(/TABLE DATA \S+ staff_users /);
      expect(io.stdout()).toContain('pg_restore');
    } else {
      const copy = new SQLite(file, { readonly: true });
      const row = copy.prepare('select email from staff_users').get() as { email: string };
      copy.close();
      expect(row.email).toBe('keeper@example.org');
    }

    const again = captureIo(env());
    expect(await runCli(['backup', file], again)).toBe(1);
    expect(again.stderr()).toContain('--force');
    expect(await runCli(['backup', file, '--force'], captureIo(env()))).toBe(0);
  });
});
