import type { Metrics } from '../../platform/metrics/index.js';
import { webArea } from '../web-area.js';
import { hasMetricsToken } from './metrics-access.js';

export interface MetricsRoutesOptions {
  /** None when metrics are off. */
  metrics: Pick<Metrics, 'scrape'> | undefined;
  /** METRICS_TOKEN: scrapers send it as a Bearer token. Unset: `/metrics` is not served here. */
  token: string | undefined;
}

/**
 * `/metrics` on the public site, for when the scraper can only reach the site's own address:
 * served only with METRICS_TOKEN set and metrics not on a port of their own (otherwise the path
 * is an ordinary 404), and refused with 401 without that token. Never cached anywhere.
 */
export const metricsRoutes = webArea<MetricsRoutesOptions>((app, options) => {
  app.get('/metrics', async (request, reply) => {
    // Claimed even when off, so it is a plain 404 rather than a story slug's redirect.
    const { metrics, token } = options;
    if (!metrics || token === undefined) return reply.callNotFound();
    void reply.header('cache-control', 'no-store');
    if (!hasMetricsToken(request.headers.authorization, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('401 Unauthorized: send METRICS_TOKEN as a Bearer token\n');
    }
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
});
