import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl, freshDatabaseUrl } from '../../test/helpers/test-database.js';
import { openDatabase } from '../platform/db/index.js';
import type { AppTables } from '../runtime/app-database.js';
import { runCli } from './program.js';

describeEachDatabaseUrl('masthead export / import masthead', (getUrl) => {
  const work = mkdtempSync(join(tmpdir(), 'masthead-cli-archive-'));
  const file = join(work, 'newsroom.tar.gz');
  const env = (url: string) => ({
    DATABASE_URL: url,
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-cli-media-')),
    LOG_LEVEL: 'silent',
    SECRET_KEYS: 'cli-test-key-0123456789abcdefghijklmnop',
  });
  const disposals: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of disposals) await dispose();
  });

  it('lists `masthead` beside `ghost` under `import`', async () => {
    const io = captureIo(env(getUrl()));
    await runCli(['import', '--help'], io);
    expect(io.stdout()).toMatch(/ghost \[options\] <export>/);
    expect(io.stdout()).toMatch(/masthead <file>/);
  });

  it('exports the newsroom to a file only its owner can read, on the audit log', async () => {
    const source = env(getUrl());
    expect(
      await runCli(['demo', 'load', '--articles', '6', '--briefs', '4'], captureIo(source)),
    ).toBe(0);
    const io = captureIo(source);
    expect(await runCli(['export', '--output', file], io)).toBe(0);
    expect(io.stdout()).toMatch(
      /Exported [\d,]+ rows from \d+ tables and \d+ media files to .*newsroom\.tar\.gz \(mode 0600\)/,
    );
    expect(io.stderr()).toMatch(/^posts: \d+$/m);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = captureIo(source);
    expect(await runCli(['export', '--output', file], again)).toBe(1);
    expect(again.stderr()).toContain('exists: choose another name');
    const url = getUrl();
    const database = openDatabase<AppTables>(
      url.startsWith('postgres') ? { dialect: 'postgres', url } : { dialect: 'sqlite', file: url },
    );
    try {
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', '=', 'newsroom.exported')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ file: 'newsroom.tar.gz' });
    } finally {
      await database.close();
    }
  });

  it('imports it into an empty database, and refuses one that is not empty', async () => {
    const dialect = getUrl().startsWith('postgres') ? 'postgres' : 'sqlite';
    const target = await freshDatabaseUrl(dialect);
    disposals.push(target.dispose);
    const restored = env(target.url);
    expect(await runCli(['migrate'], captureIo(restored))).toBe(0);
    const io = captureIo(restored);
    expect(await runCli(['import', 'masthead', file], io)).toBe(0);
    expect(io.stdout()).toMatch(
      /Imported [\d,]+ rows and [1-9]\d* media files .* indexed 1\d posts for search/,
    );
    const refused = captureIo(restored);
    expect(await runCli(['import', 'masthead', file], refused)).toBe(1);
    expect(refused.stderr()).toContain('The database is not empty');
    expect(refused.stderr()).toContain('restores an export only into an empty database');
  });

  it('says plainly when a file is not an export', async () => {
    const target = await freshDatabaseUrl(getUrl().startsWith('postgres') ? 'postgres' : 'sqlite');
    disposals.push(target.dispose);
    const notTar = join(work, 'notes.tar.gz');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(notTar, 'plain text');
    const io = captureIo(env(target.url));
    expect(await runCli(['import', 'masthead', notTar], io)).toBe(1);
    expect(io.stderr()).toMatch(/Cannot read .*notes\.tar\.gz as a \.tar\.gz export/);
  });
});
