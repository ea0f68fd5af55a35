import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { ImportReport } from './import-report.js';

const fixture = new URL(
  '../../../test/fixtures/ghost-export/river-dispatch-5x.json',
  import.meta.url,
).pathname;

type GhostData = Record<string, Array<Record<string, unknown>>>;

/**
 * The river-dispatch export with three more rows of the kind a hand-made or migrated Ghost
 * export carries: a percent-encoded slug, a post at an address the site keeps for itself
 * (`/news/`), and a page at another (`/corrections/`).
 */
async function exportWithOddSlugs(): Promise<string> {
  const whole = JSON.parse(await readFile(fixture, 'utf8')) as { db: Array<{ data: GhostData }> };
  const data = whole.db[0]!.data;
  const template = data.posts![0]!;
  const rows = [
    { id: '65f0a1b2c3d4e5f6012345c1', slug: 'caf%C3%A9', title: 'The café by the bridge' },
    { id: '65f0a1b2c3d4e5f6012345c2', slug: 'news', title: 'News from the river' },
    { id: '65f0a1b2c3d4e5f6012345c3', slug: 'corrections', title: 'Corrections', type: 'page' },
  ];
  for (const row of rows) {
    data.posts!.push({ ...template, uuid: null, featured: 0, feature_image: null, ...row });
    data.posts_authors!.push({
      id: `pa-${row.id}`,
      post_id: row.id,
      author_id: '1',
      sort_order: 0,
    });
  }
  const file = join(await mkdtemp(join(tmpdir(), 'ghost-slugs-')), 'export.json');
  await writeFile(file, JSON.stringify(whole));
  return file;
}

describeEachDatabase('Ghost import: percent-encoded and reserved slugs', (getDb) => {
  let ctx: TestContext;
  let file: string;
  let report: ImportReport;
  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    file = await exportWithOddSlugs();
    report = await ctx.services.imports.ghost({ file, siteUrl: 'https://river.example' });
  });

  it('decodes a percent-encoded slug, as the WordPress importer does, and says so', async () => {
    expect(await ctx.services.posts.bySlug('café')).toMatchObject({
      title: 'The café by the bridge',
    });
    expect(await ctx.services.posts.bySlug('caf%C3%A9')).toBeUndefined();
    expect(report.lines).toContainEqual({
      item: 'post "caf%C3%A9"',
      part: 'slug',
      reason: '"caf%C3%A9" is stored as /café/',
    });
  });

  it('moves a post or page off an address the site keeps for its own pages, and says where to', async () => {
    expect(await ctx.services.posts.bySlug('news')).toBeUndefined();
    expect(await ctx.services.posts.bySlug('news-post-65f0a1b2c3d4e5f6012345c2')).toMatchObject({
      title: 'News from the river',
      status: 'published',
    });
    expect(
      await ctx.services.posts.bySlug('corrections-page-65f0a1b2c3d4e5f6012345c3'),
    ).toMatchObject({ kind: 'page' });
    expect(report.lines).toContainEqual({
      item: 'post "news"',
      part: 'slug',
      reason:
        "the address /news/ is one of Masthead's own: it lives at /news-post-65f0a1b2c3d4e5f6012345c2/",
    });
    expect(report.lines).toContainEqual(
      expect.objectContaining({ item: 'page "corrections"', part: 'slug' }),
    );
    expect(report.countsOf('posts')).toMatchObject({ found: 6, created: 6, skipped: 0 });
  });

  it('finds the same addresses again on a second run: nothing new, nothing duplicated', async () => {
    const again = await ctx.services.imports.ghost({ file, siteUrl: 'https://river.example' });
    expect(again.countsOf('posts')).toMatchObject({ created: 0, unchanged: 6 });
    expect(again.countsOf('pages')).toMatchObject({ created: 0, unchanged: 2 });
    expect(again.lines.filter((l) => l.part === 'slug')).toEqual([]);
  });
});
