import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from '../../test/helpers/masthead-process.js';
import { parsePrometheusText, sampleValue } from '../../test/helpers/prometheus-text.js';
import { loadConfig } from '../config/index.js';
import { startServer } from './start-server.js';

it('a started server counts its requests and serves them on METRICS_PORT, not on the site', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-metrics-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO: 'off',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    DATABASE_URL: join(dir, 'masthead.db'),
    MEDIA_DIR: join(dir, 'media'),
  });
  const server = await startServer(config, () => undefined);
  try {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    const families = parsePrometheusText(await scraped.text());
    expect(
      sampleValue(families, 'masthead_http_request_duration_seconds_count', {
        group: 'reader_page',
        status: '2xx',
      }),
    ).toBe(1);
    expect(sampleValue(families, 'masthead_page_cache_lookups_total', { outcome: 'miss' })).toBe(1);
    expect(sampleValue(families, 'masthead_job_queue_depth', { queue: 'webhook_deliveries' })).toBe(
      0,
    );
  } finally {
    await server.stop();
  }
  // Stopping closes the metrics port too.
  await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
});
