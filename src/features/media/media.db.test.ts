import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import { mediaListQuerySchema, mediaUpdateSchema } from '../../shared/contracts/media.js';
import { LocalDiskStorage, type Storage } from '../../platform/storage/index.js';
import type { Doc } from '../../shared/richtext/index.js';
import { createMediaService, type MediaService } from './media.service.js';
import type { MediaTables } from './media.table.js';
import type { EventsTables } from '../events/index.js';

/** The tags of IFD0 in an EXIF block as sharp returns it ("Exif\0\0" + a TIFF header). */
function ifd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.toString('latin1', 0, 4) === 'Exif' ? 6 : 0);
  const isLittle = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (isLittle ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (isLittle ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  return Array.from({ length: u16(ifd0) }, (_, i) => u16(ifd0 + 2 + i * 12));
}
const gpsInfoPointer = 0x8825;
const hasGps = (exif: Buffer | undefined) =>
  exif !== undefined && ifd0Tags(exif).includes(gpsInfoPointer);

/** A library query as the Admin API's front door parses it. */
const listQuery = (input: Record<string, unknown>) => parseInput(mediaListQuerySchema, input);

const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } });

const gpsJpeg = () =>
  solid(800, 600, '#456')
    .withExif({
      IFD0: { Make: 'FieldCam', Model: 'Reporter 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 27/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '30/1 31/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();

/** 144 megapixels of one colour: a few hundred KB on disk, over half a gigabyte decoded. */
const bombPromise = solid(12_000, 12_000, '#ffffff').png({ compressionLevel: 9 }).toBuffer();

const body: Doc = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Smoke over the river.' }] }],
};

/** Storage that counts writes and reads per key, to prove variants are made once. */
function countingStorage(inner: Storage) {
  const puts = new Map<string, number>();
  const gets = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const storage: Storage = {
    put: (key, bytes, type) => (bump(puts, key), inner.put(key, bytes, type)),
    get: (key) => (bump(gets, key), inner.get(key)),
    read: (key, range) => inner.read(key, range),
    stat: (key) => inner.stat(key),
    list: (prefix) => inner.list(prefix),
    exists: (key) => inner.exists(key),
    delete: (key) => inner.delete(key),
    check: () => inner.check(),
    removeStaleTemporaryFiles: (options) => inner.removeStaleTemporaryFiles(options),
  };
  return { storage, puts, gets };
}

describeEachDatabase('media library', (getDb) => {
  let ctx: TestContext;
  let media: MediaService;

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    media = ctx.services.media;
  });

  it('re-encodes a JPEG without its EXIF (GPS position included)', async () => {
    const bytes = await gpsJpeg();
    expect(hasGps((await sharp(bytes).metadata()).exif)).toBe(true);
    const { media: item, isDuplicate } = await media.upload({ bytes, originalName: 'scene.jpg' });
    expect(isDuplicate).toBe(false);
    expect(item).toMatchObject({ mime: 'image/jpeg', width: 800, height: 600 });
    const stored = await media.original(item.id);
    if (!stored) throw new Error('original not stored');
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(hasGps(meta.exif)).toBe(false);
    expect(meta.exif).toBeUndefined();
  });

  it('types PNG, WebP, AVIF and GIF by their bytes, whatever the file is called', async () => {
    const cases = [
      { format: 'png', mime: 'image/png', bytes: await solid(300, 200, '#a00').png().toBuffer() },
      {
        format: 'webp',
        mime: 'image/webp',
        bytes: await solid(300, 200, '#0a0').webp().toBuffer(),
      },
      {
        format: 'heif',
        mime: 'image/avif',
        bytes: await solid(300, 200, '#00a').avif({ effort: 0 }).toBuffer(),
      },
      { format: 'gif', mime: 'image/gif', bytes: await solid(300, 200, '#aa0').gif().toBuffer() },
    ] as const;
    for (const c of cases) {
      const { media: item } = await media.upload({ bytes: c.bytes, originalName: 'photo.jpg' });
      expect(item, c.mime).toMatchObject({ mime: c.mime, width: 300, height: 200 });
      expect(item.url).toMatch(new RegExp(`original\\.${c.mime.split('/')[1] ?? ''}$`));
      const stored = await media.original(item.id);
      expect(stored?.mime).toBe(c.mime);
      expect((await sharp(stored?.bytes).metadata()).format).toBe(c.format);
    }
  });

  it('refuses what is not an accepted image: text 415, SVG 400, empty 400', async () => {
    await expect(
      media.upload({ bytes: Buffer.from('hello, this is not a picture\n'), originalName: 'x.png' }),
    ).rejects.toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      problems: [{ field: 'file' }],
    });
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await expect(media.upload({ bytes: svg, originalName: 'logo.png' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'file', message: expect.stringContaining('SVG') as string }],
    });
    await expect(media.upload({ bytes: Buffer.alloc(0) })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'file', message: 'file is empty' }],
    });
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = await bombPromise;
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = (await media.list({ limit: 100 })).items.length;
    await expect(media.upload({ bytes: bomb, originalName: 'bomb.png' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_IMAGE',
      // The size comes from the header; the pixel limit is checked before anything is decoded.
      problems: [{ field: 'file', message: expect.stringContaining('12000×12000') as string }],
    });
    expect((await media.list({ limit: 100 })).items.length).toBe(before);
  });

  it('refuses NUL in the metadata of an upload (parsed at the front door), naming the field', () => {
    expect(() => parseInput(mediaUpdateSchema, { alt: 'a\u0000b' })).toThrow(
      expect.objectContaining({
        status: 400,
        problems: [expect.objectContaining({ field: 'alt' })],
      }) as Error,
    );
  });

  it('answers identical uploads with the same item and isDuplicate', async () => {
    const bytes = await solid(400, 300, '#246').jpeg().toBuffer();
    const first = await media.upload({ bytes, originalName: 'a.jpg' });
    const again = await media.upload({ bytes, originalName: 'b.jpg' });
    expect(first.isDuplicate).toBe(false);
    expect(again).toEqual({ media: first.media, isDuplicate: true });
    const [x, y] = await Promise.all([
      media.upload({ bytes: await solid(401, 300, '#246').png().toBuffer() }),
      media.upload({ bytes: await solid(401, 300, '#246').png().toBuffer() }),
    ]);
    expect(x?.media.id).toBe(y?.media.id);
    expect([x?.isDuplicate, y?.isDuplicate].filter(Boolean)).toHaveLength(1);
  });

  it('makes a resized copy once, stores it, and refuses widths the original does not have', async () => {
    const counted = countingStorage(new LocalDiskStorage(ctx.mediaDir));
    const service = createMediaService({
      db: getDb().database.db as Kysely<MediaTables & EventsTables>,
      clock: ctx.clock,
      storage: counted.storage,
      events: ctx.services.events,
    });
    const { media: item } = await service.upload({
      bytes: await solid(1200, 800, '#765').jpeg().toBuffer(),
    });
    expect(item.widths).toEqual([320, 640, 960]);
    const key = `variants/${item.id}/w640.webp`;
    const first = await service.variant(item.id, 640, 'webp');
    const meta = await sharp(first).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 640, height: 427 });
    expect(counted.puts.get(key)).toBe(1);
    const second = await service.variant(item.id, 640, 'webp');
    expect(second?.equals(first ?? Buffer.alloc(0))).toBe(true);
    expect(counted.puts.get(key)).toBe(1);
    expect(counted.gets.get(key)).toBe(2);

    const together = await Promise.all(
      Array.from({ length: 4 }, () => service.variant(item.id, 320, 'jpeg')),
    );
    expect(counted.puts.get(`variants/${item.id}/w320.jpeg`)).toBe(1);
    expect(new Set(together.map((b) => b?.toString('base64'))).size).toBe(1);
    expect((await sharp(together[0]).metadata()).format).toBe('jpeg');

    expect(await service.variant(item.id, 1280, 'webp')).toBeUndefined();
    expect(await service.variant(item.id, 2000, 'jpeg')).toBeUndefined();
    expect(await service.variant(item.id, 700, 'webp')).toBeUndefined();
    expect(await service.variant(newId(), 320, 'webp')).toBeUndefined();
    expect([...counted.puts.keys()].filter((k) => k.startsWith('variants/'))).toHaveLength(2);
  });

  it('lists newest first with a keyset cursor and searches alt, caption, credit and name', async () => {
    await getDb().truncate();
    const made: string[] = [];
    const entries = [
      { name: 'river.jpg', meta: { alt: 'Smoke over the RIVER' } },
      { name: 'market.jpg', meta: { caption: 'The market after the strike' } },
      { name: 'portrait.jpg', meta: { credit: 'Olena Varga / Masthead' } },
      { name: 'Bridge_at_dawn.jpg', meta: {} },
      { name: '100%-sure.jpg', meta: { alt: 'Percent' } },
    ];
    for (const [i, entry] of entries.entries()) {
      ctx.clock.advance(60_000);
      const bytes = await solid(100 + i, 100, '#321')
        .png()
        .toBuffer();
      made.push(
        (await media.upload({ bytes, originalName: entry.name, meta: entry.meta })).media.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await media.list(listQuery({ limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.limit).toBe(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());

    const ids = async (q: string) => (await media.list(listQuery({ q }))).items.map((m) => m.id);
    expect(await ids('river')).toEqual([made[0]]);
    expect(await ids('AFTER THE')).toEqual([made[1]]);
    expect(await ids('varga')).toEqual([made[2]]);
    expect(await ids('bridge_at')).toEqual([made[3]]);
    expect(await ids('%')).toEqual([made[4]]);
    expect(await ids('_')).toEqual([made[3]]);
    expect(await ids("'; drop table media; --")).toEqual([]);
  });

  it('refuses a bad limit, cursor or query with 400 naming the field', async () => {
    expect(() => listQuery({ limit: 101 })).toThrow(
      expect.objectContaining({
        status: 400,
        problems: [expect.objectContaining({ field: 'limit' })],
      }) as Error,
    );
    await expect(media.list(listQuery({ cursor: 'garbage' }))).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'cursor' }],
    });
    expect(() => listQuery({ q: 'x', colour: 'red' })).toThrow(
      expect.objectContaining({ status: 400 }) as Error,
    );
  });

  it('deletes an item and its files; posts and sections that used it lose the image', async () => {
    const { media: item } = await media.upload({
      bytes: await solid(1000, 600, '#135').jpeg().toBuffer(),
      meta: { alt: 'Lead' },
    });
    await media.variant(item.id, 640, 'webp');
    const author = await ctx.services.authors.create({ name: 'Photo Desk' });
    const tag = await ctx.services.tags.create({ name: 'Front', imageMediaId: item.id });
    const postId = newId();
    await ctx.services.posts.importBatch([
      {
        id: postId,
        kind: 'article',
        slug: 'with-a-lead-image',
        title: 'With a lead image',
        body,
        authorIds: [author.id],
        tagIds: [tag.id],
        status: 'draft',
        leadImage: { mediaId: item.id, alt: 'Lead', caption: '', credit: '' },
      },
    ]);
    expect((await ctx.services.posts.byId(postId)).leadImage?.mediaId).toBe(item.id);

    await media.remove(item.id);
    expect(await media.byId(item.id)).toBeUndefined();
    expect(await media.original(item.id)).toBeUndefined();
    expect(await media.variant(item.id, 640, 'webp')).toBeUndefined();
    expect((await ctx.services.posts.byId(postId)).leadImage).toBeNull();
    expect((await ctx.services.tags.byId(tag.id))?.imageMediaId).toBeNull();
    await expect(media.remove(item.id)).rejects.toMatchObject({ status: 404 });
  });
});
