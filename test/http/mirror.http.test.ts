import type { FastifyInstance } from 'fastify';
import { Parser } from 'htmlparser2';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import type { Post } from '../../src/features/posts/index.js';
import { systemActor } from '../../src/features/staff/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/ids.js';
import { runMirror, type MirrorReport } from '../../src/runtime/mirror/index.js';
import { mirrorTarget } from '../../src/runtime/mirror/mirror-paths.js';
import { readMirrorState } from '../../src/runtime/mirror/mirror-state.js';
import { paragraphs } from '../helpers/feeds-site.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, type TestContext } from '../helpers/test-runtime.js';

const publicUrl = 'http://localhost:3000';
const now = '2026-03-02T10:00:00.000Z';
const secret = 'This paragraph is for members only.';

/** Elements and attributes a crawler follows (the canonical link names the live site on purpose). */
const followed: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['srcset'],
  script: ['src'],
};
const urlsIn = (name: string, value: string) =>
  name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];

/** Links of a page, read with a real HTML parser (not the mirror's own rewriting code). */
function linksOf(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'link' && attrs.rel === 'canonical') return;
      for (const attr of followed[name] ?? []) {
        const value = attrs[attr];
        if (value !== undefined) found.push(...urlsIn(attr, value));
      }
    },
  });
  parser.end(html);
  return found.filter((url) => url !== '' && !url.startsWith('#') && !url.startsWith('data:'));
}

/**
 * The story's article element as tokens, with every URL given as the live address it stands
 * for (`resolve`), so the live page and its mirrored copy compare equal when they show the same.
 */
function articleOf(html: string, resolve: (raw: string) => string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let isDone = false;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (isDone) return;
      if (depth === 0 && !(name === 'article' && /\bstory story-/.test(attrs.class ?? ''))) return;
      if (name === 'article') depth += 1;
      const shown = Object.entries(attrs)
        // The mirror turns live pages' stream off (docs/mirror.md).
        .filter(([attr]) => attr !== 'data-live-stream')
        .map(([attr, value]) =>
          ['href', 'src', 'srcset', 'poster', 'action'].includes(attr)
            ? `${attr}=${urlsIn(attr, value).map(resolve).join(',')}`
            : `${attr}=${value}`,
        );
      tokens.push(`<${name} ${shown.sort().join(' ')}>`);
    },
    ontext(text) {
      if (depth > 0 && !isDone) tokens.push(text);
    },
    onclosetag(name) {
      if (depth === 0 || isDone) return;
      tokens.push(`</${name}>`);
      if (name === 'article') {
        depth -= 1;
        if (depth === 0) isDone = true;
      }
    },
  });
  parser.end(html);
  return tokens;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describeEachDatabase('masthead mirror: the public site as static files', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let clock: FakeClock;
  let dir: string;
  let server: StaticServer;
  let membersStory: Post;
  let firstRun: MirrorReport;

  const mirror = (since?: 'last') =>
    runMirror({ app, events: ctx.services.events, clock, dir, publicUrl, since });

  /** The tree as a reader of the static server finds it, from its home page. */
  async function crawl() {
    const origin = new URL(server.url).origin;
    const queue = ['/index.html'];
    const referrer = new Map<string, string>([['/index.html', '(start)']]);
    const broken: string[] = [];
    const liveLinks = new Set<string>();
    let pages = 0;
    for (let i = 0; i < queue.length; i += 1) {
      const path = queue[i]!;
      const response = await fetch(`${server.url}${path}`);
      const body = await response.text();
      if (response.status !== 200) {
        broken.push(`${referrer.get(path)} → ${path} (${response.status})`);
        continue;
      }
      if (!path.endsWith('.html')) continue;
      pages += 1;
      for (const link of linksOf(body)) {
        const url = new URL(link, `${server.url}${path}`);
        if (url.origin === new URL(publicUrl).origin) liveLinks.add(url.pathname);
        if (url.origin !== origin) continue;
        expect(url.search, `${path} links ${link}`).toBe('');
        if (!referrer.has(url.pathname)) {
          referrer.set(url.pathname, path);
          queue.push(url.pathname);
        }
      }
    }
    return { pages, reached: queue, broken, liveLinks: [...liveLinks].sort() };
  }

  /** Mirror file → the live address it holds, from the mirror's own state. */
  async function fileToUrl(): Promise<Map<string, string>> {
    const state = await readMirrorState(dir);
    if (!state) throw new Error('no state file');
    return new Map(
      [...state.entries.keys()].map((url) => [mirrorTarget(url)?.file ?? '', url] as const),
    );
  }

  beforeAll(async () => {
    await getDb().truncate();
    clock = new FakeClock(now);
    const built = await appFor(getDb(), servicesFor(getDb(), clock));
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, {
      now: clock.now(),
      articles: 26,
      briefs: 8,
      photos: 2,
    });
    const [author] = await ctx.services.authors.list();
    const [tag] = await ctx.services.tags.list();
    const id = newId();
    await ctx.services.posts.importBatch([
      {
        kind: 'article',
        status: 'published',
        authorIds: author ? [author.id] : [],
        tagIds: tag ? [tag.id] : [],
        id,
        slug: 'members-only-story',
        title: 'A story for members',
        body: paragraphs('The teaser everyone may read.', secret),
        visibility: 'members',
        publishedAt: new Date(Date.parse(now) - 3 * 60 * 60_000).toISOString(),
      },
    ]);
    membersStory = await ctx.services.posts.byId(id);
    dir = await mkdtemp(join(tmpdir(), 'masthead-mirror-'));
    server = await startStaticServer(dir);
    firstRun = await mirror();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes every page, list page, feed, sitemap and image; a static server serves it with no broken link', async () => {
    expect(firstRun.mode).toBe('full');
    expect(firstRun.failed).toEqual([]);
    const files = await filesUnder(dir);
    expect(firstRun.written.length).toBe(files.length);
    // The sitemaps' every address is in the tree.
    const sitemapUrls: string[] = [];
    for (const file of files.filter((f) => /^sitemap.*\.xml$/.test(f)))
      for (const match of (await readFile(join(dir, file), 'utf8')).matchAll(
        /<loc>([^<]+)<\/loc>/g,
      ))
        sitemapUrls.push(new URL(match[1]!).pathname);
    const published = (
      await ctx.services.posts.latestPublished({ limit: 500, kinds: ['article', 'brief', 'live'] })
    ).items;
    expect(sitemapUrls).toEqual(expect.arrayContaining(published.map((p) => encodeURI(p.url))));
    for (const url of sitemapUrls) expect(mirrorTarget(url), url).toBeDefined();
    for (const url of sitemapUrls) expect(files, url).toContain(mirrorTarget(url)!.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'news/index.html',
        'rss/index.xml',
        'feed.json',
        'sitemap.xml',
        'robots.txt',
        'corrections/index.html',
        'corrections/rss/index.xml',
        'search/index.html',
      ]),
    );
    // The News Feed's pages, query strings made paths, linked from one another.
    expect(files.filter((f) => /^news\/before\/[A-Za-z0-9_-]+\/index\.html$/.test(f)).length).toBe(
      1,
    );
    // Images in the sizes the pages use: originals and resized copies.
    expect(files.some((f) => /^media\/[0-9a-f-]{36}\/w\d+\.webp$/.test(f))).toBe(true);
    expect(files.some((f) => /^media\/[0-9a-f-]{36}\/w\d+\.jpg$/.test(f))).toBe(true);

    const crawled = await crawl();
    expect(crawled.broken).toEqual([]);
    // Every page was reached through links alone, or is in a sitemap (sections and authors
    // with no story yet: sitemaps name the live site, as they must, so the crawl cannot follow).
    const reached = new Set(crawled.reached.map((p) => decodeURIComponent(p.slice(1))));
    const inSitemaps = new Set(sitemapUrls.map((url) => mirrorTarget(url)?.file));
    const unreached = files.filter((f) => f.endsWith('.html') && !reached.has(f));
    expect(unreached.filter((f) => !inSitemaps.has(f))).toEqual([]);
    expect(unreached.length).toBeLessThan(10);
    // What the mirror leaves to the live site: pages for signed-in readers and forms.
    for (const path of crawled.liveLinks) expect(mirrorTarget(path), path).toBeUndefined();
    expect(crawled.liveLinks).toEqual(expect.arrayContaining(['/membership/', '/account/']));
  });

  it("shows each story's article as the live site shows it to a signed-out reader", async () => {
    const byFile = await fileToUrl();
    const mirrorOrigin = new URL(server.url).origin;
    const liveOrigin = new URL(publicUrl).origin;
    const published = (
      await ctx.services.posts.latestPublished({ limit: 500, kinds: ['article', 'brief', 'live'] })
    ).items;
    expect(published.length).toBeGreaterThan(30);
    for (const post of published) {
      const live = await app.inject({ url: encodeURI(post.url) });
      expect(live.statusCode).toBe(200);
      const file = mirrorTarget(encodeURI(post.url))!.file;
      const copy = await (await fetch(`${server.url}/${encodeURI(file)}`)).text();
      const fromLive = (raw: string) => {
        const url = new URL(raw, `${publicUrl}${post.url}`);
        return url.origin === liveOrigin ? `${url.pathname}${url.search}${url.hash}` : url.href;
      };
      const fromMirror = (raw: string) => {
        const url = new URL(raw, `${server.url}/${encodeURI(file)}`);
        if (url.origin === liveOrigin) return `${url.pathname}${url.search}${url.hash}`;
        if (url.origin !== mirrorOrigin) return url.href;
        const held = byFile.get(decodeURIComponent(url.pathname.slice(1)));
        return held === undefined ? `(not in the mirror: ${url.pathname})` : `${held}${url.hash}`;
      };
      const expected = articleOf(live.body, fromLive);
      expect(expected.length, post.url).toBeGreaterThan(5);
      expect(articleOf(copy, fromMirror), post.url).toEqual(expected);
    }
    // Members-only stories stay teasers.
    const members = await readFile(join(dir, 'members-only-story/index.html'), 'utf8');
    expect(members).toContain('The teaser everyone may read.');
    expect(members).not.toContain(secret);
    expect(membersStory.visibility).toBe('members');
  });

  it('--since last with nothing new renders and writes nothing', async () => {
    const report = await mirror('last');
    expect(report).toMatchObject({
      mode: 'incremental',
      events: 0,
      rendered: 0,
      written: [],
      removed: [],
    });
  });

  it("after one story is edited, rewrites that story's page and the lists that show it, and nothing else", async () => {
    const state = await readMirrorState(dir);
    const storyPages = new Set(
      [...state!.entries]
        .filter(([, entry]) => entry.tags.some((tag) => tag.startsWith('slug:')))
        .map(([url]) => mirrorTarget(url)!.file),
    );
    const story = (
      await ctx.services.posts.latestPublished({ limit: 5, kinds: ['article'] })
    ).items.find((p) => p.visibility === 'public');
    if (!story) throw new Error('no story');
    const ownFile = `${story.slug}/index.html`;
    // Every list, feed and sitemap showing the story (its link and its headline), found by
    // reading the tree: a new headline changes exactly these. Story pages naming it in their
    // related lists are not lists: like the live site's cache, they catch up with it later.
    const mentions = new RegExp(`["/]${story.slug}/(index\\.html)?["<#]`);
    const lists: string[] = [];
    for (const file of await filesUnder(dir)) {
      if (storyPages.has(file) || file.startsWith('media/') || file.startsWith('assets/')) continue;
      const text = await readFile(join(dir, file), 'utf8');
      if (mentions.test(text) && text.includes(story.title.slice(0, 20))) lists.push(file);
    }
    expect(lists).toEqual(
      expect.arrayContaining(['index.html', 'news/index.html', 'rss/index.xml']),
    );

    clock.advance(60_000);
    await ctx.services.posts.update(systemActor, story.id, {
      title: 'A new headline for the mirror',
      version: story.version,
    });
    const report = await mirror('last');
    expect(report.mode).toBe('incremental');
    expect(report.events).toBe(1);
    expect(report.removed).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.written).toEqual([ownFile, ...lists].sort());
    expect(await readFile(join(dir, ownFile), 'utf8')).toContain('A new headline for the mirror');
    expect((await crawl()).broken).toEqual([]);
  });

  it('removes an unpublished story, and no page is left linking to it', async () => {
    const [, story] = (await ctx.services.posts.latestPublished({ limit: 2, kinds: ['article'] }))
      .items;
    if (!story) throw new Error('no story');
    const file = `${story.slug}/index.html`;
    expect(existsSync(join(dir, file))).toBe(true);
    clock.advance(60_000);
    await ctx.services.posts.unpublish(systemActor, story.id);
    const report = await mirror('last');
    expect(report.mode).toBe('incremental');
    // The story, and the old pages of lists whose cursors moved (their new pages are written).
    expect(report.removed.filter((f) => !f.includes('/before/'))).toEqual([file]);
    const movedLists = report.removed.filter((f) => f.includes('/before/'));
    for (const old of movedLists) {
      const list = old.slice(0, old.indexOf('/before/'));
      expect(report.written.some((f) => f.startsWith(`${list}/before/`))).toBe(true);
    }
    expect(existsSync(join(dir, file))).toBe(false);
    expect((await fetch(`${server.url}/${story.slug}/`)).status).toBe(404);
    // Pages whose related lists named it were rendered again: nothing links to it any more.
    const crawled = await crawl();
    expect(crawled.broken).toEqual([]);
    const links = new RegExp(`["/]${story.slug}/index\\.html`);
    for (const written of report.written.filter((f) => f.endsWith('.html')))
      expect(await readFile(join(dir, written), 'utf8')).not.toMatch(links);
  });

  it("leaves a page at a story's old address that sends the reader to the new one", async () => {
    const [, , story] = (await ctx.services.posts.latestPublished({ limit: 3, kinds: ['article'] }))
      .items;
    if (!story) throw new Error('no story');
    clock.advance(60_000);
    await ctx.services.posts.update(systemActor, story.id, {
      slug: 'a-new-address',
      version: story.version,
    });
    const report = await mirror('last');
    expect(report.failed).toEqual([]);
    expect(report.written).toEqual(
      expect.arrayContaining([`${story.slug}/index.html`, 'a-new-address/index.html']),
    );
    const old = await readFile(join(dir, story.slug, 'index.html'), 'utf8');
    expect(old).toContain(
      '<meta http-equiv="refresh" content="0; url=../a-new-address/index.html">',
    );
    expect(old).toContain(`<link rel="canonical" href="${publicUrl}/a-new-address/">`);
    expect((await crawl()).broken).toEqual([]);
    // Kept by full runs too, though nothing links to it.
    expect((await mirror()).removed).not.toContain(`${story.slug}/index.html`);
  });

  it('a full run again rewrites only what changed: run twice, the second writes nothing', async () => {
    await mirror();
    const report = await mirror();
    expect(report.mode).toBe('full');
    expect(report.rendered).toBeGreaterThan(0);
    expect(report.written).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.unchanged).toBeGreaterThan(50);
  });
});
