import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import type { Services } from '../../runtime/services.js';

// No request leaves the process here: nothing is dispatched or delivered.
describeEachDatabase('Admin API: webhooks', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app, services } = await appFor(getDb()));
    admin = await tokenHeaders(services, 'administrator');
  });

  const url = '/api/admin/v1/webhooks';
  const valid = {
    name: 'Partner CMS',
    url: 'https://hooks.example.com/masthead',
    events: ['post.published', 'post.updated'],
  };

  it('lets an administrator create, read, list, change, rotate and delete a webhook', async () => {
    const created = await app.inject({ method: 'POST', url, headers: admin, payload: valid });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json<{ webhook: { id: string }; secret: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ ...valid, isActive: true, lastStatus: null });
    expect(JSON.stringify(webhook)).not.toContain(secret);

    const read = await app.inject({ method: 'GET', url: `${url}/${webhook.id}`, headers: admin });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(secret);
    expect(read.json()).toMatchObject({ webhook: { id: webhook.id, name: 'Partner CMS' } });

    const list = await app.inject({ method: 'GET', url, headers: admin });
    expect(list.json()).toMatchObject({
      webhooks: [{ id: webhook.id }],
      meta: { pagination: { next: null, limit: 1 } },
    });
    expect(list.body).not.toContain(secret);

    const patched = await app.inject({
      method: 'PATCH',
      url: `${url}/${webhook.id}`,
      headers: admin,
      payload: { isActive: false, events: ['member.created'] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      webhook: { isActive: false, events: ['member.created'], url: valid.url },
    });

    const rotated = await app.inject({
      method: 'POST',
      url: `${url}/${webhook.id}/rotate-secret`,
      headers: admin,
    });
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json<{ secret: string }>().secret;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);

    const deliveries = await app.inject({
      method: 'GET',
      url: `${url}/${webhook.id}/deliveries?limit=5`,
      headers: admin,
    });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json()).toEqual({
      deliveries: [],
      meta: { pagination: { next: null, limit: 5 } },
    });

    const redeliver = await app.inject({
      method: 'POST',
      url: `${url}/${webhook.id}/deliveries/01900000-0000-7000-8000-000000000000/redeliver`,
      headers: admin,
    });
    expect(redeliver.statusCode).toBe(404);

    const deleted = await app.inject({
      method: 'DELETE',
      url: `${url}/${webhook.id}`,
      headers: admin,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `${url}/${webhook.id}`, headers: admin });
    expect(gone.statusCode).toBe(404);
  });

  it('audits creating, changing, rotating and deleting, naming only the host of the URL', async () => {
    const secretPath = 'https://hooks.example.com/services/T0/B0/s3cretPathPart';
    const created = await app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...valid, url: secretPath },
    });
    const id = created.json<{ webhook: { id: string } }>().webhook.id;
    await app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: admin,
      payload: { isActive: false },
    });
    await app.inject({ method: 'POST', url: `${url}/${id}/rotate-secret`, headers: admin });
    await app.inject({ method: 'DELETE', url: `${url}/${id}`, headers: admin });
    const { items } = await services.audit.list({ limit: 100 });
    const mine = items.filter((e) => e.subjectId === id);
    expect(mine.map((e) => e.action).sort()).toEqual([
      'webhook.changed',
      'webhook.created',
      'webhook.deleted',
      'webhook.secret_rotated',
    ]);
    expect(mine.find((e) => e.action === 'webhook.created')?.details).toMatchObject({
      host: 'hooks.example.com',
      events: valid.events,
    });
    expect(mine.find((e) => e.action === 'webhook.changed')?.details).toEqual({
      keys: ['isActive'],
    });
    expect(JSON.stringify(mine)).not.toContain('s3cretPathPart');
    expect(JSON.stringify(mine)).not.toContain('whsec_');
  });

  it('refuses an editor with 403 and an anonymous caller with 401', async () => {
    const editor = await tokenHeaders(services, 'editor');
    for (const request of [
      { method: 'GET' as const, url },
      { method: 'POST' as const, url, payload: valid },
    ]) {
      const response = await app.inject({ ...request, headers: editor });
      expect(response.statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('answers a bad URL with 400 naming url', async () => {
    for (const bad of ['not a url', 'ftp://example.com/x', 'https://user:pw@example.com/', '']) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: admin,
        payload: { ...valid, url: bad },
      });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json(), bad).toMatchObject({ errors: [{ field: 'url' }] });
    }
    // Private targets are refused unless the configuration allows them.
    const local = await app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...valid, url: 'http://169.254.169.254/latest/meta-data/' },
    });
    expect(local.statusCode).toBe(400);
    expect(local.json()).toMatchObject({ errors: [{ field: 'url' }] });
  });

  it('answers an unknown or missing event type with 400 naming events', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...valid, events: ['post.published', 'post.exploded'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      errors: [{ field: 'events', message: expect.stringContaining('post.exploded') as string }],
    });
    const empty = await app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...valid, events: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ field: 'events' }] });
  });

  it('answers bad ids, unknown fields and bad cursors with 400, unknown webhooks with 404', async () => {
    const badId = await app.inject({ method: 'GET', url: `${url}/nope`, headers: admin });
    expect(badId.statusCode).toBe(400);
    const unknownField = await app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...valid, secret: 'mine' },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ errors: [{ field: 'secret' }] });
    const missing = await app.inject({
      method: 'PATCH',
      url: `${url}/01900000-0000-7000-8000-000000000000`,
      headers: admin,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(404);

    const created = await app.inject({ method: 'POST', url, headers: admin, payload: valid });
    const id = created.json<{ webhook: { id: string } }>().webhook.id;
    const badCursor = await app.inject({
      method: 'GET',
      url: `${url}/${id}/deliveries?cursor=garbage`,
      headers: admin,
    });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });
});
