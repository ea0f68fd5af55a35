import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Parser } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { publicUrls } from '../../../test/helpers/newsroom-pages.js';
import {
  freshDatabaseUrl,
  tableNames,
  type TestDatabase,
} from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';
import { migrateToLatest, openDatabase, type Dialect } from '../../platform/db/index.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { refreshSitemapParts } from '../../web/site/feeds/sitemap-index.js';
import type { AppTables } from '../app-database.js';
import {
  archivedTables,
  exportNewsroom,
  importNewsroom,
  isInternalTable,
  skippedTables,
} from './index.js';

/** An empty, migrated database of its own (not the file's shared one): a newsroom each. */
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

/** Every archive entry's text (tables and manifest; media files are binary and skipped). */
async function archiveText(file: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const parser = new Parser({
    onReadEntry: (entry) => {
      if (entry.path.startsWith('media/')) return entry.resume();
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => texts.set(entry.path, Buffer.concat(chunks).toString('utf8')));
    },
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).pipe(parser).on('end', resolve).on('error', reject);
  });
  return texts;
}

const secretColumns: Record<string, string[]> = {
  staff_users: ['password_hash', 'totp_secret'],
  api_tokens: ['token_hash', 'ghost_key_hash'],
  webhooks: ['secret'],
  staff_sessions: ['token_hash', 'csrf_token'],
  member_sessions: ['token_hash'],
  member_sign_in_tokens: ['token_hash'],
  gifts: ['code_hash'],
};

/** Every secret value the newsroom holds, read straight from its tables. */
async function secretValues(db: Kysely<AppTables>): Promise<Map<string, string[]>> {
  const loose = db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  const values = new Map<string, string[]>();
  for (const [table, columns] of Object.entries(secretColumns))
    for (const row of await loose.selectFrom(table).select(columns).execute())
      for (const [column, value] of Object.entries(row))
        if (value)
          values.set(`${table}.${column}`, [...(values.get(`${table}.${column}`) ?? []), value]);
  return values;
}

/** A newsroom with the demo content, members on a newsletter, and secrets of every kind. */
async function loadNewsroom(ctx: TestContext) {
  await loadDemoNewsroom(ctx.services, {
    now: ctx.clock.now(),
    articles: 30,
    briefs: 20,
    photos: 3,
  });
  const weekly = await ctx.services.newsletters.create({ name: 'Weekly', sortOrder: 2 });
  await ctx.services.memberAdmin.importCsv(
    `email,name,newsletters\r\nreader@example.org,Ada Reader,${weekly.slug}\r\nother@example.org,Bo Other,\r\n`,
  );
  const token = await ctx.services.tokens.create({ name: 'ci', kind: 'admin', role: 'editor' });
  const hook = await ctx.services.webhooks.create({
    name: 'Notify',
    url: 'https://hooks.example.com/masthead',
    events: ['post.published'],
  });
  await refreshSitemapParts(ctx.services, { isFull: true });
  return { plainSecrets: [token.secret, hook.secret] };
}

/**
 * What the issue lets differ between the two sites, and nothing else: build-time asset names
 * (none differ here: both apps are this build). Pages render no relative times on the server
 * (site-js.ts does it in the browser) and the drive's count and "most read" come from the same
 * rows, so nothing else is normalised.
 */
const normalise = (body: string) =>
  body.replace(/\/assets\/([a-z-]+)\.[0-9a-f]{8,}\./g, '/assets/$1.');

function roundTrip(from: Dialect, to: Dialect) {
  describe(`export from ${from}, import into ${to}`, () => {
    const work = mkdtempSync(join(tmpdir(), 'masthead-archive-'));
    const file = join(work, 'newsroom.tar.gz');
    let source: Awaited<ReturnType<typeof emptyDatabase>>;
    let target: Awaited<ReturnType<typeof emptyDatabase>>;
    let original: { app: FastifyInstance } & TestContext;
    let restored: { app: FastifyInstance } & TestContext;
    let plainSecrets: string[];
    let imported: Awaited<ReturnType<typeof importNewsroom>>;

    beforeAll(async () => {
      source = await emptyDatabase(from);
      target = await emptyDatabase(to);
      original = await appFor(source);
      ({ plainSecrets } = await loadNewsroom(original));
      await exportNewsroom({
        db: original.db,
        storage: new LocalDiskStorage(original.mediaDir),
        file,
        now: original.clock.now(),
      });
      restored = await appFor(target);
      imported = await importNewsroom({
        db: restored.db,
        storage: new LocalDiskStorage(restored.mediaDir),
        services: restored.services,
        file,
      });
    }, 240_000);

    afterAll(async () => {
      await original?.app.close();
      await restored?.app.close();
      await source?.dispose();
      await target?.dispose();
      rmSync(work, { recursive: true, force: true });
    });

    it('serves every public page and feed byte for byte as the original did', async () => {
      const urls = await publicUrls(original.app);
      expect(urls.filter((u) => /^\/(tag|author)\//.test(u)).length).toBeGreaterThan(10);
      expect(urls.length).toBeGreaterThan(80);
      const differing: string[] = [];
      for (const url of urls) {
        const [a, b] = await Promise.all([
          original.app.inject({ method: 'GET', url }),
          restored.app.inject({ method: 'GET', url }),
        ]);
        expect(a.statusCode, url).toBe(200);
        if (b.statusCode !== a.statusCode || normalise(a.body) !== normalise(b.body))
          differing.push(url);
      }
      expect(differing).toEqual([]);
      expect(await publicUrls(restored.app)).toEqual(urls);
    });

    it('finds the same stories by search (the index is rebuilt) and serves the same image files', async () => {
      for (const q of ['war', 'council', 'the']) {
        const url = `/search/?q=${q}`;
        const [a, b] = await Promise.all([
          original.app.inject({ method: 'GET', url }),
          restored.app.inject({ method: 'GET', url }),
        ]);
        expect(b.body).toBe(a.body);
      }
      const home = (await original.app.inject({ method: 'GET', url: '/' })).body;
      const media = [...new Set(home.match(/\/media\/[0-9a-f-]+\/[a-z0-9.]+/g) ?? [])].slice(0, 4);
      expect(media.length).toBeGreaterThan(0);
      for (const url of media) {
        const [a, b] = await Promise.all([
          original.app.inject({ method: 'GET', url }),
          restored.app.inject({ method: 'GET', url }),
        ]);
        expect(a.statusCode, url).toBe(200);
        expect(b.rawPayload.equals(a.rawPayload), url).toBe(true);
      }
    });

    it('restores every exported row with its ids and times', async () => {
      for (const table of archivedTables) {
        const count = async (db: Kysely<AppTables>) =>
          (
            await (db as unknown as Kysely<Record<string, { id: string }>>)
              .selectFrom(table.name)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n;
        expect(Number(await count(restored.db)), table.name).toBe(Number(await count(original.db)));
      }
      expect(imported.rows.members).toBe(2);
      expect(imported.rows.newsletter_subscriptions).toBeGreaterThan(0);
      const pick = (db: Kysely<AppTables>) =>
        db
          .selectFrom('posts')
          .select(['id', 'slug', 'created_at', 'updated_at', 'version'])
          .orderBy('id')
          .execute();
      expect(await pick(restored.db)).toEqual(await pick(original.db));
    });

    it('holds no secret, and is readable by its owner only (mode 0600)', async () => {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const texts = await archiveText(file);
      expect(texts.has('masthead-export.json')).toBe(true);
      const all = [...texts.values()].join('\n');
      const stored = await secretValues(original.db);
      // The test made one of each kind: staff passwords, an API token, a webhook secret.
      expect([...stored.keys()]).toEqual(
        expect.arrayContaining([
          'staff_users.password_hash',
          'api_tokens.token_hash',
          'webhooks.secret',
        ]),
      );
      const secrets = [...[...stored.values()].flat(), ...plainSecrets];
      for (const secret of secrets) expect(all.includes(secret), secret.slice(0, 12)).toBe(false);
      const manifest = JSON.parse(texts.get('masthead-export.json') ?? '{}');
      expect(manifest).toMatchObject({ format: 'masthead-export', version: 1 });
      expect(manifest.tables.map((t: { name: string }) => t.name)).not.toContain('api_tokens');
    });

    it('refuses a database that is not empty, saying why', async () => {
      await expect(
        importNewsroom({
          db: restored.db,
          storage: new LocalDiskStorage(restored.mediaDir),
          services: restored.services,
          file,
        }),
      ).rejects.toThrow(/database is not empty \(rows in settings, staff_users/);
    });

    it('sorts every table of the database into exported or left out with a reason', async () => {
      const names = (await tableNames(source.database)).filter((n) => !isInternalTable(n));
      const archived = new Set(archivedTables.map((t) => t.name as string));
      const unsorted = names.filter((n) => !archived.has(n) && !(n in skippedTables));
      expect(unsorted).toEqual([]);
    });
  });
}

roundTrip('sqlite', 'sqlite');
roundTrip('postgres', 'postgres');
roundTrip('sqlite', 'postgres');
