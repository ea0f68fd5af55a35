import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { LogController, type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';

/** Request ids: unique per process start and cheap (no crypto per request), sortable in a log. */
const requestIdPrefix = randomBytes(4).toString('hex');
let requestCounter = 0;
export const nextRequestId = (): string => `${requestIdPrefix}-${(++requestCounter).toString(36)}`;

/**
 * What answers a request before Fastify does, if anything: set once the app is built (the page
 * cache does not exist yet when the server is made), cleared when it closes.
 */
export interface FirstListener {
  answer?: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
}

type Compilers = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildValidator = NonNullable<Compilers['buildValidator']>;
type BuildSerializer = NonNullable<Compilers['buildSerializer']>;

/** Fastify's own dependencies, resolved from where Fastify is installed. */
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
let validators: BuildValidator | undefined;
let serializers: BuildSerializer | undefined;

/**
 * Fastify's JSON Schema compilers (Ajv and fast-json-stringify, about a hundred modules), the
 * same ones Fastify would make, loaded the first time a route declares a JSON schema instead of
 * by every start (issue #14: cold start). Our routes validate with Zod, so today that is never.
 */
const lazyCompilers: Required<Compilers> = {
  buildValidator: (...args) => {
    validators ??= (requireFromFastify('@fastify/ajv-compiler') as () => BuildValidator)();
    return validators(...args);
  },
  buildSerializer: (...args) => {
    serializers ??= (
      requireFromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer
    )();
    return serializers(...args);
  },
};

interface ServerTimeouts {
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/** How the Fastify server is set up: logging, proxies, limits, shutdown, routing. */
export function serverOptions(options: {
  logger: FastifyBaseLogger;
  /** Trust X-Forwarded-For only behind a known proxy; otherwise clients could spoof their address. */
  trustProxy?: boolean | number | string[] | undefined;
  /** Answers some requests before routing (cached hits: page-cache-fast-path.ts). */
  firstListener?: FirstListener;
}): FastifyServerOptions & { loggerInstance: FastifyBaseLogger } {
  const { firstListener } = options;
  return {
    ...(firstListener
      ? {
          // Fastify's own HTTP/1 server (lib/server.js), with one listener in front of its handler.
          serverFactory: (handler, factoryOptions) => {
            // Fastify has applied its defaults by now (fastify.js processOptions).
            const settings = factoryOptions as ServerTimeouts;
            const server = createServer((request, response) => {
              if (!firstListener.answer?.(request, response)) handler(request, response);
            });
            server.keepAliveTimeout = settings.keepAliveTimeout ?? 72_000;
            server.requestTimeout = settings.requestTimeout ?? 0;
            server.setTimeout(settings.connectionTimeout ?? 0);
            if (settings.maxRequestsPerSocket)
              server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
            return server;
          },
        }
      : {}),
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
    schemaController: { compilersFactory: lazyCompilers },
  };
}

/** A hop count as Fastify's types take it (a function); the other forms pass through. */
function trustProxyOption(
  value: boolean | number | string[] | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value ?? false;
  return (_address, hop) => hop < value;
}
