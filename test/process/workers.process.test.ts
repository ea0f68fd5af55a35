import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocument } from '../../src/shared/richtext/index.js';
import { freePort, requestOnNewConnection, waitFor } from '../helpers/masthead-process.js';
import { freshDatabaseUrl } from '../helpers/test-database.js';
import {
  adminApiAt,
  ownerAuthorId,
  prepareNewsroom,
  useMastheadProcesses,
  wrongSignIn,
} from './scale-out-fixture.js';

const { start } = useMastheadProcesses();

/** Which worker answers `/readyz` on each of `count` new connections. */
async function workersAnswering(base: string, count: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const ready = await requestOnNewConnection(`${base}/readyz`);
    seen.add((JSON.parse(ready.body) as { worker: number }).worker);
  }
  return seen;
}

describe('masthead start --workers 2 on SQLite, without Redis', () => {
  let databaseUrl: { url: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl('sqlite');
  });
  afterAll(() => databaseUrl.dispose());

  it('serves one port from two workers that share invalidations over IPC and one sign-in limit, restarts a killed worker and stops on SIGTERM', async () => {
    const { env, token } = await prepareNewsroom(databaseUrl.url, {
      PORT: String(await freePort()),
    });
    const base = `http://127.0.0.1:${env.PORT}`;
    const server = await start(['--workers', '2'], env);
    expect(server.output()).toContain('Masthead is running (sqlite, 2 workers)');
    expect(await workersAnswering(base, 6)).toEqual(new Set([1, 2]));

    const api = adminApiAt(base, token);
    const authorIds = [await ownerAuthorId(api)];
    const created = await api('POST', '/posts', {
      title: 'Ferry resumes',
      body: sampleDocument,
      authorIds,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const postId = created.json.post.id as string;
    const published = await api('POST', `/posts/${postId}/publish`, {});
    expect(published.status).toBe(200);
    const storyUrl = new URL(published.json.post.url as string, base).pathname;
    const story = () => requestOnNewConnection(`${base}${storyUrl}`);
    // Both workers cache the story: new connections alternate between them.
    for (let i = 0; i < 4; i++) expect((await story()).status).toBe(200);
    expect((await story()).headers['x-cache']).toBe('HIT');
    expect((await story()).headers['x-cache']).toBe('HIT');

    // Each edit, made through one worker, is in both workers' pages on the next requests: the
    // other worker heard it over IPC, not a second later from following the outbox.
    let version = published.json.post.version as number;
    for (const title of ['Ferry resumes after storm', 'Ferry resumes, with delays', 'Ferry back']) {
      const edited = await api('PATCH', `/posts/${postId}`, { version, title });
      expect(edited.status).toBe(200);
      version = edited.json.post.version as number;
      const pages = [await story(), await story(), await story(), await story()];
      expect(pages.map((page) => page.body.includes(title))).toEqual([true, true, true, true]);
    }

    // Without Redis the attempt counters are in the database, which both workers share.
    const attempts = await Promise.all(Array.from({ length: 12 }, () => wrongSignIn(base)));
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);

    // A worker that dies is started again in its slot; the port keeps answering meanwhile.
    const pids = execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(pids).toHaveLength(2);
    process.kill(Number(pids[0]), 'SIGKILL');
    await waitFor(
      () => /worker \d exited \(SIGKILL\); restarting it in 500 ms/.test(server.output()),
      10_000,
      server.output,
    );
    // Once the primary knows, the other worker takes every connection until the slot is back.
    expect((await requestOnNewConnection(`${base}/readyz`)).status).toBe(200);
    await waitFor(async () => (await workersAnswering(base, 4)).size === 2, 90_000, server.output);

    const stopAsked = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(10_000);
    expect(server.output()).not.toContain('killing them');
  }, 300_000);
});
