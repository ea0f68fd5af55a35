import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleDocument } from '../../src/shared/richtext/index.js';
import { freePort, requestOnNewConnection } from '../helpers/masthead-process.js';
import { readReplicaUrl } from '../helpers/read-replica.js';
import { freshDatabaseUrl } from '../helpers/test-database.js';
import { describeWithRedis } from '../helpers/test-redis.js';
import {
  adminApiAt,
  ownerAuthorId,
  msUntil,
  prepareNewsroom,
  publishedEventCount,
  useMastheadProcesses,
  wrongSignIn,
} from './scale-out-fixture.js';

const { start } = useMastheadProcesses();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Three machines' worth of app processes: separate `masthead start`s on one PostgreSQL database
// and one Redis, as behind a load balancer; reader pages read through a read replica
// (DATABASE_READ_URL: a role whose every transaction is read-only, see read-replica.ts).
describeWithRedis('three app processes on PostgreSQL and Redis', (redisUrl) => {
  // A Redis database of this suite's own (flushed first): attempt counters from an earlier run
  // would otherwise still be counting. Pub/sub is not per database, which changes nothing here.
  const suiteRedisUrl = `${redisUrl.replace(/\/\d*$/, '')}/13`;
  let database: { url: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabaseUrl('postgres');
    const redis = new Redis(suiteRedisUrl);
    await redis.flushdb();
    redis.disconnect();
  });
  afterAll(() => database.dispose());

  it('serves a publication fresh from all three within 1 s, counts sign-ins against one limit, and publishes a scheduled story once', async () => {
    const { env, token } = await prepareNewsroom(database.url, {
      REDIS_URL: suiteRedisUrl,
      DATABASE_READ_URL: await readReplicaUrl(database.url),
    });
    const ports = [await freePort(), await freePort(), await freePort()];
    await Promise.all(ports.map((port) => start([], { ...env, PORT: String(port) })));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const [a, b, c] = bases.map((base) => adminApiAt(base, token));
    if (!a || !b || !c) throw new Error('three processes expected');
    for (const base of bases) {
      const ready = await requestOnNewConnection(`${base}/readyz`);
      expect(JSON.parse(ready.body)).toMatchObject({
        status: 'ready',
        checks: { redis: 'ok', database: 'ok', databaseReplica: 'ok' },
      });
    }

    // Every process has the home page and the (not yet published) story cached.
    const authorIds = [await ownerAuthorId(a)];
    const created = await a('POST', '/posts', {
      title: 'Polls close in the capital',
      body: sampleDocument,
      authorIds,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const postId = created.json.post.id as string;
    const storyPath = new URL(created.json.post.url as string, bases[0]).pathname;
    for (const base of bases) {
      expect((await requestOnNewConnection(`${base}/`)).body).not.toContain('Polls close');
      await requestOnNewConnection(`${base}${storyPath}`);
    }
    const everywhere = (path: string, text: string) => async () => {
      const pages = await Promise.all(bases.map((base) => requestOnNewConnection(base + path)));
      return pages.every((page) => page.status === 200 && page.body.includes(text));
    };

    const published = await a('POST', `/posts/${postId}/publish`, {});
    expect(published.status).toBe(200);
    const toPublished = await msUntil(async () => {
      const [home, story] = await Promise.all([
        everywhere('/', 'Polls close in the capital')(),
        everywhere(storyPath, 'Polls close in the capital')(),
      ]);
      return home && story;
    }, 5000);
    expect(toPublished).toBeLessThan(1000);

    const edited = await b('PATCH', `/posts/${postId}`, {
      version: published.json.post.version as number,
      title: 'Polls close in the capital; counting begins',
    });
    expect(edited.status).toBe(200);
    expect(await msUntil(everywhere(storyPath, 'counting begins'), 5000)).toBeLessThan(1000);

    // 25 wrong passwords for one account at once, spread over the three: one limit of 5.
    const attempts = await Promise.all(
      Array.from({ length: 25 }, (_, i) => wrongSignIn(bases[i % 3] ?? '')),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);

    // All three run the scheduler; the story goes out once.
    const scheduled = await b('POST', '/posts', { title: 'Turnout at a record high', authorIds });
    const scheduledId = scheduled.json.post.id as string;
    const at = new Date(Date.now() + 2000).toISOString();
    expect((await c('POST', `/posts/${scheduledId}/schedule`, { at })).status).toBe(200);
    await msUntil(
      async () => (await a('GET', `/posts/${scheduledId}`)).json.post.status === 'published',
      15_000,
    );
    // Three schedulers polling every second have had their chance to publish it again.
    await sleep(2500);
    expect(await publishedEventCount(database.url, scheduledId)).toBe(1);
    await msUntil(everywhere('/', 'Turnout at a record high'), 1000);
  }, 300_000);
});
