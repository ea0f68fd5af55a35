import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { sendBeacon } from '../../../test/helpers/analytics-site.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { systemActor } from '../../features/staff/index.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { createServices } from '../../runtime/services.js';
import { newsFeedPage } from './news-feed.js';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const browser =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** The feed items of a page, in order: `data-id` and link of each `li.feed-item`. */
const itemsOf = (html: string) =>
  [...html.matchAll(/<li class="feed-item[^"]*" data-id="([^"]+)">.*?<a href="([^"]+)"/gs)].map(
    (m) => ({ id: m[1]!, href: m[2]! }),
  );
const showMoreOf = (html: string) =>
  /<a class="show-more" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describeEachDatabase(
  'the News Feed with live key events, and the home page’s Most read',
  (getDb) => {
    let app: FastifyInstance;
    let ctx: TestContext;
    let live: { id: string; slug: string; title: string };
    /** Every feed item, newest first: briefs, the live page itself and its key events. */
    const expected: Array<{ id: string; href: string }> = [];
    const briefs: Array<{ id: string; slug: string }> = [];

    beforeAll(async () => {
      await getDb().truncate();
      const built = await appFor(getDb());
      app = built.app;
      ctx = built;
      ctx.clock.set('2026-03-02T06:00:00Z');
      const byline = await ctx.services.authors.create({ name: 'Dana Kovar' });
      const created = await ctx.services.posts.create(systemActor, {
        title: 'Storm over the capital: live',
        kind: 'live',
        authorIds: [byline.id],
      });
      const page = await ctx.services.posts.publish(systemActor, created.id);
      live = { id: page.id, slug: page.slug, title: page.title };
      const all: Array<{ id: string; href: string; at: string }> = [
        { id: page.id, href: `/${page.slug}/`, at: page.publishedAt ?? '' },
      ];
      // 45 briefs a minute apart; a key event (and a plain update) after every third one.
      for (let i = 0; i < 45; i += 1) {
        ctx.clock.advance(60_000);
        const brief = await ctx.services.posts.create(systemActor, {
          title: `Brief number ${i}`,
          kind: 'brief',
          authorIds: [byline.id],
          body: doc(`Brief ${i}.`),
        });
        const published = await ctx.services.posts.publish(systemActor, brief.id);
        briefs.push({ id: published.id, slug: published.slug });
        all.push({
          id: published.id,
          href: `/${published.slug}/`,
          at: published.publishedAt ?? '',
        });
        if (i % 3 === 0) {
          ctx.clock.advance(20_000);
          const update = await ctx.services.live.post(systemActor, page.id, {
            body: doc(`Key moment ${i}: the river rises`),
            keyEvent: true,
          });
          all.push({
            id: update.id,
            href: `/${page.slug}/#update-${update.id}`,
            at: update.publishedAt,
          });
          await ctx.services.live.post(systemActor, page.id, { body: doc(`Plain note ${i}`) });
        }
      }
      expected.push(
        ...all
          .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
          .map(({ id, href }) => ({ id, href })),
      );
    }, 120_000);

    it('/news/ lists key events among the posts by time, each once across Show More pages', async () => {
      const seen: Array<{ id: string; href: string }> = [];
      let path: string | undefined = '/news/';
      for (let pages = 0; path && pages < 10; pages += 1) {
        const response = await app.inject(path);
        expect(response.statusCode).toBe(200);
        const items = itemsOf(response.body);
        expect(items.length).toBeLessThanOrEqual(20);
        seen.push(...items);
        path = showMoreOf(response.body);
      }
      expect(path, 'the last page has no Show More').toBeUndefined();
      expect(seen).toEqual(expected);
      const first = (await app.inject('/news/')).body;
      // A key event: its line, the live page as context, the red label while coverage goes on.
      expect(first).toMatch(
        new RegExp(
          `<li class="feed-item feed-key-event" data-id="[^"]+"><time datetime="[^"]+">[^<]+</time><div><span class="live-label">Live</span><a href="/${live.slug}/#update-[^"]+">Key moment 42: the river rises</a><p class="feed-context">Key event · Storm over the capital: live</p>`,
        ),
      );
      expect(first).not.toContain('Plain note');
    });

    it('/news/?through= renders from the top through the page a reader loaded', async () => {
      const second = showMoreOf((await app.inject('/news/')).body)!;
      const cursor = new URL(second, 'http://x').searchParams.get('before')!;
      const response = await app.inject(`/news/?through=${encodeURIComponent(cursor)}`);
      expect(itemsOf(response.body)).toEqual(expected.slice(0, 40));
    });

    it('reads at most a page and one more row from each list, from any cursor', async () => {
      // The list statements, told apart by what they read: captured with their row counts.
      const lists: Array<{ table: string; rows: number }> = [];
      const pending = new Map<unknown, string>();
      const plugin: KyselyPlugin = {
        transformQuery(args) {
          const node = args.node as unknown as {
            kind: string;
            from?: { froms: Array<{ table?: { identifier?: { name?: string } } }> };
            orderBy?: unknown;
            limit?: unknown;
          };
          const table = node.from?.froms[0]?.table?.identifier?.name;
          if (node.kind === 'SelectQueryNode' && node.orderBy && node.limit && table)
            pending.set(args.queryId, table);
          return args.node;
        },
        transformResult(args) {
          const table = pending.get(args.queryId);
          if (table) {
            pending.delete(args.queryId);
            lists.push({ table, rows: args.result.rows.length });
          }
          return Promise.resolve(args.result);
        },
      };
      const services = createServices({
        keyring: testKeyring(),
        db: ctx.db.withPlugin(plugin),
        clock: ctx.clock,
        storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'mh-feed-'))),
      });
      let cursor: string | undefined;
      let pagesRead = 0;
      for (let pages = 0; pages < 10; pages += 1) {
        lists.length = 0;
        const page = await newsFeedPage(services, { limit: 20, cursor, audience: 'anonymous' });
        const posts = lists.filter((l) => l.table === 'posts');
        const keyEvents = lists.filter((l) => l.table === 'live_updates');
        expect(posts).toHaveLength(1);
        expect(keyEvents).toHaveLength(1);
        expect(posts[0]!.rows).toBeLessThanOrEqual(21);
        expect(keyEvents[0]!.rows).toBeLessThanOrEqual(21);
        pagesRead += 1;
        if (!page.next) break;
        cursor = page.next;
      }
      expect(pagesRead).toBe(4);
    });

    it('home: key events in the News Feed; "Most read" numbered by views, hidden before any', async () => {
      const before = (await app.inject('/')).body;
      expect(before).toContain(`href="/${live.slug}/#update-`);
      expect(before).not.toContain('Most read');
      // Views: brief 3 most, then 1, then 2 (different readers).
      const views = [
        [briefs[3]!, 4],
        [briefs[1]!, 3],
        [briefs[2]!, 1],
      ] as const;
      let reader = 0;
      for (const [brief, count] of views)
        for (let i = 0; i < count; i += 1) {
          reader += 1;
          const hit = await sendBeacon(app, {
            path: `/${brief.slug}/`,
            ip: `10.9.0.${reader}`,
            userAgent: browser,
          });
          expect(hit.statusCode).toBe(202);
        }
      await ctx.services.analytics.flush();
      // The cached home page and the popular list's minute: at most 30 s + 60 s behind.
      ctx.clock.advance(91_000);
      const after = (await app.inject('/')).body;
      const box = /<section class="most-read"[^>]*>(.*?)<\/section>/s.exec(after)?.[1] ?? '';
      expect(box).toContain('<h2 class="section-heading" id="most-read-heading">Most read</h2>');
      expect(
        [...box.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => m[2]),
      ).toEqual(['Brief number 3', 'Brief number 1', 'Brief number 2']);
    });
  },
);
