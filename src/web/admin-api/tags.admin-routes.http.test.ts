import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import type { Services } from '../../runtime/services.js';

describeEachDatabase('Admin API: tags', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app, services } = await appFor(getDb()));
  });

  it('needs authentication', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/admin/v1/tags' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      errors: [{ code: 'UNAUTHORIZED', message: expect.any(String) as string }],
    });
    const bogus = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/tags',
      headers: { authorization: 'Bearer mh_admin_nope' },
    });
    expect(bogus.statusCode).toBe(401);
  });

  it('lets an editor create a section and anyone on staff list it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/tags',
      headers: await tokenHeaders(services, 'editor'),
      payload: { name: 'Front line', isNavigation: true, navigationOrder: 2 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      tag: { name: 'Front line', slug: 'front-line', isNavigation: true },
    });
    const list = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/tags',
      headers: await tokenHeaders(services, 'contributor'),
    });
    expect(list.json()).toMatchObject({
      tags: [{ slug: 'front-line' }],
      meta: { pagination: { next: null } },
    });
  });

  it('refuses a contributor creating tags, with 403', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/tags',
      headers: await tokenHeaders(services, 'contributor'),
      payload: { name: 'Nope' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers bad input with 400 naming the field, including unknown fields', async () => {
    const headers = await tokenHeaders(services, 'editor');
    const empty = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/tags',
      headers,
      payload: { name: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ field: 'name' }] });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/tags',
      headers,
      payload: { name: 'X', colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      errors: [{ field: 'colour', message: 'unknown field: colour' }],
    });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/tags',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({
      errors: [{ code: 'INVALID_JSON', message: 'request body is not valid JSON' }],
    });
  });

  it('reads, edits and deletes a tag; contributors may read but not change', async () => {
    const editor = await tokenHeaders(services, 'editor');
    const contributor = await tokenHeaders(services, 'contributor');
    const base = '/api/admin/v1/tags';
    const { tag } = (
      await app.inject({ method: 'POST', url: base, headers: editor, payload: { name: 'Drones' } })
    ).json() as { tag: { id: string; slug: string } };
    const other = await services.tags.create({ name: 'Energy' });

    const read = await app.inject({
      method: 'GET',
      url: `${base}/${tag.id}`,
      headers: contributor,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ tag: { id: tag.id, slug: 'drones' } });

    const forbidden = await app.inject({
      method: 'PATCH',
      url: `${base}/${tag.id}`,
      headers: contributor,
      payload: { name: 'Nope' },
    });
    expect(forbidden.statusCode).toBe(403);

    const patched = await app.inject({
      method: 'PATCH',
      url: `${base}/${tag.id}`,
      headers: editor,
      payload: { name: 'Drone war', slug: 'Drone War', isNavigation: true, navigationOrder: 4 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      tag: { name: 'Drone war', slug: 'drone-war', isNavigation: true, navigationOrder: 4 },
    });

    const clash = await app.inject({
      method: 'PATCH',
      url: `${base}/${tag.id}`,
      headers: editor,
      payload: { slug: other.slug },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toMatchObject({ errors: [{ field: 'slug' }] });

    const unknown = await app.inject({
      method: 'PATCH',
      url: `${base}/${tag.id}`,
      headers: editor,
      payload: { colour: 'red' },
    });
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'colour' }] });

    const badId = await app.inject({ method: 'GET', url: `${base}/nope`, headers: editor });
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ errors: [{ field: 'id' }] });

    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/${tag.id}`, headers: contributor }))
        .statusCode,
    ).toBe(403);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `${base}/${tag.id}`,
      headers: editor,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `${base}/${tag.id}`, headers: editor });
    expect(gone.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/${tag.id}`, headers: editor }))
        .statusCode,
    ).toBe(404);
  });
});
