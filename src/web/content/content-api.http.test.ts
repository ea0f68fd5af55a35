import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describeEachDatabase('Content API and OpenAPI documents', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let key: string;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    key = (await ctx.services.tokens.create({ name: 'App', kind: 'content' })).secret;
    const editor = await tokenHeaders(ctx.services, 'editor');
    const author = await ctx.services.staff.create({
      email: 'reporter@example.org',
      name: 'Iva Reporter',
      role: 'author',
      password: 'a long password 1',
    });
    const create = async (title: string, extra: Record<string, unknown> = {}) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: {
          title,
          authorIds: [author.author.id],
          body: paragraph(`${title}: the full text.`),
          ...extra,
        },
      });
      return (response.json() as { post: { id: string } }).post.id;
    };
    const publish = (id: string) =>
      app.inject({ method: 'POST', url: `/api/admin/v1/posts/${id}/publish`, headers: editor });
    await publish(await create('Public story'));
    await publish(await create('Members story', { visibility: 'members' }));
    await create('Secret draft');
  });

  it('requires a content key, by query or header', async () => {
    expect((await app.inject('/api/content/v1/posts')).statusCode).toBe(401);
    expect((await app.inject('/api/content/v1/posts?key=mh_content_wrong')).statusCode).toBe(401);
    const admin = await tokenHeaders(ctx.services, 'editor');
    expect(
      (await app.inject({ url: `/api/content/v1/posts?key=${admin.authorization?.slice(7)}` }))
        .statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ url: '/api/content/v1/posts', headers: { 'x-masthead-key': key } }))
        .statusCode,
    ).toBe(200);
  });

  it('lists published posts only, privately cacheable and open to other origins, without staff data', async () => {
    const response = await app.inject(`/api/content/v1/posts?key=${key}`);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    // The key is a credential only we can check: no shared cache may keep answers across keys.
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const body = response.json() as {
      posts: Array<{ title: string; html: string; access: boolean }>;
    };
    expect(body.posts.map((p) => p.title).sort()).toEqual(['Members story', 'Public story']);
    expect(response.body).not.toContain('Secret draft');
    expect(response.body).not.toContain('reporter@example.org');
    expect(response.body).not.toContain('argon2');
  });

  it('gives members-only posts as a teaser with access false', async () => {
    const { post } = (
      await app.inject(`/api/content/v1/posts/slug/members-story?key=${key}`)
    ).json() as {
      post: { access: boolean; html: string };
    };
    expect(post.access).toBe(false);
    expect(post.html).not.toContain('second paragraph');
    const open = (
      await app.inject(`/api/content/v1/posts/slug/public-story?key=${key}`)
    ).json() as { post: { html: string } };
    expect(open.post.html).toContain('Public story: the full text.');
    expect(
      (await app.inject(`/api/content/v1/posts/slug/secret-draft?key=${key}`)).statusCode,
    ).toBe(404);
  });

  it('answers CORS preflight', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/content/v1/posts',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('X-Masthead-Key');
  });

  it('shows a correction added later', async () => {
    const editor = await tokenHeaders(ctx.services, 'editor');
    const { post } = (
      await app.inject(`/api/content/v1/posts/slug/public-story?key=${key}`)
    ).json() as { post: { id: string } };
    // Cached before the correction: the correction's event drops it.
    await app.inject(`/api/content/v1/posts/${post.id}?key=${key}`);
    const added = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/corrections`,
      headers: editor,
      payload: { kind: 'correction', text: 'An earlier version misnamed the bridge.' },
    });
    expect(added.statusCode).toBe(201);
    const after = (await app.inject(`/api/content/v1/posts/${post.id}?key=${key}`)).json() as {
      post: { corrections: Array<{ text: string }> };
    };
    expect(after.post.corrections.map((c) => c.text)).toEqual([
      'An earlier version misnamed the bridge.',
    ]);
  });

  it('publishes both OpenAPI documents, and they validate', async () => {
    for (const url of ['/api/admin/v1/openapi.json', '/api/content/v1/openapi.json']) {
      const response = await app.inject(url);
      expect(response.statusCode).toBe(200);
      const document = response.json() as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: { Errors: unknown } };
      };
      expect(document.openapi).toBe('3.1.0');
      // Clients can switch on error codes: the document lists every one the server sends.
      expect(JSON.stringify(document.components.schemas.Errors)).toContain(
        '"enum":["VALIDATION_FAILED","BAD_REQUEST"',
      );
      expect(Object.keys(document.paths).length).toBeGreaterThan(3);
      await expect(
        SwaggerParser.validate(structuredClone(document) as never),
      ).resolves.toBeDefined();
    }
  });
});
