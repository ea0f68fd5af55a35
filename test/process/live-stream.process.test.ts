import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleDocument } from '../../src/shared/richtext/index.js';
import { freePort } from '../helpers/masthead-process.js';
import { freshDatabaseUrl } from '../helpers/test-database.js';
import { describeWithRedis } from '../helpers/test-redis.js';
import {
  adminApiAt,
  ownerAuthorId,
  prepareNewsroom,
  useMastheadProcesses,
} from './scale-out-fixture.js';

const { start } = useMastheadProcesses();

interface StreamEvent {
  id: string;
  event: string;
  data: { id: string; html: string };
  at: number;
}

/** A reader's EventSource, reduced: the events it received, in order, with their arrival time. */
function follow(
  url: string,
): Promise<{ response: IncomingMessage; events: StreamEvent[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { agent: false, headers: { accept: 'text/event-stream' } },
      (response) => {
        const events: StreamEvent[] = [];
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .find((l) => l.startsWith(`${name}: `))
                ?.slice(name.length + 2);
            const data = field('data');
            if (data !== undefined)
              events.push({
                id: field('id') ?? '',
                event: field('event') ?? 'message',
                data: JSON.parse(data),
                at: Date.now(),
              });
          }
        });
        resolve({ response, events, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describeWithRedis('a live page streamed from two app processes', (redisUrl) => {
  const suiteRedisUrl = `${redisUrl.replace(/\/\d*$/, '')}/12`;
  let database: { url: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabaseUrl('postgres');
    const redis = new Redis(suiteRedisUrl);
    await redis.flushdb();
    redis.disconnect();
  });
  afterAll(() => database.dispose());

  it('sends 3 updates an editor posts to readers on both processes, in order, within 1 s', async () => {
    const { env, token } = await prepareNewsroom(database.url, { REDIS_URL: suiteRedisUrl });
    const ports = [await freePort(), await freePort()];
    await Promise.all(ports.map((port) => start([], { ...env, PORT: String(port) })));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const [a, b] = bases.map((base) => adminApiAt(base, token));
    if (!a || !b) throw new Error('two processes expected');

    const created = await a('POST', '/posts', {
      title: 'Sirens over the capital: live',
      kind: 'live',
      body: sampleDocument,
      authorIds: [await ownerAuthorId(a)],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const postId = created.json.post.id as string;
    expect((await a('POST', `/posts/${postId}/publish`, {})).status).toBe(200);
    const path = new URL(created.json.post.url as string, bases[0]).pathname;

    const readers = await Promise.all(bases.map((base) => follow(`${base}${path}live`)));
    for (const reader of readers) {
      expect(reader.response.statusCode).toBe(200);
      expect(reader.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    }
    // A stream for a story that is not live is a 404.
    const story = await a('POST', '/posts', {
      title: 'Not live',
      body: sampleDocument,
      authorIds: [await ownerAuthorId(a)],
    });
    await a('POST', `/posts/${story.json.post.id as string}/publish`, {});
    const notLive = await follow(
      `${bases[1]}${new URL(story.json.post.url as string, bases[0]).pathname}live`,
    );
    expect(notLive.response.statusCode).toBe(404);
    notLive.close();

    const posted: string[] = [];
    const texts = [
      'Sirens sounded at 19:02',
      'Explosions heard in the east',
      'All clear given at 19:40',
    ];
    for (const [i, text] of texts.entries()) {
      const answer = await (i === 1 ? b : a)('POST', `/posts/${postId}/updates`, {
        body: paragraph(text),
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(201);
      posted.push(answer.json.update.id as string);
    }
    const lastPostedAt = Date.now();
    const deadline = Date.now() + 10_000;
    while (
      readers.some((r) => r.events.filter((e) => e.event === 'update').length < 3) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 20));
    for (const reader of readers) {
      const updates = reader.events.filter((e) => e.event === 'update');
      expect(updates.map((e) => e.data.id)).toEqual(posted);
      for (const [i, text] of texts.entries()) expect(updates[i]?.data.html).toContain(text);
      expect(updates.at(-1)!.at - lastPostedAt).toBeLessThan(1000);
      reader.close();
    }
  }, 300_000);
});
