import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { freePort, spawnMasthead, waitFor, type Spawned } from '../helpers/masthead-process.js';
import { describeEachDatabaseUrl } from '../helpers/test-database.js';

beforeAll(() => {
  if (isBuildStale())
    throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
});

const running: Spawned[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill('SIGKILL');
});

describeEachDatabaseUrl('npm start on a fresh database', (getUrl) => {
  it('loads the demo newsroom, serves the home page and readiness, and exits 0 within 10 s of SIGTERM', async () => {
    const port = await freePort();
    const server = spawnMasthead(['start'], {
      PORT: String(port),
      DATABASE_URL: getUrl(),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-media-')),
      SECRET_KEYS: 'process-test-key-0123456789abcdefghijklmnop',
    });
    running.push(server);
    await waitFor(() => server.output().includes('Masthead is running'), 90_000, server.output);
    expect(server.output()).toMatch(/Site:\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(server.output()).toMatch(/Password \(shown once, change it after signing in\): \S+/);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('The Velmora Courier');
    expect(html).toContain('News Feed');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const stopAsked = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
  }, 120_000);
});

describe('npm start with a bad environment', () => {
  it('exits non-zero with one line for each bad variable', async () => {
    const server = spawnMasthead(['start'], { PORT: 'abc', DATABASE_URL: 'mysql://x' });
    running.push(server);
    const exit = await server.exited;
    expect(exit.code).not.toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => /^\s+(PORT|DATABASE_URL): /.test(l));
    expect(lines).toHaveLength(2);
  }, 60_000);

  it('refuses to start in production without SECRET_KEYS, in one line naming it', async () => {
    const server = spawnMasthead(['start'], {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://news.example.org',
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'masthead-nokeys-')), 'masthead.db'),
    });
    running.push(server);
    const exit = await server.exited;
    expect(exit.code).not.toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.includes('SECRET_KEYS'));
    expect(lines).toEqual([expect.stringMatching(/^\s+SECRET_KEYS: must be set in production/)]);
    expect(server.output()).not.toMatch(/\bat \S+ \(/);
  }, 60_000);
});
