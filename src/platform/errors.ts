import type { z } from 'zod';
import type { ErrorCode } from '../shared/contracts/error-codes.js';

/**
 * Errors that are safe to show: a stable machine code, an HTTP status and a human message,
 * optionally naming the input field at fault. Anything else reaching the error mapper is a bug
 * and is answered with a generic 500 (details go to the log, never to the client).
 */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly code?: ErrorCode;
}

/**
 * A problem the operator fixes outside the program (an unreachable database, a missing
 * directory): front doors print its message alone, without a stack, and exit non-zero.
 */
export class OperatorError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'OperatorError';
  }
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: readonly FieldProblem[];
  readonly details: Record<string, unknown> | undefined;

  constructor(options: {
    code: ErrorCode;
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

/** Where `problemsFrom` names fields: `rootField` for issues about the whole value, `prefix` before every name. */
export interface ProblemNaming {
  /** The field named by an issue about the value itself (an empty path); '' unless given. */
  readonly rootField?: string;
  /** Put before every field name with a '.', e.g. 'data.object' for a nested payload. */
  readonly prefix?: string;
}

const joinField = (...parts: string[]) => parts.filter((part) => part !== '').join('.');

/**
 * A Zod failure as field problems: paths joined with '.' (array indexes included), an issue
 * about the whole value named by `rootField`, and each key a strict object refused reported at
 * its own field as "unknown field: <key>". Takes the error structurally, so any Zod error fits.
 */
export function problemsFrom(
  error: { readonly issues: readonly z.core.$ZodIssue[] },
  naming: ProblemNaming = {},
): FieldProblem[] {
  const prefix = naming.prefix ?? '';
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
      return issue.keys.map((key) => ({
        field: joinField(prefix, path, key),
        message: `unknown field: ${key}`,
      }));
    }
    return [{ field: joinField(prefix, path || (naming.rootField ?? '')), message: issue.message }];
  });
}

/** `validationError` for a Zod failure, its problems named as `problemsFrom` names them. */
export const zodValidationError = (
  error: { readonly issues: readonly z.core.$ZodIssue[] },
  naming?: ProblemNaming,
) => validationError(problemsFrom(error, naming));

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
