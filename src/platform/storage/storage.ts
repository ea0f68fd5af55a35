import type { Readable } from 'node:stream';
import type { ByteRange } from './byte-range.js';

/** A stored file opened for reading: its bytes as a stream, whole or one range of them. */
export interface StoredFile {
  body: Readable;
  /** The whole file's size in bytes (not the range's). */
  size: number;
  /** The part `body` holds, when a range was asked for. */
  range?: ByteRange;
}

/**
 * Where uploaded files live. Keys are relative paths such as "originals/2026-11/<id>.jpg".
 * Local disk is the embedded default; S3-compatible object storage the one for several app
 * processes or machines. Both pass one contract suite (storage.contract.ts).
 *
 * Writes that fail because of the storage itself (full, read-only or refused) throw a
 * `StorageError`, which every route answers the same way (507 STORAGE_FULL, 503
 * STORAGE_NOT_WRITABLE).
 */
export interface Storage {
  /**
   * Stores the whole file or nothing: a failed write leaves no partial or temporary file.
   * A stream is written as it arrives (large files never sit in memory whole).
   */
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  /** The bytes, or undefined when there is no such file. For small files (images to resize). */
  get(key: string): Promise<Buffer | undefined>;
  /**
   * The file as a stream, whole or the resolved `range` of it (see resolveByteRange, with the
   * size from `stat`); undefined when there is no such file.
   */
  read(key: string, range?: ByteRange): Promise<StoredFile | undefined>;
  /** The file's size, or undefined when there is no such file. */
  stat(key: string): Promise<{ size: number } | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Every file whose key starts with `prefix` (all of them for ""), in no particular order. */
  list(prefix?: string): AsyncIterable<{ key: string; size: number }>;
  /**
   * Confirms the store takes writes now (doctor, readiness) by writing and removing a probe.
   * Throws with a reason (a StorageError when full or read-only) when it does not.
   */
  check(): Promise<void>;
  /**
   * Removes what writes interrupted by a crash left behind (temporary files older than
   * `olderThan`) and says how many; run at start. A store without such leftovers returns 0.
   */
  removeStaleTemporaryFiles(options: { olderThan: Date }): Promise<number>;
}
