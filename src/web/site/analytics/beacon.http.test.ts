import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { analyticsTableNames } from '../../../features/analytics/analytics.table.js';
import type { Services } from '../../../runtime/services.js';
import { publishStories, sendBeacon } from '../../../../test/helpers/analytics-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../../test/helpers/test-runtime.js';

const browsers = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const referrers = [
  '',
  'https://www.google.com/search?q=kyiv',
  'https://t.me/s/newsroom',
  'https://news.example.net/a/b',
  'http://localhost:3000/elsewhere/',
];

interface Expected {
  views: Map<string, number>;
  visitors: Map<string, Set<string>>;
  referrers: Map<string, number>;
  sources: Map<string, number>;
}

describeEachDatabase('Analytics beacon: 10,000 hits to the summary', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let services: Services;
  let stories: Array<{ id: string; path: string }>;
  const ips = new Set<string>();
  const days = ['2026-12-06', '2026-12-07'];
  const expected: Expected[] = [];

  const titles = ['Siege of the city', 'Power cuts', 'Ballet returns'];
  beforeAll(async () => {
    await getDb().truncate();
    ctx = await appFor(getDb());
    ({ app, services } = ctx as TestContext & { app: FastifyInstance });
    await services.settings.update({ timezone: 'UTC' } as never);
    stories = await publishStories(app, services, titles);
    const paths = [
      ...stories.map((s) => s.path),
      stories[0]!.path,
      '/',
      '/tag/war/',
      stories[1]!.path,
    ];
    for (const [d, day] of days.entries()) {
      ctx.clock.set(`${day}T12:00:00.000Z`);
      const model: Expected = {
        views: new Map(),
        visitors: new Map(),
        referrers: new Map(),
        sources: new Map(),
      };
      expected.push(model);
      const sends = [];
      for (let i = 0; i < 5000; i++) {
        const who = (i * 7 + d * 131) % 400;
        const ip = `10.${d}.${who % 250}.${Math.floor(who / 250) + 1}`;
        ips.add(ip);
        const userAgent = i % 17 === 0 ? bot : browsers[who % browsers.length]!;
        const isGpc = i % 13 === 0;
        const utm =
          i % 11 === 0
            ? `?utm_source=Newsletter&utm_medium=email&utm_campaign=winter-${i % 2}`
            : '';
        const path = paths[(i + who) % paths.length]!;
        const referrer = referrers[i % referrers.length]!;
        sends.push(
          sendBeacon(app, {
            path: `${path}${utm}`,
            referrer,
            ip,
            userAgent,
            ...(isGpc ? { headers: { 'sec-gpc': '1' } } : {}),
          }),
        );
        if (userAgent === bot) continue;
        model.views.set(path, (model.views.get(path) ?? 0) + 1);
        if (!isGpc) {
          for (const key of [path, '*']) {
            const set = model.visitors.get(key) ?? new Set<string>();
            set.add(`${ip} ${userAgent}`);
            model.visitors.set(key, set);
          }
        }
        const host =
          referrer && !referrer.includes('localhost')
            ? new URL(referrer).hostname.replace(/^www\./, '')
            : '';
        if (host) model.referrers.set(host, (model.referrers.get(host) ?? 0) + 1);
        if (utm) {
          const key = `newsletter|email|winter-${i % 2}`;
          model.sources.set(key, (model.sources.get(key) ?? 0) + 1);
        }
        if (sends.length >= 200)
          (await Promise.all(sends.splice(0))).forEach((r) => expect(r.statusCode).toBe(202));
      }
      (await Promise.all(sends)).forEach((r) => expect(r.statusCode).toBe(202));
    }
    await services.analytics.flush();
  }, 120_000);

  const sumOver = <T>(
    pick: (model: Expected) => Map<string, T>,
    key: string,
    size: (v: T) => number,
  ) => expected.reduce((sum, model) => sum + size(pick(model).get(key) ?? (new Set() as T)), 0);

  it('reports exactly the views, daily-unique visitors and top lists sent', async () => {
    const response = await app.inject({
      url: `/api/admin/v1/analytics/summary?from=${days[0]}&to=${days[1]}`,
      headers: await tokenHeaders(services, 'editor'),
    });
    expect(response.statusCode).toBe(200);
    const { summary } = response.json() as {
      summary: Record<string, unknown> & { topPosts: unknown[] };
    };
    const allViews = expected.reduce(
      (sum, m) => sum + [...m.views.values()].reduce((a, b) => a + b, 0),
      0,
    );
    expect(summary.views).toBe(allViews);
    expect(summary.visitors).toBe(
      sumOver(
        (m) => m.visitors,
        '*',
        (s) => s.size,
      ),
    );
    const topPosts = stories
      .map((s, i) => ({
        postId: s.id,
        title: titles[i],
        path: s.path,
        views: sumOver(
          (m) => m.views,
          s.path,
          (v) => v,
        ),
        visitors: sumOver(
          (m) => m.visitors,
          s.path,
          (set) => set.size,
        ),
        signups: 0,
        paid: 0,
      }))
      .sort((a, b) => b.views - a.views || a.postId.localeCompare(b.postId));
    expect(summary.topPosts).toEqual(topPosts);
    const hosts = new Set(expected.flatMap((m) => [...m.referrers.keys()]));
    expect(summary.referrers).toEqual(
      [...hosts]
        .map((host) => ({
          host,
          views: sumOver(
            (m) => m.referrers,
            host,
            (v) => v,
          ),
        }))
        .sort((a, b) => b.views - a.views || a.host.localeCompare(b.host)),
    );
    const sources = ['newsletter|email|winter-0', 'newsletter|email|winter-1'].map((key) => {
      const [source, medium, campaign] = key.split('|');
      return {
        source,
        medium,
        campaign,
        views: sumOver(
          (m) => m.sources,
          key,
          (v) => v,
        ),
      };
    });
    expect(summary.sources).toEqual(
      sources.sort((a, b) => b.views - a.views || a.campaign!.localeCompare(b.campaign!)),
    );
  });

  it('gives the same totals per day in the time series, and one story its own numbers', async () => {
    const headers = await tokenHeaders(services, 'editor');
    const series = await app.inject({
      url: `/api/admin/v1/analytics/timeseries?from=${days[0]}&to=${days[1]}&interval=day`,
      headers,
    });
    const { timeseries } = series.json() as {
      timeseries: { buckets: Array<Record<string, unknown>> };
    };
    expect(timeseries.buckets).toEqual(
      expected.map((m, d) => ({
        start: days[d],
        views: [...m.views.values()].reduce((a, b) => a + b, 0),
        visitors: m.visitors.get('*')?.size ?? 0,
        signups: 0,
        paid: 0,
      })),
    );
    const story = stories[0]!;
    const one = await app.inject({
      url: `/api/admin/v1/analytics/posts/${story.id}?from=${days[0]}&to=${days[1]}`,
      headers,
    });
    expect(one.json()).toMatchObject({
      post: {
        postId: story.id,
        views: sumOver(
          (m) => m.views,
          story.path,
          (v) => v,
        ),
        visitors: sumOver(
          (m) => m.visitors,
          story.path,
          (s) => s.size,
        ),
      },
    });
  });

  it('keeps no IP address or user agent in any analytics table', async () => {
    const db = getDb().database.db as Kysely<unknown>;
    const stored: string[] = [];
    for (const table of analyticsTableNames) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        db,
      );
      stored.push(JSON.stringify(rows.rows));
    }
    const text = stored.join('\n');
    expect(text).toContain('winter-0');
    for (const needle of [...ips, ...browsers, bot, 'Chrome/131', 'Googlebot'])
      expect(text.includes(needle), needle).toBe(false);
  });
});
