import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import type { Services } from '../../runtime/services.js';

describeEachDatabase('Admin API: members', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app, services } = await appFor(getDb()));
    admin = await tokenHeaders(services, 'administrator');
  });

  it('is for administrators only', async () => {
    const editor = await tokenHeaders(services, 'editor');
    const response = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members',
      headers: editor,
    });
    expect(response.statusCode).toBe(403);
  });

  it('adds, finds, comps, edits and deletes a member', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/members',
      headers: admin,
      payload: { email: 'Ann@Example.org', name: 'Ann', labels: ['press'] },
    });
    expect(created.statusCode).toBe(201);
    const { member } = created.json<{ member: { id: string } }>();
    const bad = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/members',
      headers: admin,
      payload: { email: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'email' }] });

    const list = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members?q=ann&label=press&limit=10',
      headers: admin,
    });
    expect(list.json()).toMatchObject({
      members: [{ email: 'ann@example.org', labels: ['press'] }],
      meta: { pagination: { next: null, limit: 10 } },
    });
    const badFilter = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members?joinedFrom=yesterday',
      headers: admin,
    });
    expect(badFilter.json()).toMatchObject({ errors: [{ field: 'joinedFrom' }] });

    const comp = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/members/${member.id}/comp`,
      headers: admin,
      payload: {},
    });
    expect(comp.json()).toMatchObject({ member: { status: 'comped' } });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/members/${member.id}`,
      headers: admin,
      payload: { note: 'Board member' },
    });
    expect(patch.json()).toMatchObject({ member: { note: 'Board member' } });
    const uncomp = await app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/members/${member.id}/comp`,
      headers: admin,
    });
    expect(uncomp.json()).toMatchObject({ member: { status: 'free' } });
    const events = await app.inject({
      method: 'GET',
      url: `/api/admin/v1/members/${member.id}/events?limit=2`,
      headers: admin,
    });
    const page = events.json<{
      events: Array<{ type: string }>;
      meta: { pagination: { next: string } };
    }>();
    expect(page.events.map((e) => e.type)).toEqual(['comp_removed', 'updated']);
    const rest = await app.inject({
      method: 'GET',
      url: `/api/admin/v1/members/${member.id}/events?limit=5&cursor=${page.meta.pagination.next}`,
      headers: admin,
    });
    expect(rest.json<{ events: Array<{ type: string }> }>().events.map((e) => e.type)).toEqual([
      'comped',
      'joined',
    ]);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/admin/v1/members/${member.id}`,
      headers: admin,
    });
    expect(detail.json<{ history: unknown[] }>().history).toHaveLength(4);
    const stats = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members/stats',
      headers: admin,
    });
    expect(stats.json()).toMatchObject({ totals: { all: 1, byStatus: { free: 1 } } });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/members/${member.id}`,
      headers: admin,
    });
    expect(deleted.statusCode).toBe(204);
  });

  it('imports CSV as a text/csv body or a multipart file, and exports it', async () => {
    const csv = 'email,name,labels\r\nb@example.org,Bea,"x, y"\r\nbad,,\r\nc@example.org,Cy,\r\n';
    const refused = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/members/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      isImported: false,
      imported: 0,
      problems: [{ row: 3, field: 'email' }],
    });
    const boundary = 'xyzzy';
    const multipart =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/members/import?skipInvalid=true',
      headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(imported.json()).toMatchObject({ isImported: true, imported: 2, invalid: 1 });
    const exported = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members/export',
      headers: admin,
    });
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="members-/);
    expect(exported.body.split('\r\n')[0]).toBe(
      'email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,labels,newsletters',
    );
    // subscribed_to_emails is "on any list", and this newsroom has none.
    expect(exported.body).toContain('b@example.org,Bea,,false,false,,');
    expect(exported.body).toContain('"x, y"');
  });

  it('updates existing members with mode=update or upsert, and refuses an unknown mode naming it', async () => {
    const post = (query: string, csv: string) =>
      app.inject({
        method: 'POST',
        url: `/api/admin/v1/members/import${query}`,
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
    const csv = 'email,name\r\nb@example.org,Beatrice\r\nnew@example.org,Newt\r\n';
    const unknown = await post('?mode=replace', csv);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      errors: [{ field: 'mode', message: 'must be create, update or upsert' }],
    });
    const byDefault = await post('', csv);
    expect(byDefault.json()).toMatchObject({
      mode: 'create',
      imported: 1,
      updated: 0,
      skipped: [{ row: 2, reason: expect.stringMatching(/already a member/) as string }],
    });
    const updated = await post(
      '?mode=update',
      'email,name\r\nb@example.org,Beatrice\r\nzed@example.org,Zed\r\n',
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      mode: 'update',
      imported: 0,
      updated: 1,
      unchanged: 0,
      skipped: [{ row: 3, reason: expect.stringMatching(/no member has this email/) as string }],
    });
    const upserted = await post(
      '?mode=upsert',
      'email,name\r\nb@example.org,Beatrice\r\nzed@example.org,Zed\r\n',
    );
    expect(upserted.json()).toMatchObject({ imported: 1, updated: 0, unchanged: 1, skipped: [] });
    const list = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/members?q=example.org&limit=100',
      headers: admin,
    });
    const names = list.json<{ members: { email: string; name: string }[] }>().members;
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'b@example.org', name: 'Beatrice' }),
        expect.objectContaining({ email: 'zed@example.org', name: 'Zed' }),
      ]),
    );
  });
});
