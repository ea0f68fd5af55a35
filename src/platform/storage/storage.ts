/**
 * Where uploaded files live. Keys are relative paths such as "media/2026/11/<id>.jpg".
 * Local disk is the embedded default; an S3-compatible adapter would implement the same port.
 *
 * Writes that fail because of the storage itself (full, read-only) throw a `StorageError`,
 * which every route answers the same way (507 STORAGE_FULL, 503 STORAGE_NOT_WRITABLE).
 */
export interface Storage {
  /** Stores the whole file or nothing: a failed write leaves no partial or temporary file. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when there is no such file. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
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
