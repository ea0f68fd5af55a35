import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

/** The names and text of a .tar.gz's files (ustar: 512-byte headers, then the data, padded). */
function untar(gz: Buffer): Map<string, string> {
  const tar = gunzipSync(gz);
  const files = new Map<string, string>();
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 48);
    if (type === '0' || type === '\0')
      files.set(
        prefix ? `${prefix}/${name}` : name,
        tar.subarray(at + 512, at + 512 + size).toString('utf8'),
      );
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describeEachDatabase('Admin API: GET /export', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext & { app: FastifyInstance };
  let owner: Record<string, string>;

  beforeAll(async () => {
    await getDb().truncate();
    ctx = await appFor(getDb());
    app = ctx.app;
    const { user } = await ctx.services.staff.create({
      email: 'owner@example.org',
      name: 'Olga Owner',
      role: 'owner',
      password: 'export password 1',
    });
    const session = await ctx.services.staffSessions.create(user.id);
    owner = { cookie: `masthead_staff=${session.secret}`, 'x-csrf-token': session.csrfToken };
    await ctx.services.memberAdmin.importCsv('email,name\r\nreader@example.org,Ada Reader\r\n');
  });
  afterAll(() => app.close());

  const download = (format: string, headers = owner) =>
    app.inject({ method: 'GET', url: `/api/admin/v1/export?format=${format}`, headers });

  it('gives the owner the Masthead archive and both Ghost exports, each one readable', async () => {
    const masthead = await download('masthead');
    expect(masthead.statusCode).toBe(200);
    expect(masthead.headers['content-disposition']).toMatch(
      /attachment; filename="masthead-export-.*\.tar\.gz"/,
    );
    const archive = untar(masthead.rawPayload);
    expect(JSON.parse(archive.get('masthead-export.json')!)).toMatchObject({
      format: 'masthead-export',
    });

    const ghost = await download('ghost');
    expect(ghost.statusCode).toBe(200);
    const files = untar(ghost.rawPayload);
    const data = JSON.parse(files.get('ghost-export.json')!) as {
      db: { meta: { version: string } }[];
    };
    expect(data.db[0]?.meta.version).toMatch(/^5\./);
    expect(files.get('members.csv')).toContain('reader@example.org');

    const json = await download('ghost-json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(json.json()).toMatchObject({ db: [{ data: { users: [{ name: 'Olga Owner' }] } }] });

    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'newsroom.exported')
      .execute();
    expect(audited).toHaveLength(3);
  });

  it('refuses anyone but the owner, and names a format it does not know', async () => {
    const admin = await tokenHeaders(ctx.services, 'administrator');
    expect((await download('ghost', admin)).statusCode).toBe(403);
    const bad = await download('wordpress');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('format');
  });
});
