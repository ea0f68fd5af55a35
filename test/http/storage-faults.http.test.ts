// Media storage that fails under the app: a full disk (ENOSPC) and a read-only one (EROFS),
// injected through the storage adapter's file-system facade (root ignores chmod, and CI cannot
// mount such disks). Each answer is the one a newsroom's staff and its load balancer see.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createFaultyStorageFs } from '../helpers/faulty-storage-fs.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));

const png = (background: string) =>
  sharp({ create: { width: 640, height: 400, channels: 3, background } })
    .png()
    .toBuffer();

function multipart(bytes: Buffer) {
  const boundary = '----masthead-storage-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nRiver at dusk\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="river.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describeEachDatabase('media storage faults', (getDb) => {
  const disk = createFaultyStorageFs();
  const warnings: string[] = [];
  let app: FastifyInstance;
  let ctx: TestContext;
  let author: Record<string, string>;

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb(), undefined, {
      storageFs: disk.fs,
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    app = (await appFor(getDb(), ctx)).app;
    author = await tokenHeaders(ctx.services, 'author');
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => disk.heal());

  const upload = (bytes: Buffer) => {
    const body = multipart(bytes);
    return app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...author, ...body.headers },
      payload: body.payload,
    });
  };
  const mediaRows = async () =>
    (await ctx.db.selectFrom('media').select('id').execute()).map((row) => row.id);

  it('a full disk answers an upload 507 STORAGE_FULL, keeping no file, no temporary file and no media item', async () => {
    const before = await mediaRows();
    const filesBefore = filesUnder(ctx.mediaDir);
    disk.failWith('ENOSPC');
    const bytes = await png('#246');
    const response = await upload(bytes);
    expect(response.statusCode).toBe(507);
    expect(response.json()).toEqual({
      errors: [{ code: 'STORAGE_FULL', message: expect.stringMatching(/^Media storage is full/) }],
    });
    expect(filesUnder(ctx.mediaDir)).toEqual(filesBefore);
    expect(filesUnder(ctx.mediaDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await mediaRows()).toEqual(before);

    // Once space is freed the same file uploads as new: nothing of the failed try remained.
    disk.heal();
    const retried = await upload(bytes);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ isDuplicate: false });
    const { media } = retried.json() as { media: { id: string; url: string } };
    expect((await app.inject(media.url)).statusCode).toBe(200);
  });

  it('a read-only disk answers an upload 503 STORAGE_NOT_WRITABLE with Retry-After, keeping nothing', async () => {
    const before = await mediaRows();
    const filesBefore = filesUnder(ctx.mediaDir);
    disk.failWith('EROFS');
    const response = await upload(await png('#642'));
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json()).toEqual({
      errors: [
        {
          code: 'STORAGE_NOT_WRITABLE',
          message: expect.stringMatching(/^Media storage cannot be written to/),
        },
      ],
    });
    expect(filesUnder(ctx.mediaDir)).toEqual(filesBefore);
    expect(await mediaRows()).toEqual(before);
  });

  it('deleting an image on a read-only disk deletes it (204, gone) and tells the operator about the files left', async () => {
    const uploaded = await upload(await png('#468'));
    expect(uploaded.statusCode).toBe(201);
    const { id } = (uploaded.json() as { media: { id: string } }).media;
    disk.failWith('EROFS');
    warnings.length = 0;
    const editor = await tokenHeaders(ctx.services, 'editor');
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/media/${id}`,
      headers: editor,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await mediaRows()).not.toContain(id);
    expect(warnings).toContain('a deleted media item left a file that could not be removed');
    disk.heal();
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/admin/v1/media/${id}`,
      headers: editor,
    });
    expect(again.statusCode).toBe(404);
  });

  it('/readyz answers 503 naming storage while the disk is full or read-only, and 200 once it recovers; /healthz stays 200', async () => {
    // The PostgreSQL lane also has a read replica (test-database.ts), which readiness reports.
    const replica = getDb().database.readSide ? { databaseReplica: 'ok' } : {};
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', ...replica, storage: 'ok' },
    });

    for (const [fault, state] of [
      ['ENOSPC', 'full'],
      ['EROFS', 'not-writable'],
      ['EACCES', 'not-writable'],
    ] as const) {
      disk.failWith(fault);
      const failing = await app.inject('/readyz');
      expect(failing.statusCode, fault).toBe(503);
      expect(failing.headers['cache-control']).toBe('no-store');
      expect(failing.json(), fault).toEqual({
        status: 'unavailable',
        checks: { database: 'ok', ...replica, storage: state },
      });
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    }

    disk.heal();
    const recovered = await app.inject('/readyz');
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ checks: { storage: 'ok' } });
    expect(filesUnder(ctx.mediaDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('readers still get resized images while the disk is full: the copy is served, just not kept', async () => {
    const created = await upload(await png('#864'));
    expect(created.statusCode).toBe(201);
    const { media } = created.json() as { media: { id: string } };
    disk.failWith('ENOSPC');
    const image = await app.inject(`/media/${media.id}/w320.webp`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(filesUnder(ctx.mediaDir).filter((f) => f.includes(media.id))).toHaveLength(1);
  });

  it('the sweep run at start removes temporary files a crash left over an hour ago, keeping younger ones', async () => {
    // The service reads the age from its clock; the files' times are set against the same clock.
    const now = ctx.clock.now().getTime();
    mkdirSync(join(ctx.mediaDir, 'originals/2026-01'), { recursive: true });
    const place = (path: string, minutesAgo: number) => {
      const full = join(ctx.mediaDir, path);
      writeFileSync(full, 'half an image');
      const at = new Date(now - minutesAgo * 60_000);
      utimesSync(full, at, at);
    };
    place('originals/2026-01/crashed.png.0123456789ab.tmp', 90);
    place('originals/2026-01/writing.png.ba9876543210.tmp', 5);
    expect(await ctx.services.media.removeStaleTemporaryFiles()).toBe(1);
    expect(filesUnder(ctx.mediaDir).filter((f) => f.endsWith('.tmp'))).toEqual([
      'originals/2026-01/writing.png.ba9876543210.tmp',
    ]);
  });
});
