import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { ImportReport } from './import-report.js';

/**
 * The cases WordPress's theme unit test data exposed (issue #15), in our own fixture: galleries
 * of a post's own images, resized copies, uploads off `wp-content`, percent-encoded slugs,
 * titles with markup, authors written loosely, reserved slugs, passwords, video covers, pages
 * under parents and nested categories.
 */
const fixture = new URL(
  '../../../test/fixtures/wordpress/harbour-gazette-edge-cases.wxr.xml',
  import.meta.url,
).pathname;

/** A real image of its own colour (media deduplicates identical bytes). */
const image = (seed: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({
    create: {
      width: 40 + seed,
      height: 30,
      channels: 3,
      background: { r: seed * 40, g: 90, b: 30 },
    },
  })
    .toFormat(format)
    .toBuffer();

async function uploadsFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wp-uploads-'));
  await mkdir(join(dir, '2026/10'), { recursive: true });
  await writeFile(join(dir, '2026/10/buoy.jpg'), await image(1));
  // WordPress's resized copy: other bytes, the same picture. It must not become its own item.
  await writeFile(join(dir, '2026/10/buoy-300x200.jpg'), await image(2));
  await writeFile(join(dir, '2026/10/crane.png'), await image(3, 'png'));
  await writeFile(join(dir, '2026/10/gull.jpg'), await image(4));
  return dir;
}

const greek = 'λιμάνι';
const greekPath = `/${encodeURIComponent(greek)}/`;

describeEachDatabase('WordPress import: what the theme unit test data exposed', (getDb) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let report: ImportReport;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    ctx = built;
    app = built.app;
    report = await ctx.services.imports.wordpress({
      file: fixture,
      mediaDir: await uploadsFolder(),
    });
  });

  it('shows a [gallery] without ids as the images uploaded to the post, in their order, and a resized copy as its original', async () => {
    const post = await ctx.services.posts.bySlug('cranes-and-buoys');
    const blocks = post?.body.content ?? [];
    const gallery = blocks.find((b) => b.type === 'gallery');
    expect(gallery?.type === 'gallery' && gallery.attrs.images.map((i) => i.alt)).toHaveLength(2);
    const galleryIds =
      gallery?.type === 'gallery' ? gallery.attrs.images.map((i) => i.mediaId) : [];
    const figures = blocks.flatMap((b) => (b.type === 'figure' ? [b.attrs] : []));
    // crane (menu order 1) before buoy (2); buoy-300x200.jpg is buoy; gull.jpg?w=600 is gull.
    expect(figures[0]?.mediaId).toBe(galleryIds[1]);
    expect(figures[0]?.alt).toBe('The buoy, smaller');
    expect(post?.leadImage?.mediaId).toBe(figures[1]?.mediaId);
    expect(new Set([...galleryIds, ...figures.map((f) => f.mediaId)]).size).toBe(3);
    // Found on a host of their own (not under /wp-content/uploads/), all in the folder.
    expect(report.countsOf('media')).toMatchObject({ created: 3 });
    expect(report.lines.map((l) => l.part)).not.toContain('[gallery]');
  });

  it('decodes percent-encoded slugs, keeps titles as text, and answers old links with ASCII redirects', async () => {
    expect(await ctx.services.posts.bySlug(greek)).toMatchObject({ title: 'Λιμάνι' });
    expect((await ctx.services.posts.bySlug('tides-turn'))?.title).toBe('Tides turn & rise');
    for (const url of [
      '/?p=311',
      // The old link, with its doubled slash, as WordPress wrote it and as a browser encodes it.
      '//news/%ce%bb%ce%b9%ce%bc%ce%ac%ce%bd%ce%b9/',
      `/news${greekPath}`,
    ]) {
      const response = await app.inject({ url });
      expect({ url, status: response.statusCode, location: response.headers.location }).toEqual({
        url,
        status: 301,
        location: greekPath,
      });
    }
    expect((await app.inject({ url: greekPath })).statusCode).toBe(200);
  });

  it('gives a post by an author written loosely (">mira") to that author, and an unknown one to the first author, with a line', async () => {
    const loose = await ctx.services.posts.bySlug('tides-turn');
    const unknown = await ctx.services.posts.bySlug('night-shift');
    expect(loose?.authors[0]?.name).toBe('Mira Quayle');
    expect(unknown?.authors[0]?.name).toBe('Mira Quayle');
    expect(report.lines).toContainEqual(
      expect.objectContaining({ item: 'post "night-shift"', part: 'author' }),
    );
  });

  it('moves a slug the site reserves, keeps password-protected posts off the site, and does not show a video cover as an image', async () => {
    expect(await ctx.services.posts.bySlug('feed')).toBeUndefined();
    expect(await ctx.services.posts.bySlug('feed-post-313')).toMatchObject({ status: 'published' });
    expect((await app.inject({ url: '/?p=313' })).headers.location).toBe('/feed-post-313/');
    expect(await ctx.services.posts.bySlug('members-only')).toMatchObject({ status: 'draft' });
    expect((await app.inject({ url: '/members-only/' })).statusCode).toBe(404);
    expect(await ctx.services.imports.redirectFor('/?p=314')).toBeUndefined();
    const night = await ctx.services.posts.bySlug('night-shift');
    expect(night?.body.content.map((b) => b.type)).toEqual(['paragraph']);
    expect(report.lines).toContainEqual(
      expect.objectContaining({ item: 'post "night-shift"', part: 'video' }),
    );
  });

  it('answers /?p=ID and /?page_id=ID for pages, a child page and a nested category at their WordPress addresses', async () => {
    for (const [url, location] of [
      ['/?p=316', '/opening-hours/'],
      ['/?page_id=316', '/opening-hours/'],
      ['/visit/opening-hours/', '/opening-hours/'],
      ['/category/local/', '/tag/local/'],
      ['/category/news/local/', '/tag/local/'],
    ] as const) {
      const response = await app.inject({ url });
      expect({ url, status: response.statusCode, location: response.headers.location }).toEqual({
        url,
        status: 301,
        location,
      });
    }
  });
});
