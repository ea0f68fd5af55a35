import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { staffActor } from '../staff/index.js';

const fixtures = new URL('../../../test/fixtures/ghost-export/', import.meta.url).pathname;
const exportFile = join(fixtures, 'river-dispatch-5x.json');
const imagesDir = join(fixtures, 'images');
const siteUrl = 'https://river-dispatch.example';

describeEachDatabase('import from a Ghost export', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });
  const importGhost = (options: { file?: string; dryRun?: boolean; overwrite?: boolean } = {}) =>
    ctx.services.imports.ghost({
      file: options.file ?? exportFile,
      siteUrl,
      imagesDir,
      dryRun: options.dryRun ?? false,
      overwrite: options.overwrite ?? false,
    });
  const count = async (table: 'posts' | 'tags' | 'staff_users' | 'media' | 'newsletters') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('brings in staff, sections, newsletters and posts with their authors, tags, statuses and images', async () => {
    const report = await importGhost();

    const convoy = await ctx.services.posts.bySlug('night-convoy-river-crossing');
    expect(convoy).toMatchObject({
      title: 'Night convoy reaches the river crossing',
      status: 'published',
      visibility: 'public',
      kind: 'article',
      isFeatured: true,
      publishedAt: '2025-03-02T07:00:00.000Z',
      customExcerpt: 'Aid arrives before dawn.',
      seo: { title: 'Convoy reaches river crossing' },
    });
    // Ordered bylines (the first is primary) and tags; the #tag is an internal tag.
    expect(convoy?.authors.map((a) => a.slug)).toEqual(['taras', 'olena']);
    expect(convoy?.tags.map((t) => [t.slug, t.isInternal])).toEqual([
      ['frontline', false],
      ['hash-from-wire', true],
    ]);
    // The feature image is now in the media library, with its alt text and caption.
    expect(convoy?.leadImage).toMatchObject({
      alt: 'Trucks lined up at a river bank at dawn',
      caption: 'Trucks wait at the crossing. Photo: Desk photographer',
    });
    const lead = await ctx.services.media.byId(convoy?.leadImage?.mediaId ?? '');
    expect(lead?.mime).toBe('image/jpeg');

    expect(await ctx.services.posts.bySlug('ration-cards-gaps')).toMatchObject({
      status: 'published',
      visibility: 'members',
    });
    expect(await ctx.services.posts.bySlug('water-plant-repairs')).toMatchObject({
      status: 'draft',
      visibility: 'paid',
      publishedAt: null,
    });
    expect(await ctx.services.posts.bySlug('support-us')).toMatchObject({ kind: 'page' });
    // Ghost's email-only "sent" post is kept but not on the site.
    expect(await ctx.services.posts.bySlug('weekly-letter-long-winter')).toMatchObject({
      status: 'unpublished',
    });

    // Staff arrive suspended, without passwords, until the newsroom invites them.
    const olena = await ctx.services.staff.byEmail('olena@example.com');
    expect(olena).toMatchObject({ role: 'administrator', status: 'suspended', hasPassword: false });
    expect(await ctx.services.staff.byEmail('taras@example.com')).toMatchObject({ role: 'author' });
    const byline = await ctx.services.authors.bySlug('olena');
    expect(byline).toMatchObject({ bio: 'Editor of the night desk.', location: 'Kyiv' });

    // The navigation's tag is a navigation section.
    expect((await ctx.services.tags.navigation()).map((t) => t.slug)).toEqual(['frontline']);
    expect(await ctx.services.newsletters.bySlug('night-desk')).toMatchObject({
      name: 'The Night Desk',
    });

    expect(report.countsOf('posts')).toMatchObject({ found: 4, created: 4 });
    expect(report.countsOf('pages')).toMatchObject({ found: 1, created: 1 });
    expect(report.countsOf('staff')).toMatchObject({ found: 2, created: 2 });
    expect(report.countsOf('media')).toMatchObject({ created: 1 });
    const reasons = report.lines.map((l) => `${l.item}: ${l.part}`);
    // The internal #tag is carried over now (as an internal tag), so no line for it.
    expect(reasons).not.toContain('tag "#from-wire": whole item');
    expect(reasons).toContain('post "weekly-letter-long-winter": status "sent"');
    expect(reasons).toContain('user "olena": role Owner');
    expect(report.toText()).toContain('Not carried over');
  });

  it('running the same import again changes nothing', async () => {
    await importGhost();
    const before = {
      posts: await count('posts'),
      tags: await count('tags'),
      staff: await count('staff_users'),
      media: await count('media'),
      newsletters: await count('newsletters'),
    };
    const convoy = await ctx.services.posts.bySlug('night-convoy-river-crossing');
    const again = await importGhost();
    expect({
      posts: await count('posts'),
      tags: await count('tags'),
      staff: await count('staff_users'),
      media: await count('media'),
      newsletters: await count('newsletters'),
    }).toEqual(before);
    expect(again.countsOf('posts')).toMatchObject({
      found: 4,
      unchanged: 4,
      created: 0,
      updated: 0,
    });
    expect(await ctx.services.posts.bySlug('night-convoy-river-crossing')).toMatchObject({
      id: convoy?.id,
      version: convoy?.version,
      updatedAt: convoy?.updatedAt,
    });
  });

  it('updates what changed in the export, but keeps a post edited in Masthead unless told to overwrite', async () => {
    await importGhost();
    const changed = join(await mkdtemp(join(tmpdir(), 'ghost-')), 'export.json');
    const text = await readFile(exportFile, 'utf8');
    await writeFile(
      changed,
      text
        .replace('What the ration cards do not cover', 'What the ration cards still do not cover')
        .replace('Night convoy reaches the river crossing', 'Night convoy reaches the crossing'),
    );
    // An editor here fixes the convoy story after the first import.
    const convoy = await ctx.services.posts.bySlug('night-convoy-river-crossing');
    const owner = await ctx.services.staff.create({
      email: 'chief@example.org',
      name: 'Chief',
      role: 'owner',
      password: 'correct horse battery',
    });
    await ctx.services.posts.update(staffActor(owner.user, owner.author.id), convoy?.id ?? '', {
      version: convoy?.version ?? 0,
      dek: 'Edited here',
    });

    const second = await importGhost({ file: changed });
    expect(second.countsOf('posts')).toMatchObject({ updated: 1, skipped: 1, unchanged: 2 });
    expect((await ctx.services.posts.bySlug('ration-cards-gaps'))?.title).toBe(
      'What the ration cards still do not cover',
    );
    expect(await ctx.services.posts.bySlug('night-convoy-river-crossing')).toMatchObject({
      title: 'Night convoy reaches the river crossing',
      dek: 'Edited here',
    });
    expect(second.lines.map((l) => l.reason).join('\n')).toContain('edited in Masthead');

    const third = await importGhost({ file: changed, overwrite: true });
    expect(third.countsOf('posts')).toMatchObject({ updated: 1 });
    expect((await ctx.services.posts.bySlug('night-convoy-river-crossing'))?.title).toBe(
      'Night convoy reaches the crossing',
    );
    expect(await count('posts')).toBe(5);
  });

  it('a dry run prints the same report and writes nothing', async () => {
    const report = await importGhost({ dryRun: true });
    expect(report.countsOf('posts')).toMatchObject({ found: 4, created: 4 });
    expect(await count('posts')).toBe(0);
    expect(await count('staff_users')).toBe(0);
    expect(await count('media')).toBe(0);
    expect(report.toText()).toContain('dry run');
  });

  it('reads a bare {meta, data} export and reports rows it cannot read instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghost-'));
    const bare = join(dir, 'bare.json');
    const full = JSON.parse(await readFile(exportFile, 'utf8')) as {
      db: Array<{ meta: unknown; data: { posts: unknown[] } }>;
    };
    const { meta, data } = full.db[0] ?? { meta: {}, data: { posts: [] } };
    data.posts.push({ id: 'broken', title: 'No slug at all' });
    await writeFile(bare, JSON.stringify({ meta, data }));
    await copyFile(exportFile, join(dir, 'unused.json'));
    const report = await importGhost({ file: bare });
    expect(report.countsOf('posts')).toMatchObject({ created: 4, skipped: 1 });
    expect(report.lines.some((l) => l.item.includes('broken'))).toBe(true);
  });
});
