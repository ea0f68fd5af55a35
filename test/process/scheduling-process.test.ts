import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { isBuildStale } from '../../scripts/build.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { sampleDocument } from '../../src/shared/richtext/index.js';
import {
  freePort,
  runMasthead,
  spawnMasthead,
  waitFor,
  type Spawned,
} from '../helpers/masthead-process.js';
import { describeEachDatabaseUrl } from '../helpers/test-database.js';

beforeAll(() => {
  if (isBuildStale())
    throw new Error('dist/ is stale or missing: the build failed (see npm run build)');
});

const running: Spawned[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabaseUrl('scheduled publishing with the real server and CLI', (getUrl) => {
  it('publishes once on time, once (late) after a restart, and serves a later correction in the Content API', async () => {
    const env = {
      DATABASE_URL: getUrl(),
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-media-')),
      SECRET_KEYS: 'process-test-key-0123456789abcdefghijklmnop',
      DEMO: 'off',
      PORT: String(await freePort()),
    };
    const base = `http://127.0.0.1:${env.PORT}`;
    await runMasthead(['migrate'], env);
    await runMasthead(
      ['user', 'create', '--email', 'owner@example.org', '--name', 'Owner', '--role', 'owner'],
      env,
    );
    const token = (
      await runMasthead(['token', 'create', '--name', 'Scheduler test', '--role', 'editor'], env)
    ).trim();
    const contentKey = (
      await runMasthead(['token', 'create', '--content', '--name', 'App'], env)
    ).trim();
    const headers = { authorization: `Bearer ${token}` };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/api/admin/v1${path}`, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as Record<string, any> };
    };
    const start = async () => {
      const server = spawnMasthead(['start'], env);
      running.push(server);
      await waitFor(() => server.output().includes('Masthead is running'), 60_000, server.output);
      return server;
    };
    const countPublishedEvents = async (postId: string) => {
      const url = getUrl();
      const database = url.startsWith('postgres')
        ? openDatabase({ dialect: 'postgres', url })
        : openDatabase({ dialect: 'sqlite', file: url });
      try {
        const rows = await (database.db as any)
          .selectFrom('outbox_events')
          .select('id')
          .where('type', '=', 'post.published')
          .where('subject_id', '=', postId)
          .execute();
        return rows.length as number;
      } finally {
        await database.close();
      }
    };

    let server = await start();
    // Two bylines, a section and an uploaded lead image.
    const a = await api('POST', '/tags', { name: 'War', isNavigation: true });
    expect(a.status).toBe(201);
    const form = new FormData();
    form.append('caption', 'A crossing at dawn');
    form.append('credit', 'Demo Photographer / Masthead');
    form.append(
      'file',
      new Blob([readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photo.jpg'))], {
        type: 'image/jpeg',
      }),
      'photo.jpg',
    );
    const upload = await fetch(`${base}/api/admin/v1/media`, {
      method: 'POST',
      headers,
      body: form,
    });
    expect(upload.status).toBe(201);
    const media = ((await upload.json()) as { media: { id: string } }).media;
    const desk = await api('POST', '/authors', { name: 'News desk', isDesk: true });
    expect(desk.status).toBe(201);
    const owner = (
      (await api('GET', '/authors')).json.authors as Array<{ id: string; name: string }>
    ).find((x) => x.name === 'Owner');
    const authorIds = [owner?.id, desk.json.author.id as string];

    const created = await api('POST', '/posts', {
      title: 'Bridge reopens after repairs',
      body: sampleDocument,
      authorIds,
      tagIds: [a.json.tag.id],
      leadImage: {
        mediaId: media.id,
        caption: 'A crossing at dawn',
        credit: 'Demo Photographer / Masthead',
      },
    });
    expect(created.status).toBe(201);
    const postId = created.json.post.id as string;
    expect(created.json.post.authors).toHaveLength(authorIds.length);

    const at = new Date(Date.now() + 2000).toISOString();
    expect((await api('POST', `/posts/${postId}/schedule`, { at })).status).toBe(200);
    await waitFor(
      async () => (await api('GET', `/posts/${postId}`)).json.post.status === 'published',
      15_000,
      server.output,
    );
    await sleep(1500);
    expect(await countPublishedEvents(postId)).toBe(1);
    expect((await api('GET', `/posts/${postId}`)).json.post.publishedLate).toBe(false);

    // The server is down when the second story's time comes; it goes out when it is back.
    const second = await api('POST', '/posts', {
      title: 'Curfew lifted in the capital',
      authorIds,
    });
    const secondId = second.json.post.id as string;
    expect(
      (
        await api('POST', `/posts/${secondId}/schedule`, {
          at: new Date(Date.now() + 1500).toISOString(),
        })
      ).status,
    ).toBe(200);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    await sleep(6500);
    server = await start();
    await waitFor(
      async () => (await api('GET', `/posts/${secondId}`)).json.post.status === 'published',
      15_000,
      server.output,
    );
    expect((await api('GET', `/posts/${secondId}`)).json.post.publishedLate).toBe(true);
    await sleep(1500);
    expect(await countPublishedEvents(secondId)).toBe(1);

    const correction = await api('POST', `/posts/${postId}/corrections`, {
      kind: 'correction',
      text: 'The bridge is 40 metres long, not 400.',
    });
    expect(correction.status).toBe(201);
    const content = (await (
      await fetch(`${base}/api/content/v1/posts/${postId}?key=${contentKey}`)
    ).json()) as { post: { corrections: Array<{ text: string }> } };
    expect(content.post.corrections.map((c) => c.text)).toEqual([
      'The bridge is 40 metres long, not 400.',
    ]);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 120_000);
});
