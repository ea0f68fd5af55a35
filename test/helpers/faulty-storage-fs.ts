import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { nodeStorageFs, type StorageFs } from '../../src/platform/storage/index.js';

/** The faults a disk can answer a write with, as the operating system names them. */
export type StorageFault = 'ENOSPC' | 'EDQUOT' | 'EROFS' | 'EACCES' | 'EPERM';

const descriptions: Record<StorageFault, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/** An error shaped like the ones node:fs throws (code, errno, syscall, path). */
export function errnoError(code: StorageFault, syscall: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${descriptions[code]}, ${syscall} '${path}'`), {
    code,
    errno: -constants.errno[code],
    syscall,
    path,
  });
}

export interface FaultyStorageFs {
  /** Give this to `new LocalDiskStorage(dir, { fs })`. */
  readonly fs: StorageFs;
  /**
   * From now on the disk behaves as full (ENOSPC, EDQUOT: a write stores half its bytes, then
   * fails, as a real disk filling up mid-write does; removing still works) or as read-only or
   * refused (EROFS, EACCES, EPERM: nothing that writes succeeds; reads still work).
   */
  failWith(fault: StorageFault): void;
  /** The disk works again. */
  heal(): void;
}

/**
 * The real file system with faults switched on and off by the test: root ignores `chmod` and
 * CI cannot mount a small or read-only disk, so faults are injected here instead.
 */
export function createFaultyStorageFs(real: StorageFs = nodeStorageFs): FaultyStorageFs {
  let fault: StorageFault | undefined;
  const isFull = () => fault === 'ENOSPC' || fault === 'EDQUOT';
  const fs: StorageFs = {
    mkdir: async (path, options) => {
      // Creating a folder that exists already is no write.
      if (fault && !isFull() && !existsSync(path)) throw errnoError(fault, 'mkdir', path);
      return real.mkdir(path, options);
    },
    writeFile: async (path, data) => {
      if (!fault) return real.writeFile(path, data);
      if (isFull()) {
        const bytes =
          typeof data === 'string'
            ? Buffer.from(data)
            : Buffer.isBuffer(data)
              ? data
              : Buffer.concat((await data.toArray()) as Buffer[]);
        await real.writeFile(path, bytes.subarray(0, Math.ceil(bytes.length / 2)));
      }
      throw errnoError(fault, 'open', path);
    },
    rename: async (from, to) => {
      if (fault && !isFull()) throw errnoError(fault, 'rename', from);
      return real.rename(from, to);
    },
    rm: async (path, options) => {
      if (fault && !isFull() && existsSync(path)) throw errnoError(fault, 'unlink', path);
      return real.rm(path, options);
    },
    readFile: (path) => real.readFile(path),
    createReadStream: (path, options) => real.createReadStream(path, options),
    stat: (path) => real.stat(path),
    readdir: (path, options) => real.readdir(path, options),
  };
  return {
    fs,
    failWith: (next) => {
      fault = next;
    },
    heal: () => {
      fault = undefined;
    },
  };
}
