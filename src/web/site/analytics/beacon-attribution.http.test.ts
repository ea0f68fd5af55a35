import { expect, it } from 'vitest';
import { publishStories, sendBeacon } from '../../../../test/helpers/analytics-site.js';
import { useMemberSite } from '../../../../test/helpers/member-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { tokenHeaders } from '../../../../test/helpers/test-runtime.js';

const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

describeEachDatabase('Analytics: conversions, input, privacy signals, retention', (getDb) => {
  const m = useMemberSite(getDb);
  const { requestLink, confirm } = m;
  const summary = async (query = '') => {
    const response = await m.app.inject({
      url: `/api/admin/v1/analytics/summary${query}`,
      headers: await tokenHeaders(m.ctx.services, 'editor'),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{
      summary: {
        views: number;
        visitors: number;
        signups: number;
        topPosts: Array<{ postId: string; views: number; signups: number; paid: number }>;
      };
    }>().summary;
  };

  it('attributes a sign-up to the story the reader read last, once', async () => {
    const [story] = await publishStories(m.app, m.ctx.services, ['Night shift at the plant']);
    expect(
      (await sendBeacon(m.app, { path: story!.path, ip: '10.1.1.1', userAgent: browser }))
        .statusCode,
    ).toBe(202);
    // The join form carries the hidden field the page's script fills from sessionStorage.
    const page = await m.app.inject('/signin/');
    expect(page.body).toContain('name="fromStory"');
    const { token } = await requestLink('new-reader@example.org', { fromStory: story!.path });
    expect((await confirm(token)).statusCode).toBe(303);
    // Signing in again later is not a second conversion.
    const again = await requestLink('new-reader@example.org', { fromStory: story!.path });
    expect((await confirm(again.token)).statusCode).toBe(303);
    await m.ctx.services.analytics.flush();
    const result = await summary();
    expect(result.signups).toBe(1);
    expect(result.topPosts).toEqual([
      expect.objectContaining({
        postId: story!.id,
        title: 'Night shift at the plant',
        views: 1,
        signups: 1,
        paid: 0,
      }),
    ]);
    const campaigns = await m.app.inject({
      url: '/api/admin/v1/analytics/campaigns',
      headers: await tokenHeaders(m.ctx.services, 'editor'),
    });
    expect(campaigns.json()).toEqual({
      campaigns: [{ campaignId: null, signups: 1, paid: 0 }],
      utmCampaigns: [],
    });
    const popular = await m.app.inject(
      `/api/content/v1/posts/popular?period=24h&key=${m.contentKey}`,
    );
    expect(popular.statusCode).toBe(200);
    expect(popular.json()).toEqual({
      posts: [
        {
          id: story!.id,
          slug: story!.path.slice(1, -1),
          title: 'Night shift at the plant',
          url: expect.stringContaining(story!.path) as string,
          views: 1,
        },
      ],
    });
  });

  it('answers bad beacons with 400 naming the field, never 500, and sets no cookie', async () => {
    const post = (payload: string, headers: Record<string, string> = {}) =>
      m.app.inject({
        method: 'POST',
        url: '/api/hit',
        remoteAddress: '10.2.2.2',
        headers: { 'content-type': 'text/plain', 'user-agent': browser, ...headers },
        payload,
      });
    const cases: Array<[string, string]> = [
      ['{}', 'path'],
      ['{"path":"https://evil.example/"}', 'path'],
      ['{"path":"//evil.example/"}', 'path'],
      [JSON.stringify({ path: `/${'a'.repeat(2100)}` }), 'path'],
      ['{"path":"/","referrer":42}', 'referrer'],
      ['{"path":"/","colour":"red"}', 'colour'],
      ['not json', 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(response.json(), payload).toMatchObject({ errors: [{ field }] });
    }
    const json = await m.app.inject({
      method: 'POST',
      url: '/api/hit',
      headers: { 'content-type': 'application/json', 'user-agent': browser },
      payload: { path: '/' },
    });
    expect(json.statusCode).toBe(202);
    expect(json.body).toBe('');
    expect(json.headers['set-cookie']).toBeUndefined();
    const huge = await post(JSON.stringify({ path: '/', referrer: 'x'.repeat(5000) }));
    expect(huge.statusCode).toBe(413);
    const foreign = await post('{"path":"/"}', { origin: 'https://elsewhere.example' });
    expect(foreign.statusCode).toBe(403);
  });

  it('drops bots, counts GPC and DNT views without a visitor, and limits one address', async () => {
    await m.ctx.services.analytics.flush();
    const before = await summary();
    const send = (userAgent: string, headers: Record<string, string> = {}, ip = '10.3.3.3') =>
      sendBeacon(m.app, { path: '/', ip, userAgent, headers });
    expect((await send('Mozilla/5.0 (compatible; bingbot/2.0)')).statusCode).toBe(202);
    expect((await send('curl/8.5.0')).statusCode).toBe(202);
    expect((await send(browser, { 'sec-gpc': '1' })).statusCode).toBe(202);
    expect((await send(browser, { dnt: '1' })).statusCode).toBe(202);
    await m.ctx.services.analytics.flush();
    const after = await summary();
    expect(after.views - before.views).toBe(2);
    expect(after.visitors - before.visitors).toBe(0);
    const statuses = [];
    for (let i = 0; i < 301; i++) statuses.push((await send(browser, {}, '10.4.4.4')).statusCode);
    expect(statuses.filter((s) => s === 202)).toHaveLength(300);
    expect(statuses.at(-1)).toBe(429);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const response = await m.app.inject({
      url: '/api/admin/v1/analytics/summary?from=2026-02-10&to=2026-02-01',
      headers: await tokenHeaders(m.ctx.services, 'editor'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ field: 'to' }] });
    const badDate = await m.app.inject({
      url: '/api/admin/v1/analytics/timeseries?from=2026-02-30&interval=week',
      headers: await tokenHeaders(m.ctx.services, 'editor'),
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(
      ['from', 'interval'],
    );
  });

  it('exports CSV and forgets raw views after ANALYTICS_RAW_DAYS, keeping the rollups', async () => {
    await m.ctx.services.analytics.flush();
    const today = m.ctx.clock.now().toISOString().slice(0, 10);
    const csv = await m.app.inject({
      url: `/api/admin/v1/analytics/export.csv?from=${today}&to=${today}`,
      headers: await tokenHeaders(m.ctx.services, 'editor'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('date,path,post_id,views,visitors,signups,paid');
    expect(csv.body).toContain(`${today},/,,`);
    const before = await summary(`?from=${today}&to=${today}`);
    m.ctx.clock.advance(31 * 86_400_000);
    expect(await m.ctx.services.analytics.sweep()).toBeGreaterThan(300);
    expect(await summary(`?from=${today}&to=${today}`)).toEqual(before);
  });
});
