/**
 * Errors that are safe to show: a stable machine code, an HTTP status and a human message,
 * optionally naming the input field at fault. Anything else reaching the error mapper is a bug
 * and is answered with a generic 500 (details go to the log, never to the client).
 */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly problems: readonly FieldProblem[];
  readonly details: Record<string, unknown> | undefined;

  constructor(options: {
    code: string;
    status: number;
    message: string;
    problems?: readonly FieldProblem[];
    details?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.problems = options.problems ?? [];
    this.details = options.details;
  }
}

export const validationError = (problems: readonly FieldProblem[], message?: string) =>
  new AppError({
    code: 'VALIDATION_FAILED',
    status: 400,
    message: message ?? problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  });

export const notFound = (what: string) =>
  new AppError({ code: 'NOT_FOUND', status: 404, message: `${what} not found` });

export const unauthorized = (message = 'Sign in to continue') =>
  new AppError({ code: 'UNAUTHORIZED', status: 401, message });

export const forbidden = (message = 'You do not have permission to do that') =>
  new AppError({ code: 'FORBIDDEN', status: 403, message });

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError({ code: 'CONFLICT', status: 409, message, ...(details ? { details } : {}) });

export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError({
    code: 'RATE_LIMITED',
    status: 429,
    message: `Too many requests; try again in ${retryAfterSeconds} s`,
    details: { retryAfter: retryAfterSeconds },
  });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/**
 * A permanent redirect raised from deep inside a render (an old slug); the app's error handler
 * answers it with 301 and a Location header. A 3xx status, so caches never store it as a page.
 */
export const redirectTo = (location: string) =>
  new AppError({
    code: 'MOVED_PERMANENTLY',
    status: 301,
    message: `Moved to ${location}`,
    details: { location },
  });
