import type { FastifyInstance } from 'fastify';

/**
 * Every answer gets the security headers and its request id; errors and slow answers are
 * logged, the rest only at debug level. Plain callback hooks: on the cached-page hot path every
 * promise and allocation counts.
 */
export function addRequestHooks(
  app: FastifyInstance,
  options: {
    /** From createSecurityHeaders: shared with the cached-hit fast path, which sends the same. */
    securityHeaders: (url: string) => Readonly<Record<string, string>>;
  },
): void {
  const { securityHeaders } = options;
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders(request.url));
    void reply.header('x-request-id', request.id);
    done();
  });
  // Two log lines per request would dominate a traffic spike (Fastify's own request logging is off: server-options.ts).
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    if (status >= 500)
      request.log.error({ method: request.method, url: request.url, status, ms }, 'request failed');
    else if (ms > 1000)
      request.log.warn({ method: request.method, url: request.url, status, ms }, 'slow request');
    else if (request.log.level === 'debug' || request.log.level === 'trace')
      request.log.debug({ method: request.method, url: request.url, status, ms }, 'request');
    done();
  });
}
