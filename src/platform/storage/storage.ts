/**
 * Where uploaded files live. Keys are relative paths such as "media/2026/11/<id>.jpg".
 * Local disk is the embedded default; an S3-compatible adapter implements the same port.
 */
export interface Storage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when there is no such file. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Confirms the store is usable (doctor, readiness). Throws with a reason when it is not. */
  check(): Promise<void>;
}
