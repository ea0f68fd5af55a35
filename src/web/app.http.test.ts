import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/helpers/test-database.js';
import { appFor } from '../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../demo/index.js';

describeEachDatabase('the HTTP app', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    await loadDemoNewsroom(built.services, {
      now: built.clock.now(),
      articles: 12,
      briefs: 8,
      photos: 2,
    });
    app = built.app;
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves the demo home page with its stories, News Feed and sections', async () => {
    const response = await app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    const html = response.body;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('News Feed');
    expect(html).toContain('href="/tag/war/"');
    expect(html.match(/<h1/g)).toHaveLength(1);
  });

  it('serves lead photos as resized variants', async () => {
    const html = (await app.inject('/')).body;
    const src = /<img src="(\/media\/[^"]+\/w\d+\.jpg)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const image = await app.inject(src ?? '');
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toContain('immutable');
    expect(image.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('answers unknown pages with a styled 404 and unknown API routes with JSON', async () => {
    const page = await app.inject('/no-such-page/');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('We could not find that page');
    expect(page.body).toContain('type="search"');
    const api = await app.inject('/api/admin/v1/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({
      errors: [{ code: 'NOT_FOUND', message: expect.any(String) as string }],
    });
  });
});
