// Media storage against a real `masthead start`: what a crash mid-write leaves in MEDIA_DIR is
// swept at the next start (with a count in the log), and readiness reports the storage. Full
// and read-only disks cannot be made on a CI machine (root ignores chmod, no mounts), so those
// faults are injected through the storage adapter in test/http/storage-faults.http.test.ts.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer, type SiteServer } from '../e2e/site-server.js';
import { waitFor } from '../helpers/masthead-process.js';

describe('media storage on a real server (sqlite)', () => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'mh-attack-media-'));
  const crashed = join(mediaDir, 'originals/2026-11/crashed.jpg.0123456789ab.tmp');
  const inFlight = join(mediaDir, 'originals/2026-11/writing.jpg.ba9876543210.tmp');
  let server: SiteServer;

  beforeAll(async () => {
    mkdirSync(join(mediaDir, 'originals/2026-11'), { recursive: true });
    writeFileSync(crashed, 'half a photo');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(crashed, twoHoursAgo, twoHoursAgo);
    writeFileSync(inFlight, 'a photo being written');
    server = await startSiteServer({ env: { MEDIA_DIR: mediaDir } });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('sweeps temporary files a crash left over an hour ago at start, logs how many, and keeps younger ones', async () => {
    await waitFor(
      () => server.output().includes('removed 1 temporary media file(s)'),
      30_000,
      server.output,
    );
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(inFlight)).toBe(true);
  });

  it('reports media storage in /readyz', async () => {
    const ready = await fetch(server.url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', storage: 'ok' },
    });
  });
});
