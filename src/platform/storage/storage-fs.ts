import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * The few file-system calls the disk adapter makes, behind one small facade so that tests can
 * stand in a disk that is full (ENOSPC) or read-only (EROFS): running as root ignores `chmod`,
 * and mounting a tiny or read-only disk in CI is out of reach.
 */
export interface StorageFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Writes bytes, or a stream as it arrives. */
  writeFile(path: string, data: Buffer | string | Readable): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  /** A stream of the file, or of bytes `start` to `end` (inclusive) of it. */
  createReadStream(path: string, options?: { start: number; end: number }): Readable;
  stat(path: string): Promise<{ mtimeMs: number; size: number; isFile(): boolean }>;
  /** Every entry below `path`, as paths relative to it. */
  readdir(path: string, options: { recursive: true }): Promise<string[]>;
}

export const nodeStorageFs: StorageFs = {
  mkdir: (path, options) => mkdir(path, options),
  writeFile: (path, data) => writeFile(path, data),
  rename: (from, to) => rename(from, to),
  rm: (path, options) => rm(path, options),
  readFile: (path) => readFile(path),
  createReadStream: (path, options) => createReadStream(path, options),
  stat: (path) => stat(path),
  readdir: (path, options) => readdir(path, options),
};
