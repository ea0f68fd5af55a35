// Round trip (issue #15 "Done when"): the demo newsroom → `export --format ghost` → this
// project's own Ghost importer into an empty database gives the same posts, authors and tags.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { x as extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { freshDatabaseUrl, type TestDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';
import { migrateToLatest, openDatabase, type Dialect } from '../../platform/db/index.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { renderHtml, type Doc } from '../../shared/richtext/index.js';
import { exportGhost, type GhostExportReport } from './index.js';

async function emptyDatabase(
  dialect: Dialect,
): Promise<TestDatabase & { dispose(): Promise<void> }> {
  const made = await freshDatabaseUrl(dialect);
  const target =
    dialect === 'sqlite'
      ? ({ dialect: 'sqlite', file: made.url } as const)
      : ({ dialect: 'postgres', url: made.url } as const);
  const database = openDatabase(target);
  await migrateToLatest(database.db, migrations);
  return {
    database,
    target,
    dialect,
    truncate: () => Promise.resolve(),
    dispose: async () => {
      await database.close();
      await made.dispose();
    },
  };
}

type GhostData = Record<string, Record<string, unknown>[]>;

/**
 * The HTML a body renders to, with media ids (new on import) left out, and two things the
 * importer does to any Ghost export: links on the old site come back absolute on its address
 * (`--site-url`), and a bookmark card (what a related post becomes) a paragraph of its own.
 */
function bodyHtml(body: Doc): string {
  return renderHtml(body)
    .replace(/\/media\/[0-9a-f-]+\//g, '/media/ID/')
    .replace(/<p><a href="https:\/\/ghost\.invalid\/[^"]*"[^>]*>[^<]*<\/a><br>[^<]*<\/p>/g, '')
    .replace(/href="https:\/\/ghost\.invalid(\/[^"]*)" rel="noopener noreferrer"/g, 'href="$1"');
}

/**
 * The original's HTML with the differences decision 0020 documents: a pull quote's attribution
 * becomes a line of the quote, a fact box's title its first line, in bold.
 */
function asGhostGivesItBack(html: string): string {
  return html
    .replace(
      /<\/p><\/blockquote><figcaption>(.*?)<\/figcaption><\/figure>/g,
      '\n— $1</p></blockquote></figure>',
    )
    .replace(/<p class="fact-box__title">(.*?)<\/p>/g, '<p><strong>$1</strong></p>');
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`export --format ghost, then import ghost (${dialect})`, () => {
    const work = mkdtempSync(join(tmpdir(), 'masthead-ghost-export-'));
    const file = join(work, 'newsroom.tar.gz');
    const unpacked = join(work, 'unpacked');
    let source: Awaited<ReturnType<typeof emptyDatabase>>;
    let target: Awaited<ReturnType<typeof emptyDatabase>>;
    let original: { app: FastifyInstance } & TestContext;
    let restored: { app: FastifyInstance } & TestContext;
    let report: GhostExportReport;
    let data: GhostData;

    beforeAll(async () => {
      source = await emptyDatabase(dialect);
      target = await emptyDatabase(dialect);
      original = await appFor(source);
      await loadDemoNewsroom(original.services, {
        now: original.clock.now(),
        articles: 12,
        briefs: 6,
        photos: 3,
      });
      await original.services.memberAdmin.importCsv(
        'email,name\r\nreader@example.org,Ada Reader\r\n',
      );
      report = await exportGhost({
        db: original.db,
        storage: new LocalDiskStorage(original.mediaDir),
        services: original.services,
        file,
        now: original.clock.now(),
      });
      mkdirSync(unpacked);
      await extract({ file, cwd: unpacked });
      data = (
        JSON.parse(readFileSync(join(unpacked, 'ghost-export.json'), 'utf8')) as {
          db: { data: GhostData }[];
        }
      ).db[0]!.data;
      restored = await appFor(target);
      const imported = await restored.services.imports.ghost({
        file: join(unpacked, 'ghost-export.json'),
        siteUrl: 'https://ghost.invalid',
        imagesDir: join(unpacked, 'content', 'images'),
      });
      expect(imported.lines.filter((line) => !line.item.startsWith('user '))).toEqual([]);
    }, 240_000);

    afterAll(async () => {
      await original?.app.close();
      await restored?.app.close();
      await source?.dispose();
      await target?.dispose();
      rmSync(work, { recursive: true, force: true });
    });

    it('writes a file only its owner can read, in Ghost’s shape, with the images and members beside it', () => {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const tables = ['posts', 'posts_meta', 'posts_authors', 'posts_tags', 'tags', 'users'];
      for (const table of [...tables, 'roles', 'roles_users', 'newsletters', 'settings'])
        expect(data[table], table).toBeInstanceOf(Array);
      for (const table of tables)
        for (const row of data[table]!) expect(String(row.id), table).toMatch(/^[0-9a-f]{24}$/);
      expect(data.users!.every((user) => !('password' in user))).toBe(true);
      const images = data.posts!.map((p) => p.feature_image).filter(Boolean) as string[];
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(image).toMatch(/^__GHOST_URL__\/content\/images\//);
        expect(statSync(join(unpacked, image.replace('__GHOST_URL__/', ''))).isFile()).toBe(true);
      }
      const csv = readFileSync(join(unpacked, 'members.csv'), 'utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^email,name,note,subscribed_to_emails/);
      expect(csv).toContain('reader@example.org');
      expect(report.members).toBe(1);
    });

    it('gives back the same posts, authors and tags through this project’s Ghost importer', async () => {
      const posts = await original.db.selectFrom('posts').select('slug').orderBy('slug').execute();
      expect(posts.length).toBeGreaterThan(10);
      const owner = await original.db
        .selectFrom('authors')
        .innerJoin('staff_users', 'staff_users.id', 'authors.user_id')
        .select(['authors.slug', 'authors.name'])
        .where('staff_users.role', '=', 'owner')
        .executeTakeFirstOrThrow();
      const ownerByline = [[owner.slug, owner.name]];
      const differing: string[] = [];
      for (const { slug } of posts) {
        const [a, b] = await Promise.all([
          original.services.posts.bySlug(slug),
          restored.services.posts.bySlug(slug),
        ]);
        expect(b, slug).toBeDefined();
        const fields = (p: typeof a) => ({
          title: p?.title,
          status: p?.status,
          visibility: p?.visibility,
          publishedAt: p?.publishedAt,
          customExcerpt: p?.customExcerpt,
          hasLeadImage: Boolean(p?.leadImage),
          leadAlt: p?.leadImage?.alt,
          // A page without a byline gets the owner in Ghost (it requires an author).
          authors:
            p?.authors.length === 0
              ? ownerByline
              : p?.authors.map((author) => [author.slug, author.name]),
          tags: p?.tags.map((tag) => [tag.slug, tag.name]),
        });
        expect(fields(b), slug).toEqual(fields(a));
        if (bodyHtml(b!.body) !== asGhostGivesItBack(bodyHtml(a!.body)))
          differing.push(`${slug}\n${asGhostGivesItBack(bodyHtml(a!.body))}\n${bodyHtml(b!.body)}`);
      }
      expect(differing).toEqual([]);
    });
  });
}
