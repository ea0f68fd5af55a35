/**
 * Why a write to media storage failed, when the cause is the storage itself rather than a bug:
 * `full` (no space or quota left: ENOSPC, EDQUOT) or `not-writable` (read-only, or permission
 * refused: EROFS, EACCES, EPERM). The HTTP mapper answers the first 507 and the second 503.
 */
export type StorageFailure = 'full' | 'not-writable';

const failureOfCode: Readonly<Record<string, StorageFailure>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'not-writable',
  EACCES: 'not-writable',
  EPERM: 'not-writable',
};

export class StorageError extends Error {
  readonly failure: StorageFailure;

  constructor(failure: StorageFailure, options: { cause?: unknown } = {}) {
    super(failure === 'full' ? 'media storage is full' : 'media storage is not writable', options);
    this.name = 'StorageError';
    this.failure = failure;
  }
}

export const isStorageError = (error: unknown): error is StorageError =>
  error instanceof StorageError;

/** The failure an operating-system error stands for, or undefined for any other error. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? failureOfCode[code] : undefined;
}

/** A StorageError when the cause is the storage (full, read-only), else the error as it was. */
export function asStorageError(error: unknown): unknown {
  if (isStorageError(error)) return error;
  const failure = storageFailureOf(error);
  return failure ? new StorageError(failure, { cause: error }) : error;
}
