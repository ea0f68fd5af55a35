import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createOutboundClient } from '../../platform/http/outbound.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { ImportsTables } from './imports.table.js';
import { createWordPressImporter } from './wordpress-import.js';

/**
 * `import wordpress --fetch-media`: images the export links are downloaded through the outbound
 * guard. A local server stands in for the old site; only a client built with `allowPrivate`
 * (what ALLOW_PRIVATE_MEDIA_FETCH gives, refused in production) may reach it.
 */
const fixture = new URL(
  '../../../test/fixtures/wordpress/harbour-gazette-edge-cases.wxr.xml',
  import.meta.url,
).pathname;

const image = (seed: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({
    create: { width: 40 + seed, height: 30, channels: 3, background: { r: seed * 40, g: 9, b: 3 } },
  })
    .toFormat(format)
    .toBuffer();

let server: Server;
let origin: string;
const requested: string[] = [];
let exportFile: string;

beforeAll(async () => {
  const files: Record<string, { type: string; body: Buffer }> = {
    '/2026/10/buoy.jpg': { type: 'image/jpeg', body: await image(1) },
    '/2026/10/crane.png': { type: 'image/png', body: await image(2, 'png') },
    // Says it is a JPEG; the bytes are a web page. The bytes decide.
    '/2026/10/gull.jpg': { type: 'image/jpeg', body: Buffer.from('<html>not here</html>') },
  };
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const file = files[path];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The fixture's uploads host, pointed at the local server.
  exportFile = join(await mkdtemp(join(tmpdir(), 'wp-fetch-')), 'export.xml');
  await writeFile(
    exportFile,
    (await readFile(fixture, 'utf8')).replaceAll('https://harbour-gazette.files.example', origin),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachDatabase('WordPress import: downloading media', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    requested.length = 0;
  });

  it('downloads each image once, serves a resized copy from its original, and rewrites the references', async () => {
    const importer = createWordPressImporter({
      db: ctx.db as unknown as Kysely<ImportsTables>,
      clock: ctx.clock,
      services: ctx.services,
      outbound: createOutboundClient({ allowPrivate: true, timeoutMs: 10_000 }),
    });
    const report = await importer({ file: exportFile, fetchMedia: true });
    const post = await ctx.services.posts.bySlug('cranes-and-buoys');
    const blocks = post?.body.content ?? [];
    const gallery = blocks.find((b) => b.type === 'gallery');
    const images = gallery?.type === 'gallery' ? gallery.attrs.images : [];
    expect(images.map((i) => i.mediaId)).toEqual([expect.any(String), expect.any(String)]);
    expect(images.every((i) => i.src.startsWith('/media/'))).toBe(true);
    const figure = blocks.find((b) => b.type === 'figure');
    // buoy-300x200.jpg is the attachment buoy.jpg: the same media item, never requested itself.
    expect(figure?.type === 'figure' && figure.attrs.mediaId).toBe(images[1]?.mediaId);
    expect(requested.filter((p) => p === '/2026/10/buoy.jpg')).toHaveLength(1);
    expect(requested).not.toContain('/2026/10/buoy-300x200.jpg');
    // gull.jpg answered with HTML: reported, linked where it was, no lead image.
    expect(post?.leadImage).toBeNull();
    expect(report.lines).toContainEqual(
      expect.objectContaining({
        part: `image ${origin}/2026/10/gull.jpg`,
        reason: expect.stringMatching(/not a usable image/),
      }),
    );
    expect(report.countsOf('media')).toMatchObject({ created: 2 });
  });

  it('refuses private addresses with the guard production uses: a line per image, no request made', async () => {
    // servicesFor builds the imports service as production does (no private addresses).
    const report = await ctx.services.imports.wordpress({ file: exportFile, fetchMedia: true });
    expect(requested).toEqual([]);
    const refused = report.lines.filter((l) => l.part === `image ${origin}/2026/10/buoy.jpg`);
    expect(refused).toContainEqual(
      expect.objectContaining({
        reason: expect.stringMatching(/not downloaded: .*127\.0\.0\.1.*linked where it is/),
      }),
    );
    const post = await ctx.services.posts.bySlug('cranes-and-buoys');
    const gallery = post?.body.content.find((b) => b.type === 'gallery');
    expect(gallery?.type === 'gallery' && gallery.attrs.images[0]?.src).toBe(
      `${origin}/2026/10/crane.png`,
    );
  });
});
