import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsScrape } from '../../platform/metrics/index.js';
import { hasMetricsToken } from './metrics-access.js';

export interface MetricsServerOptions {
  /** METRICS_PORT (0: any free port, for tests). */
  port: number;
  /** METRICS_HOST: 127.0.0.1 by default, so only this machine (or a sidecar) can scrape. */
  host: string;
  /** METRICS_TOKEN, when set, is required here too. */
  token?: string | undefined;
  /** This process's metrics, or (in a cluster's primary) every worker's added up. */
  scrape: () => Promise<MetricsScrape>;
  log: { error(details: Record<string, unknown>, message: string): void };
}

export interface MetricsServer {
  /** The address it listens on, e.g. http://127.0.0.1:9464 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` on a port of its own (METRICS_PORT), apart from the public site: a bare node:http
 * server answering one path, so neither the site's routes, hooks and cache nor its traffic come
 * near it, and a cluster's primary (which runs no app) can serve it too.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const answer = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
    });
    response.end(text);
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') return answer(response, 404, '404 Not Found: try /metrics\n');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return answer(response, 405, '405 Method Not Allowed\n');
    if (
      options.token !== undefined &&
      !hasMetricsToken(request.headers.authorization, options.token)
    )
      return answer(response, 401, '401 Unauthorized: send METRICS_TOKEN as a Bearer token\n');
    try {
      const { contentType, body } = await options.scrape();
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      options.log.error({ err: error }, 'metrics scrape failed');
      answer(response, 500, '500 Internal Server Error: the scrape failed (see the log)\n');
    }
  };
  const server = createServer((request, response) => void handle(request, response));
  // Never what keeps the process alive: the app server is.
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
