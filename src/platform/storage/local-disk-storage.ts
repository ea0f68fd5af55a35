import { randomBytes } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange } from './byte-range.js';
import { asStorageError } from './storage-error.js';
import { nodeStorageFs, type StorageFs } from './storage-fs.js';
import type { Storage, StoredFile } from './storage.js';

/** Where a write goes before its rename: beside the target, so the rename stays on one disk. */
const temporaryPathOf = (target: string) => `${target}.${randomBytes(6).toString('hex')}.tmp`;
const isTemporaryPath = (path: string) => /\.[0-9a-f]{12}\.tmp$/.test(path);

/**
 * Files under one root folder. Writes go to a temp name first and are renamed into place, so
 * readers never see half a file; a write that fails (disk full, read-only) removes its temp
 * file and throws a StorageError the HTTP mapper answers 507 or 503.
 */
export class LocalDiskStorage implements Storage {
  private readonly root: string;
  private readonly fs: StorageFs;

  constructor(root: string, options: { fs?: StorageFs } = {}) {
    this.root = resolve(root);
    this.fs = options.fs ?? nodeStorageFs;
  }

  private pathOf(key: string): string {
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return full;
  }

  /** Writes through a temp file; on any failure the temp file (perhaps half written) is removed. */
  private async writeAtomically(target: string, bytes: Buffer | string | Readable): Promise<void> {
    const temp = temporaryPathOf(target);
    try {
      await this.fs.mkdir(dirname(target), { recursive: true });
      await this.fs.writeFile(temp, bytes);
      await this.fs.rename(temp, target);
    } catch (error) {
      // Removing needs no free space, so this works on a full disk; on a read-only one there
      // is nothing to remove. Either way the original error is the one to report.
      await this.fs.rm(temp, { force: true }).catch(() => undefined);
      throw asStorageError(error);
    }
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    await this.writeAtomically(this.pathOf(key), body);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await this.fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const info = await this.fs.stat(this.pathOf(key));
      return info.isFile() ? { size: info.size } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<StoredFile | undefined> {
    const found = await this.stat(key);
    if (!found) return undefined;
    const body = this.fs.createReadStream(this.pathOf(key), range);
    return { body, size: found.size, ...(range ? { range } : {}) };
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await this.fs.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async *list(prefix = ''): AsyncIterable<{ key: string; size: number }> {
    let entries: string[];
    try {
      entries = await this.fs.readdir(this.root, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const key = entry.split(sep).join('/');
      if (!key.startsWith(prefix) || isTemporaryPath(key)) continue;
      const found = await this.stat(key);
      if (found) yield { key, size: found.size };
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.fs.rm(this.pathOf(key), { force: true });
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /**
   * Writes and removes a small probe file: `access(W_OK)` is not enough, since it says yes to
   * root on any folder and says nothing about free space.
   */
  async check(): Promise<void> {
    const probe = temporaryPathOf(join(this.root, '.readiness-probe'));
    try {
      await this.fs.mkdir(this.root, { recursive: true });
      await this.fs.writeFile(probe, 'readiness probe\n');
      await this.fs.rm(probe, { force: true });
    } catch (error) {
      await this.fs.rm(probe, { force: true }).catch(() => undefined);
      throw asStorageError(error);
    }
  }

  async removeStaleTemporaryFiles(options: { olderThan: Date }): Promise<number> {
    let entries: string[];
    try {
      entries = await this.fs.readdir(this.root, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const entry of entries.filter(isTemporaryPath)) {
      const path = join(this.root, entry);
      try {
        const info = await this.fs.stat(path);
        // Younger ones may belong to a write in flight in another process sharing the folder.
        if (!info.isFile() || info.mtimeMs >= options.olderThan.getTime()) continue;
        await this.fs.rm(path, { force: true });
        removed += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return removed;
  }
}
