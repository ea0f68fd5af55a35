import type { FastifyInstance } from 'fastify';
import { mapError } from '../../platform/http/index.js';

/** Ghost's error types by status (docs.ghost.org/content-api/errors; `@tryghost/errors`). */
const typeByStatus: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  403: 'NoPermissionError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  422: 'ValidationError',
  429: 'TooManyRequestsError',
  503: 'ServiceUnavailableError',
};

/** Ghost's error body: the official client reads `errors[0].message` and `.type`. */
export function ghostErrorBody(status: number, message: string) {
  const type = typeByStatus[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequestError');
  return {
    errors: [
      {
        message,
        context: null,
        type,
        errorType: type,
        details: null,
        property: null,
        help: null,
        code: null,
        id: null,
      },
    ],
  };
}

/**
 * Errors and unknown routes under the Ghost prefix answer in Ghost's shape. The app's mapper
 * decides status and message (AppErrors say theirs; a bug is a generic 500 with no details).
 */
export function setGhostErrorHandlers(api: FastifyInstance): void {
  api.setErrorHandler(async (error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.isExpected)
      request.log.info({ err: error, status: mapped.status }, 'request failed');
    else request.log.error({ err: error }, 'unhandled error');
    const messages = mapped.body.errors.map((e) =>
      e.field ? `${e.field}: ${e.message}` : e.message,
    );
    const message =
      mapped.status >= 500 && !mapped.isExpected
        ? 'An unexpected error occurred.'
        : messages.join('; ');
    return reply
      .code(mapped.status)
      .headers(mapped.headers)
      .header('cache-control', 'no-store')
      .send(ghostErrorBody(mapped.status, message));
  });
  api.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send(
        ghostErrorBody(404, `Resource not found: ${request.method} ${request.url.split('?')[0]}`),
      ),
  );
}
