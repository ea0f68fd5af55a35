import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl } from '../../test/helpers/test-database.js';
import { runCli } from './program.js';

describeEachDatabaseUrl('masthead mirror', (getUrl) => {
  const media = mkdtempSync(join(tmpdir(), 'masthead-mirror-media-'));
  const env = () => ({
    DATABASE_URL: getUrl(),
    MEDIA_DIR: media,
    PUBLIC_URL: 'https://news.example.org',
    LOG_LEVEL: 'silent',
    SECRET_KEYS: 'cli-test-key-0123456789abcdefghijklmnop',
  });

  it('writes the site, then with --since last only what changed, and says what it did', async () => {
    const loaded = captureIo(env());
    expect(
      await runCli(['demo', 'load', '--articles', '6', '--briefs', '2'], loaded),
      loaded.stderr(),
    ).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'masthead-mirror-out-'));

    const full = captureIo(env());
    expect(await runCli(['mirror', '--out', out], full), full.stderr()).toBe(0);
    expect(full.stdout()).toMatch(
      /^Full mirror in .+: \d+ addresses rendered, \d+ files written, 0 unchanged, 0 removed, 0 failed/,
    );
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="news/index.html"');
    const state = JSON.parse(readFileSync(join(out, '.masthead-mirror.json'), 'utf8')) as {
      lastEventId: string | null;
    };
    expect(state.lastEventId).toMatch(/^[0-9a-f-]{36}$/);

    const again = captureIo(env());
    expect(await runCli(['mirror', '--out', out, '--since', 'last'], again), again.stderr()).toBe(
      0,
    );
    expect(again.stdout()).toMatch(
      /^Incremental mirror \(0 events since the last run\) in .+: 0 addresses rendered, 0 files written/,
    );

    const based = captureIo(env());
    const onion = mkdtempSync(join(tmpdir(), 'masthead-mirror-onion-'));
    expect(
      await runCli(['mirror', '--out', onion, '--base-url', 'http://mirror.onion/'], based),
      based.stderr(),
    ).toBe(0);
    expect(readFileSync(join(onion, 'index.html'), 'utf8')).toContain(
      'href="http://mirror.onion/news/"',
    );
    expect(readFileSync(join(onion, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: http://mirror.onion/sitemap.xml',
    );

    const wrong = captureIo(env());
    expect(await runCli(['mirror', '--out', out, '--base-url', 'ftp://x'], wrong)).toBe(1);
    expect(wrong.stderr()).toContain('--base-url');
  }, 120_000);
});
