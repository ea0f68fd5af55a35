// Media on S3-compatible storage (issue #14), against a real S3-protocol server (s3rver) the
// test starts: uploads land in the bucket, the story page's images answer — served by the app
// from the bucket, or straight from the bucket's own address as MEDIA_PUBLIC_URL — and a
// deletion removes every object of the item.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.js';
import { S3Storage } from '../../src/platform/storage/s3-storage.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { startTestS3, type TestS3 } from '../helpers/test-s3.js';
import { createLogger } from '../../src/platform/logger.js';
import { cdnPurgerFor } from '../../src/runtime/cdn-purger.js';
import { noteMediaPublicUrl } from '../../src/runtime/media-base.js';
import { startCdnStandIn } from '../helpers/cdn-stand-in.js';
import { appFor, servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

function multipart(bytes: Buffer) {
  const boundary = '----masthead-s3-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="river.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every URL in the page's srcset and src attributes of pictures. */
const imageUrlsIn = (html: string) => {
  const urls = new Set<string>();
  for (const [, srcset = ''] of html.matchAll(/srcset="([^"]+)"/g))
    for (const candidate of srcset.split(', ')) urls.add(candidate.split(' ')[0] ?? '');
  for (const [, src = ''] of html.matchAll(/<img[^>]* src="([^"]+)"/g)) urls.add(src);
  return [...urls].filter((url) => url.includes('/media/') || url.includes('variants/'));
};

const typeOfUrl = (url: string) => (url.endsWith('.webp') ? 'image/webp' : 'image/jpeg');

describeEachDatabase('media on S3', (getDb) => {
  let s3: TestS3;
  let bucket: S3Storage;
  const keysOf = async (id: string) => {
    const keys: string[] = [];
    for await (const entry of bucket.list()) if (entry.key.includes(id)) keys.push(entry.key);
    return keys.sort();
  };

  beforeAll(async () => {
    await getDb().truncate();
    s3 = await startTestS3();
    bucket = new S3Storage(s3.options);
  });
  afterAll(async () => {
    bucket.close();
    await s3.stop();
  });

  /** An app over the bucket; an uploaded 1000-pixel photo as a published story's lead image. */
  async function storyWithLeadImage(options: { mediaPublicUrl?: string }) {
    const storage = new S3Storage(s3.options);
    const ctx: TestContext = servicesFor(getDb(), undefined, { storage, ...options });
    const { app } = await appFor(getDb(), ctx);
    const headers = await tokenHeaders(ctx.services, 'editor');
    const photo = await sharp({
      create: {
        width: 1000,
        height: 600,
        channels: 3,
        background: `#${randomBytes(3).toString('hex')}`,
      },
    })
      .jpeg()
      .toBuffer();
    const body = multipart(photo);
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const media = (uploaded.json() as { media: { id: string; url: string } }).media;
    const author = await ctx.services.authors.create({ name: `Photo Desk ${newId()}` });
    const postId = newId();
    const slug = `river-${postId.slice(-8)}`;
    await ctx.services.posts.importBatch([
      {
        id: postId,
        kind: 'article',
        slug,
        title: 'Smoke over the river',
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }],
        },
        authorIds: [author.id],
        tagIds: [],
        status: 'published',
        publishedAt: ctx.clock.now().toISOString(),
        leadImage: { mediaId: media.id, alt: 'River', caption: '', credit: '' },
      },
    ]);
    const post = await ctx.services.posts.byId(postId);
    return { app, ctx, headers, media, storyUrl: post.url, storage, close: () => app.close() };
  }

  const deleteMedia = async (app: FastifyInstance, headers: Record<string, string>, id: string) =>
    (await app.inject({ method: 'DELETE', url: `/api/admin/v1/media/${id}`, headers })).statusCode;

  describe('served by the app from the bucket', () => {
    it('stores the original in the bucket, answers every srcset URL with its type, and deleting removes the objects', async () => {
      const story = await storyWithLeadImage({});
      expect(await keysOf(story.media.id)).toEqual([
        expect.stringMatching(new RegExp(`^originals/\\d{4}-\\d{2}/${story.media.id}\\.jpg$`)),
      ]);
      const page = await story.app.inject({ url: story.storyUrl });
      expect(page.statusCode).toBe(200);
      const urls = imageUrlsIn(page.body);
      expect(urls.length).toBeGreaterThanOrEqual(6);
      for (const url of urls) {
        expect(url.startsWith(`/media/${story.media.id}/`)).toBe(true);
        const image = await story.app.inject({ url });
        expect(image.statusCode, url).toBe(200);
        expect(image.headers['content-type']).toBe(typeOfUrl(url));
        expect((await sharp(image.rawPayload).metadata()).format).toBe(
          url.endsWith('.webp') ? 'webp' : 'jpeg',
        );
      }
      // Resized copies made on request are kept in the bucket: 320, 640 and 960 in two formats.
      expect(await keysOf(story.media.id)).toHaveLength(7);

      expect(await deleteMedia(story.app, story.headers, story.media.id)).toBe(204);
      expect(await keysOf(story.media.id)).toEqual([]);
      expect((await story.app.inject({ url: urls[0] ?? '' })).statusCode).toBe(404);
      await story.close();
    });

    it('answers byte ranges from the bucket: 206 with Content-Range, and 416 past the end', async () => {
      const story = await storyWithLeadImage({});
      const whole = await story.app.inject({ url: story.media.url });
      expect(whole.headers['accept-ranges']).toBe('bytes');
      const size = whole.rawPayload.length;
      expect(Number(whole.headers['content-length'])).toBe(size);

      const head = await story.app.inject({
        url: story.media.url,
        headers: { range: 'bytes=0-99' },
      });
      expect(head.statusCode).toBe(206);
      expect(head.headers['content-range']).toBe(`bytes 0-99/${size}`);
      expect(head.rawPayload).toEqual(whole.rawPayload.subarray(0, 100));

      const tail = await story.app.inject({
        url: story.media.url,
        headers: { range: 'bytes=-10' },
      });
      expect(tail.statusCode).toBe(206);
      expect(tail.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
      expect(tail.rawPayload).toEqual(whole.rawPayload.subarray(size - 10));

      const past = await story.app.inject({
        url: story.media.url,
        headers: { range: `bytes=${size}-` },
      });
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${size}`);

      const several = await story.app.inject({
        url: story.media.url,
        headers: { range: 'bytes=0-1,5-6' },
      });
      expect(several.statusCode).toBe(200);
      await story.close();
    });
  });

  describe('with MEDIA_PUBLIC_URL at the bucket', () => {
    it('links every image at the bucket, where each answers with its type; deleting removes the objects', async () => {
      const story = await storyWithLeadImage({ mediaPublicUrl: s3.publicUrl });
      // Nothing can make a copy on request at the bucket: all six are made at upload.
      expect(await keysOf(story.media.id)).toHaveLength(7);
      expect(story.media.url).toMatch(new RegExp(`^${s3.publicUrl}/originals/`));
      const page = await story.app.inject({ url: story.storyUrl });
      const urls = imageUrlsIn(page.body);
      expect(urls.length).toBeGreaterThanOrEqual(6);
      for (const url of urls) {
        expect(url.startsWith(`${s3.publicUrl}/variants/${story.media.id}/`), url).toBe(true);
        const image = await fetch(url);
        expect(image.status, url).toBe(200);
        expect(image.headers.get('content-type')).toBe(typeOfUrl(url));
      }

      expect(await deleteMedia(story.app, story.headers, story.media.id)).toBe(204);
      expect(await keysOf(story.media.id)).toEqual([]);
      expect((await fetch(urls[0] ?? '')).status).toBe(404);
      await story.close();
    });
  });

  describe('when MEDIA_PUBLIC_URL is set on media the app used to serve', () => {
    it('drops every page once (purge all at the CDN) and makes the missing copies in the bucket, so every image answers', async () => {
      const logger = createLogger({ level: 'silent', pretty: false });
      // Before: the app serves media from the bucket and makes copies on request (none yet).
      const before = await storyWithLeadImage({});
      await (
        await noteMediaPublicUrl(before.ctx, undefined, logger)
      ).finished;
      expect(await keysOf(before.media.id)).toHaveLength(1);
      await before.close();

      // The next start, with the bucket's address as MEDIA_PUBLIC_URL and a CDN in front.
      const cdn = await startCdnStandIn();
      const silent = { warn: () => undefined, error: () => undefined };
      const purger = cdnPurgerFor(
        { provider: 'fastly', apiToken: 'fastly-token', serviceId: 'SVC', apiBase: cdn.url },
        silent,
      )!;
      const ctx = servicesFor(getDb(), undefined, {
        storage: new S3Storage(s3.options),
        mediaPublicUrl: s3.publicUrl,
      });
      const { app } = await appFor(getDb(), ctx, { cdnPurger: purger });
      try {
        await (
          await noteMediaPublicUrl(ctx, s3.publicUrl, logger)
        ).finished;
        await purger.flush();
        expect(cdn.calls.map((call) => call.path)).toEqual(['/service/SVC/purge_all']);
        expect(await keysOf(before.media.id)).toHaveLength(7);
        const page = await app.inject({ url: before.storyUrl });
        const urls = imageUrlsIn(page.body);
        expect(urls.length).toBeGreaterThanOrEqual(6);
        for (const url of urls) {
          expect(url.startsWith(`${s3.publicUrl}/variants/${before.media.id}/`), url).toBe(true);
          expect((await fetch(url)).status, url).toBe(200);
        }

        // Starting again with the same address changes nothing and purges nothing.
        cdn.calls.length = 0;
        await (
          await noteMediaPublicUrl(ctx, s3.publicUrl, logger)
        ).finished;
        await purger.flush();
        expect(cdn.calls).toEqual([]);
      } finally {
        await app.close();
        await purger.close();
        await cdn.close();
      }
    });
  });
});
