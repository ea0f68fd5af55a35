import { randomBytes } from 'node:crypto';
import { LogController, type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';

/** Request ids: unique per process start and cheap (no crypto per request), sortable in a log. */
const requestIdPrefix = randomBytes(4).toString('hex');
let requestCounter = 0;
const nextRequestId = () => `${requestIdPrefix}-${(++requestCounter).toString(36)}`;

/** How the Fastify server is set up: logging, proxies, limits, shutdown, routing. */
export function serverOptions(options: {
  logger: FastifyBaseLogger;
  /** Trust X-Forwarded-For only behind a known proxy; otherwise clients could spoof their address. */
  trustProxy?: boolean | number | string[] | undefined;
}): FastifyServerOptions & { loggerInstance: FastifyBaseLogger } {
  return {
    loggerInstance: options.logger,
    genReqId: nextRequestId,
    // Two log lines per request would dominate a traffic spike; see request-hooks.ts.
    // (Through logController: the top-level disableRequestLogging option is deprecated.)
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(options.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    // Keep-alive sockets must not hold a graceful shutdown open.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  };
}

/** A hop count as Fastify's types take it (a function); the other forms pass through. */
function trustProxyOption(
  value: boolean | number | string[] | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value ?? false;
  return (_address, hop) => hop < value;
}
