import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAppError } from '../platform/errors.js';
import { mapError } from '../platform/http/index.js';
import { renderErrorPage } from './site/pages/error-page.js';
import type { SiteContext } from './site/site-context.js';

const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/webhooks/');

/** The styled error page, or a bare one if even that fails: an error handler must not throw. */
function safeErrorPage(status: number, message: string, site: SiteContext | undefined): string {
  try {
    return renderErrorPage({ status, message, ...(site ? { site } : {}) });
  } catch {
    return `<!doctype html><html lang="en"><title>Error ${status}</title><h1>Something went wrong (${status})</h1></html>`;
  }
}

/**
 * The one error handler and the 404 handler: APIs and webhooks answer JSON errors, everything
 * else the site's error page. Set on the root before any area, so every area inherits them.
 */
export function setErrorHandlers(
  app: FastifyInstance,
  options: {
    /** The newsroom as last seen, so error pages carry its name even with the database down. */
    lastKnownSite: () => SiteContext | undefined;
    /** Old addresses kept by imports (redirects table): asked only before a page's 404. */
    redirectFor?: (url: string) => Promise<{ location: string; status: number } | undefined>;
  },
): void {
  /** A reader's 404 may be an old address an import kept: answered with its redirect instead. */
  const oldAddress = async (request: FastifyRequest) => {
    if (!options.redirectFor || isApiPath(request.url)) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    try {
      return await options.redirectFor(request.url);
    } catch {
      return undefined;
    }
  };

  app.setErrorHandler(async (error, request, reply) => {
    if (
      isAppError(error) &&
      error.code === 'MOVED_PERMANENTLY' &&
      typeof error.details?.location === 'string'
    ) {
      return reply
        .header('cache-control', 'public, max-age=300')
        .redirect(error.details.location, 301);
    }
    const mapped = mapError(error);
    const moved = mapped.status === 404 ? await oldAddress(request) : undefined;
    if (moved)
      return reply
        .header('cache-control', 'public, max-age=300')
        .redirect(moved.location, moved.status);
    if (mapped.isExpected)
      request.log.info({ err: error, status: mapped.status }, 'request failed');
    else request.log.error({ err: error }, 'unhandled error');
    void reply.code(mapped.status).headers(mapped.headers);
    if (isApiPath(request.url)) return reply.send(mapped.body);
    const first = mapped.body.errors[0];
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        safeErrorPage(
          mapped.status,
          mapped.isExpected ? (first?.message ?? '') : '',
          options.lastKnownSite(),
        ),
      );
  });

  app.setNotFoundHandler(async (request, reply) => {
    const moved = await oldAddress(request);
    if (moved)
      return reply
        .header('cache-control', 'public, max-age=300')
        .redirect(moved.location, moved.status);
    void reply.code(404);
    if (isApiPath(request.url)) {
      return reply.send({
        errors: [
          {
            code: 'NOT_FOUND',
            message: `No route for ${request.method} ${request.url.split('?')[0]}`,
          },
        ],
      });
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(safeErrorPage(404, '', options.lastKnownSite()));
  });
}
