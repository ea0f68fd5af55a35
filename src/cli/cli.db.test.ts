import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl } from '../../test/helpers/test-database.js';
import { runCli } from './program.js';

describeEachDatabaseUrl('the masthead CLI', (getUrl) => {
  const env = () => ({
    DATABASE_URL: getUrl(),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-cli-media-')),
    LOG_LEVEL: 'silent',
    SECRET_KEYS: 'cli-test-key-0123456789abcdefghijklmnop',
  });

  it('migrates, then reports the database up to date', async () => {
    const first = captureIo(env());
    expect(await runCli(['migrate'], first)).toBe(0);
    expect(first.stdout()).toMatch(/applied\s+2026-11-27-0001-initial/);
    const second = captureIo(env());
    expect(await runCli(['migrate'], second)).toBe(0);
    expect(second.stdout()).toBe('Database is up to date.\n');
    const status = captureIo(env());
    expect(await runCli(['migrate', '--status'], status)).toBe(0);
    expect(status.stdout()).toMatch(/^applied\s+2026-11-27-0001-initial$/m);
  });

  it('creates a staff user, showing a generated password once', async () => {
    const io = captureIo(env());
    expect(
      await runCli(
        [
          'user',
          'create',
          '--email',
          'editor@example.org',
          '--name',
          'Desk Editor',
          '--role',
          'editor',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout()).toMatch(/Created editor Desk Editor <editor@example.org>/);
    expect(io.stdout()).toMatch(/Password \(shown once\): \S{23}/);
  });

  it('refuses a bad user with the option named and a non-zero exit', async () => {
    const io = captureIo(env());
    expect(
      await runCli(
        ['user', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'chief'],
        io,
      ),
    ).toBe(1);
    expect(io.stderr()).toContain('--email: must be an email address');
    expect(io.stderr()).toContain('--role:');
  });

  it('prints a new Admin API token alone on stdout, for scripts', async () => {
    const io = captureIo(env());
    expect(await runCli(['token', 'create', '--name', 'Importer', '--role', 'author'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^mh_admin_[\w-]+\n$/);
    const content = captureIo(env());
    expect(await runCli(['token', 'create', '--content', '--name', 'App'], content)).toBe(0);
    expect(content.stdout()).toMatch(/^mh_content_[\w-]+\n$/);
  });

  it('doctor passes on a healthy setup and says what is only a warning', async () => {
    const io = captureIo(env());
    expect(await runCli(['doctor'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^ok\s+database/m);
    expect(io.stdout()).toMatch(/^ok\s+migrations\s+\d+ applied, none pending/m);
    expect(io.stdout()).toMatch(/^warn\s+mail \(SMTP\)/m);
    expect(io.stdout()).toMatch(
      /^ok\s+secrets\s+1 key from SECRET_KEYS \(first [0-9a-f]{8}\); 0 stored, 0 in clear/m,
    );
  });

  it('doctor fails, naming the problem, when SMTP does not answer', async () => {
    const io = captureIo({ ...env(), SMTP_URL: 'smtp://127.0.0.1:9' });
    expect(await runCli(['doctor'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^FAIL\s+mail \(SMTP\)\s+127\.0\.0\.1:9/m);
    expect(io.stderr()).toContain('1 problem found');
  });

  it('imports members, then updates them with --mode update, reporting skipped rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'masthead-cli-import-'));
    const first = join(dir, 'first.csv');
    const edited = join(dir, 'edited.csv');
    writeFileSync(first, 'email,name\nann@example.org,Ann\nbob@example.org,Bob\n');
    writeFileSync(edited, 'email,name\nann@example.org,Ann Smith\nzed@example.org,Zed\n');
    const created = captureIo(env());
    expect(await runCli(['members', 'import', first], created)).toBe(0);
    expect(created.stdout()).toContain('2 rows (create): 2 created, 0 updated');
    const updated = captureIo(env());
    expect(await runCli(['members', 'import', edited, '--mode', 'update'], updated)).toBe(0);
    expect(updated.stdout()).toContain(
      '2 rows (update): 0 created, 1 updated, 0 unchanged, 1 skipped',
    );
    expect(updated.stderr()).toContain('row 3: skipped, no member has this email');
    const exported = captureIo(env());
    expect(await runCli(['members', 'export'], exported)).toBe(0);
    expect(exported.stdout()).toContain('ann@example.org,Ann Smith,');
    expect(exported.stdout()).not.toContain('zed@example.org');
    const refused = captureIo(env());
    expect(await runCli(['members', 'import', edited, '--mode', 'replace'], refused)).toBe(1);
    expect(refused.stderr()).toMatch(/--mode.*create, update, upsert/);
  });
});
