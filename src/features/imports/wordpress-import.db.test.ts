import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';

const fixture = new URL('../../../test/fixtures/wordpress/harbour-gazette.wxr.xml', import.meta.url)
  .pathname;
const photo = new URL('../../../test/fixtures/photo.jpg', import.meta.url).pathname;

/** An uploads folder holding the fixture's images (our own photo under WordPress's names). */
async function uploadsFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wp-uploads-'));
  await mkdir(join(dir, '2026/11'), { recursive: true });
  for (const name of [
    'harbour-dawn.jpg',
    'harbour-dawn-1024x576.jpg',
    'net-mending.jpg',
    'storm.jpg',
  ])
    await copyFile(photo, join(dir, '2026/11', name));
  return dir;
}

describeEachDatabase('import from a WordPress export', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  it('brings in authors, categories and tags, posts and pages with statuses, images and old addresses', async () => {
    const report = await ctx.services.imports.wordpress({
      file: fixture,
      mediaDir: await uploadsFolder(),
    });
    const tides = await ctx.services.posts.bySlug('tides-rise');
    expect(tides).toMatchObject({ status: 'published', kind: 'article' });
    expect(tides?.leadImage?.mediaId).toBeTruthy();
    expect(tides?.authors).toHaveLength(1);
    expect(tides?.tags.length).toBeGreaterThan(0);
    expect(await ctx.services.posts.bySlug('about')).toMatchObject({
      kind: 'page',
      status: 'published',
    });
    expect(await ctx.services.posts.bySlug('regatta-day')).toMatchObject({ status: 'scheduled' });
    expect(await ctx.services.posts.bySlug('staff-rota')).toMatchObject({ status: 'draft' });
    expect(await ctx.services.posts.bySlug('letter-lock-keeper')).toMatchObject({
      status: 'draft',
    });

    // `/?p=ID`, the date permalink and the category all lead to the new pages.
    expect(await ctx.services.imports.redirectFor('/?p=101')).toEqual({
      location: '/tides-rise/',
      status: 301,
    });
    expect(await ctx.services.imports.redirectFor('/2026/11/02/tides-rise/')).toEqual({
      location: '/tides-rise/',
      status: 301,
    });
    expect(await ctx.services.imports.redirectFor('/?page_id=109')).toEqual({
      location: '/contact/',
      status: 301,
    });
    // A draft has no public address to lead to.
    expect(await ctx.services.imports.redirectFor('/?p=104')).toBeUndefined();

    expect(report.countsOf('comments')).toMatchObject({ found: 2, skipped: 2 });
    expect(report.countsOf('menus')).toMatchObject({ skipped: 1 });
    expect(report.countsOf('posts')).toMatchObject({ found: 6, created: 6 });
    expect(report.countsOf('pages')).toMatchObject({ found: 2, created: 2 });
    expect(report.lines.map((l) => l.part)).toContain('[audio]');
  });

  it('running the same import again changes nothing', async () => {
    const mediaDir = await uploadsFolder();
    const first = await ctx.services.imports.wordpress({ file: fixture, mediaDir });
    const redirects = first.countsOf('redirects');
    expect(redirects.created).toBeGreaterThan(0);
    const again = await ctx.services.imports.wordpress({ file: fixture, mediaDir });
    expect(again.countsOf('posts')).toMatchObject({ unchanged: 6, created: 0, updated: 0 });
    expect(again.countsOf('pages')).toMatchObject({ unchanged: 2 });
    expect(again.countsOf('staff')).toMatchObject({ created: 0 });
    expect(again.countsOf('tags')).toMatchObject({ created: 0 });
    expect(again.countsOf('media')).toMatchObject({ created: 0 });
    // Every old address is stored already: none is counted as created again.
    expect(again.countsOf('redirects')).toEqual({
      found: redirects.found,
      created: 0,
      updated: 0,
      unchanged: redirects.created,
      skipped: 0,
    });
  });

  it('merges a tag into the category at the same address, and says so', async () => {
    // The fixture with a tag "Local" beside the category "Local & Quay" (slug local), on a post
    // that has both.
    const file = join(await mkdtemp(join(tmpdir(), 'wp-')), 'export.xml');
    const xml = (await readFile(fixture, 'utf8'))
      .replace(
        '<wp:tag><wp:term_id>10</wp:term_id>',
        '<wp:tag><wp:term_id>12</wp:term_id><wp:tag_slug><![CDATA[local]]></wp:tag_slug><wp:tag_name><![CDATA[Local]]></wp:tag_name></wp:tag>\n\t<wp:tag><wp:term_id>10</wp:term_id>',
      )
      .replace(
        '<category domain="post_tag" nicename="harbour">',
        '<category domain="post_tag" nicename="local"><![CDATA[Local]]></category>\n\t\t<category domain="post_tag" nicename="harbour">',
      );
    expect(xml).toContain('nicename="local"><![CDATA[Local]]>');
    await writeFile(file, xml);
    const report = await ctx.services.imports.wordpress({ file });
    expect(report.lines).toContainEqual({
      item: 'tag "Local"',
      part: 'whole item',
      reason:
        'shares the address /tag/local/ with the category "Local & Quay": merged into it, so its posts carry that one',
    });
    expect(report.countsOf('tags')).toMatchObject({ found: 6, created: 5, skipped: 1 });
    expect(await ctx.services.tags.bySlug('local')).toMatchObject({ name: 'Local & Quay' });
    const tides = await ctx.services.posts.bySlug('tides-rise');
    expect(tides?.tags.map((t) => t.slug).filter((slug) => slug === 'local')).toEqual(['local']);
  });
});
