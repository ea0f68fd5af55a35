import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

/**
 * Sends only the headers of a request announcing a huge body, and returns the status the server
 * answers with before any of that body is sent: a refusal before buffering, not after.
 */
function statusBeforeBody(
  port: number,
  path: string,
  headers: Record<string, string>,
  length: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { ...headers, 'content-length': String(length) },
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.write('x'); // one byte of the announced body, then nothing
  });
}

describeEachDatabase('request body limits', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let port: number;
  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => app.close());

  it('refuses a large body to a public route before reading it, whatever its type', async () => {
    const mb = 1024 * 1024;
    for (const type of ['application/json', 'text/csv'])
      for (const path of ['/api/admin/v1/session', '/api/admin/v1/password-reset'])
        expect(await statusBeforeBody(port, path, { 'content-type': type }, 64 * mb)).toBe(413);
    // A concurrent burst changes nothing: each one is refused at its headers.
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        statusBeforeBody(port, '/api/admin/v1/session', { 'content-type': 'text/csv' }, 64 * mb),
      ),
    );
    expect(burst).toEqual(Array(12).fill(413));
    const small = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/session',
      payload: { email: 'x'.repeat(20 * 1024), password: 'y' },
    });
    expect(small.statusCode).toBe(413);
    expect(small.json()).toMatchObject({ errors: [{ code: 'BODY_TOO_LARGE' }] });
  });

  it('lets only those allowed to import send a large CSV, and checks who they are first', async () => {
    const editor = await tokenHeaders(ctx.services, 'editor');
    const admin = await tokenHeaders(ctx.services, 'administrator');
    const big = 10 * 1024 * 1024;
    const headers = { 'content-type': 'text/csv' };
    expect(await statusBeforeBody(port, '/api/admin/v1/members/import', headers, big)).toBe(401);
    expect(
      await statusBeforeBody(port, '/api/admin/v1/members/import', { ...headers, ...editor }, big),
    ).toBe(403);
    // Other signed-in routes keep the 2 MB limit.
    expect(
      await statusBeforeBody(
        port,
        '/api/admin/v1/posts',
        { ...headers, ...admin },
        3 * 1024 * 1024,
      ),
    ).toBe(413);

    const rows = ['email,name'];
    for (let i = 0; i < 60_000; i += 1) rows.push(`reader${i}@example.org,Reader number ${i}`);
    const csv = `${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/members/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 60_000 });
  }, 120_000);
});
