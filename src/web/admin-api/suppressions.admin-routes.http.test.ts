import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

describeEachDatabase('Admin API: the suppression list', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app, ...ctx } = await appFor(getDb()));
    admin = await tokenHeaders(ctx.services, 'administrator');
  });
  afterAll(() => app.close());

  it('adds by hand, imports a CSV (all or nothing), lists newest first and lifts one', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/suppressions',
      headers: admin,
      payload: { address: 'Asked@Example.org', detail: 'asked us by phone' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ isNew: true });

    const bad = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/suppressions/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'email,reason\nok@example.org,bounce\nnot-an-address,bounce\n',
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ imported: 0, problems: [{ line: 3, field: 'email' }] });
    const good = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/suppressions/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'email,reason\nok@example.org,bounce\nspam@example.org,complaint\n',
    });
    expect(good.json()).toMatchObject({ imported: 2, problems: [] });

    const list = await app.inject({ url: '/api/admin/v1/suppressions?limit=2', headers: admin });
    const body = list.json<{
      suppressions: Array<{ address: string }>;
      meta: { pagination: { next: string | null } };
    }>();
    expect(body.suppressions).toHaveLength(2);
    expect(body.meta.pagination.next).not.toBeNull();

    const lifted = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/suppressions/remove',
      headers: admin,
      payload: { address: 'asked@example.org' },
    });
    expect(lifted.statusCode).toBe(200);
    expect(await ctx.services.suppressions.isSuppressed('asked@example.org')).toBe(false);

    const editor = await tokenHeaders(ctx.services, 'editor');
    const refused = await app.inject({ url: '/api/admin/v1/suppressions', headers: editor });
    expect(refused.statusCode).toBe(403);
  });
});
