import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../../../test/helpers/prometheus-text.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { createLogger } from '../../platform/logger.js';
import { createPromMetrics, type Metrics } from '../../platform/metrics/index.js';
import { jobQueueDepths, startMetricsEndpoint } from '../../runtime/metrics-endpoint.js';
import { buildApp } from '../app.js';

const token = 'metrics-token-for-tests-0123456789';
const logger = createLogger({ level: 'silent', pretty: false });

describeEachDatabase('/metrics', (getDb) => {
  let ctx: TestContext;
  let metrics: Metrics;
  let app: FastifyInstance;
  let contentKey: string;

  const build = (options: { metrics?: Metrics; metricsToken?: string } = {}) =>
    buildApp({
      services: ctx.services,
      logger,
      ping: () => getDb().database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: ctx.clock,
      ...options,
    });

  const scrape = async () => {
    const response = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    return parsePrometheusText(response.body);
  };

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    contentKey = (await ctx.services.tokens.create({ name: 'App', kind: 'content' })).secret;
    metrics = createPromMetrics();
    metrics.watchPool('primary', () => getDb().database.poolStats());
    metrics.watchQueues(jobQueueDepths(ctx.services));
    app = await build({ metrics, metricsToken: token });
  });
  afterAll(async () => {
    await app.close();
  });

  it('counts requests by route group, and page cache misses, hits and renders', async () => {
    const before = await scrape();
    const miss = await app.inject('/');
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await app.inject('/');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect((await app.inject(`/api/content/v1/posts?key=${contentKey}`)).statusCode).toBe(200);
    expect((await app.inject('/no/such/thing/at/all')).statusCode).toBe(404);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    const requests = 'masthead_http_request_duration_seconds_count';
    expect(moved(requests, { group: 'reader_page', status: '2xx' })).toBe(2);
    expect(moved(requests, { group: 'content_api', status: '2xx' })).toBe(1);
    expect(moved(requests, { group: 'unmatched', status: '4xx' })).toBe(1);
    // The first scrape itself was answered (and counted) before the second one.
    expect(moved(requests, { group: 'system', status: '2xx' })).toBe(1);
    const lookups = 'masthead_page_cache_lookups_total';
    // The Content API's answers live in the same cache: the home page and the list both missed.
    expect(moved(lookups, { cache: 'pages', outcome: 'miss' })).toBe(2);
    expect(moved(lookups, { cache: 'pages', outcome: 'hit' })).toBe(1);
    expect(moved(lookups, { cache: 'pages', outcome: 'stale' })).toBe(0);
    expect(moved('masthead_page_render_duration_seconds_count', { cache: 'pages' })).toBe(2);
    expect(sampleValue(after, 'masthead_page_cache_bytes', { cache: 'pages' })).toBeGreaterThan(
      hit.rawPayload.length,
    );
    expect(sampleValue(after, 'masthead_page_cache_entries', { cache: 'pages' })).toBe(2);
    expect(sampleValue(after, 'masthead_page_cache_evictions_total', { cache: 'pages' })).toBe(0);
    // No raw URL ever becomes a label.
    expect(JSON.stringify([...after.values()])).not.toContain('no/such/thing');
  });

  it('reports the job queues, the newsletter outcomes, event-loop lag and process metrics', async () => {
    const families = await scrape();
    expect(sampleValue(families, 'masthead_job_queue_depth', { queue: 'webhook_deliveries' })).toBe(
      0,
    );
    for (const outcome of ['sent', 'failed', 'deferred', 'uncertain'])
      expect(sampleValue(families, 'masthead_newsletter_messages_total', { outcome })).toBe(0);
    expect(families.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
    expect(families.get('nodejs_eventloop_lag_p99_seconds')).toBeDefined();
    expect(sampleValue(families, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(families.get('masthead_http_request_duration_seconds')?.type).toBe('histogram');
  });

  it('reports the PostgreSQL pool, and no pool on SQLite', async () => {
    const families = await scrape();
    const max = sampleValue(families, 'masthead_db_pool_max_connections', { pool: 'primary' });
    if (getDb().dialect === 'postgres') {
      expect(max).toBeGreaterThan(0);
      const open = sampleValue(families, 'masthead_db_pool_connections', { pool: 'primary' });
      expect(open).toBeGreaterThanOrEqual(1);
      expect(sampleValue(families, 'masthead_db_pool_waiting_queries', { pool: 'primary' })).toBe(
        0,
      );
    } else {
      expect(max).toBeUndefined();
      expect(families.get('masthead_db_pool_connections')?.samples).toEqual([]);
    }
  });

  it('refuses a scrape without the token or with a wrong one (401)', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      token,
      'Bearer ',
    ]) {
      const response = await app.inject({
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.body).not.toContain('masthead_');
    }
  });

  it('has no /metrics on the site when no token is configured (404)', async () => {
    const plain = await build({ metrics: createPromMetrics({ collectDefaults: false }) });
    const response = await plain.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(404);
    await plain.close();
  });
});

describeEachDatabase('/metrics on METRICS_PORT', (getDb) => {
  it('serves the scrape on its own port only, token-protected when a token is set', async () => {
    const ctx = servicesFor(getDb());
    const metrics = createPromMetrics({ collectDefaults: false });
    const endpoint = await startMetricsEndpoint({
      config: { metrics: { token, listen: { port: 0, host: '127.0.0.1' } } },
      metrics,
      logger,
    });
    const app = await buildApp({
      services: ctx.services,
      logger,
      ping: () => getDb().database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: ctx.clock,
      ...endpoint.appOptions,
    });
    try {
      expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Not on the public site, even with the right token.
      const onSite = await app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(onSite.statusCode).toBe(404);
      expect((await app.inject('/healthz')).statusCode).toBe(200);

      expect((await fetch(`${endpoint.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${endpoint.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(scraped.status).toBe(200);
      const families = parsePrometheusText(await scraped.text());
      expect(
        sampleValue(families, 'masthead_http_request_duration_seconds_count', {
          group: 'system',
          status: '2xx',
        }),
      ).toBe(1);
      expect((await fetch(`${endpoint.url}/`)).status).toBe(404);
    } finally {
      await app.close();
      await endpoint.close();
    }
  });
});

describe('/metrics on METRICS_PORT without a token', () => {
  it('answers anyone who can reach the port', async () => {
    const endpoint = await startMetricsEndpoint({
      config: { metrics: { token: undefined, listen: { port: 0, host: '127.0.0.1' } } },
      metrics: createPromMetrics({ collectDefaults: false }),
      logger,
    });
    try {
      const response = await fetch(`${endpoint.url}/metrics`);
      expect(response.status).toBe(200);
      parsePrometheusText(await response.text());
      expect(endpoint.appOptions).not.toHaveProperty('metricsToken');
    } finally {
      await endpoint.close();
    }
  });
});
