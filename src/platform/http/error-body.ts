import { isDatabaseUnavailable } from '../db/index.js';
import type { ErrorCode } from '../../shared/contracts/error-codes.js';
import { isAppError } from '../errors.js';
import { isStorageError, type StorageFailure } from '../storage/index.js';

/** Seconds a client should wait before retrying while the database is unavailable. */
export const databaseRetryAfterSeconds = 5;

/** Seconds before retrying a write to media storage that is read-only (an operator must act). */
export const storageRetryAfterSeconds = 60;

export interface ErrorEntry {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Extra facts the client needs to recover, e.g. the current version on a 409. */
  meta?: Record<string, unknown>;
}

export interface MappedError {
  status: number;
  body: { errors: ErrorEntry[] };
  headers: Record<string, string>;
  /** True when the error is ours to explain; false means a bug, logged with its stack. */
  isExpected: boolean;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }>;
}

/** Fastify's own 4xx, named with our codes so clients see one list (shared/contracts/error-codes). */
const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_PARTS_LIMIT: 'BODY_TOO_LARGE',
  FST_FILES_LIMIT: 'BODY_TOO_LARGE',
  FST_FIELDS_LIMIT: 'BODY_TOO_LARGE',
};

/**
 * The one mapping from a thrown value to an HTTP answer. Our AppErrors say what they are;
 * Fastify's own 4xx (bad JSON, body too large, unsupported type) pass through with their
 * message; a database that cannot answer now (down, frozen, out of connections) is a 503 with
 * Retry-After; media storage that is full is a 507, read-only a 503 with Retry-After; everything
 * else is a generic 500 with no internals.
 */
export function mapError(error: unknown): MappedError {
  if (isAppError(error)) {
    const errors: ErrorEntry[] =
      error.problems.length > 0
        ? error.problems.map((p) => ({
            code: p.code ?? error.code,
            message: p.message,
            field: p.field,
          }))
        : [{ code: error.code, message: error.message }];
    const { retryAfter: _retryAfter, ...meta } = error.details ?? {};
    if (Object.keys(meta).length > 0 && errors[0]) errors[0] = { ...errors[0], meta };
    const headers: Record<string, string> = {};
    const retryAfter = error.details?.retryAfter;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    return { status: error.status, body: { errors }, headers, isExpected: true };
  }
  const e = (error ?? {}) as FastifyLikeError;
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = fastifyCodes[e.code ?? ''] ?? 'BAD_REQUEST';
    const message =
      code === 'INVALID_JSON' ? 'request body is not valid JSON' : (e.message ?? 'bad request');
    return {
      status: e.statusCode,
      body: { errors: [{ code, message }] },
      headers: {},
      isExpected: true,
    };
  }
  if (isStorageError(error)) return storageAnswer(error.failure);
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      body: {
        errors: [
          {
            // Also a mail server or another service refusing connections: same answer.
            code: 'UNAVAILABLE',
            message:
              'A service this request needs is not answering right now; please retry shortly.',
          },
        ],
      },
      headers: { 'retry-after': String(databaseRetryAfterSeconds) },
      // Logged at error level all the same: an outage is news to the operator.
      isExpected: false,
    };
  return {
    status: 500,
    body: {
      errors: [
        { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' },
      ],
    },
    headers: {},
    isExpected: false,
  };
}

/**
 * Media storage that cannot take a write. Logged at error level (isExpected false): a full or
 * read-only disk is news to the operator, and `/readyz` reports it too.
 */
function storageAnswer(failure: StorageFailure): MappedError {
  if (failure === 'full')
    return {
      status: 507,
      body: {
        errors: [
          {
            code: 'STORAGE_FULL',
            message:
              'Media storage is full, so the file was not saved. The site operator needs to free or add space; nothing of this upload was kept.',
          },
        ],
      },
      headers: {},
      isExpected: false,
    };
  return {
    status: 503,
    body: {
      errors: [
        {
          code: 'STORAGE_NOT_WRITABLE',
          message:
            'Media storage cannot be written to right now (read-only or access refused), so the file was not saved. Please retry later; if it persists, tell the site operator.',
        },
      ],
    },
    headers: { 'retry-after': String(storageRetryAfterSeconds) },
    isExpected: false,
  };
}
