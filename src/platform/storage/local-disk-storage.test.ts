import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createFaultyStorageFs,
  type FaultyStorageFs,
} from '../../../test/helpers/faulty-storage-fs.js';
import { nodeStorageFs } from './storage-fs.js';
import { isStorageError } from './storage-error.js';
import { LocalDiskStorage } from './local-disk-storage.js';

/** Every file under `dir`, as relative paths. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isStorageError(error) ? error.failure : error;
};

describe('local disk storage', () => {
  let dir: string;
  let disk: FaultyStorageFs;
  let storage: LocalDiskStorage;
  const bytes = Buffer.alloc(64 * 1024, 7);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mh-storage-'));
    disk = createFaultyStorageFs();
    storage = new LocalDiskStorage(dir, { fs: disk.fs });
  });

  it('stores a file whole, leaving nothing else behind', async () => {
    await storage.put('originals/2026-12/a.jpg', bytes);
    expect(await storage.get('originals/2026-12/a.jpg')).toEqual(bytes);
    expect(filesUnder(dir)).toEqual(['originals/2026-12/a.jpg']);
  });

  it.each(['ENOSPC', 'EDQUOT'] as const)(
    'on a full disk (%s) fails as "full" and removes the half-written temporary file',
    async (fault) => {
      disk.failWith(fault);
      expect(await failureOf(storage.put('originals/2026-12/a.jpg', bytes))).toBe('full');
      expect(filesUnder(dir)).toEqual([]);
    },
  );

  it.each(['EROFS', 'EACCES', 'EPERM'] as const)(
    'on a read-only or refused disk (%s) fails as "not-writable" and stores nothing',
    async (fault) => {
      disk.failWith(fault);
      expect(await failureOf(storage.put('originals/2026-12/a.jpg', bytes))).toBe('not-writable');
      expect(filesUnder(dir)).toEqual([]);
    },
  );

  it('passes other errors through unchanged, still removing its temporary file', async () => {
    const broken = new LocalDiskStorage(dir, {
      fs: {
        ...nodeStorageFs,
        rename: (from) =>
          Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO', path: from })),
      },
    });
    const error = await failureOf(broken.put('a.jpg', bytes));
    expect(isStorageError(error)).toBe(false);
    expect((error as NodeJS.ErrnoException).code).toBe('EIO');
    expect(filesUnder(dir)).toEqual([]);
  });

  it('check() writes and removes a probe: it fails while the disk is full or read-only, passes once it recovers', async () => {
    await storage.check();
    disk.failWith('ENOSPC');
    expect(await failureOf(storage.check())).toBe('full');
    disk.failWith('EROFS');
    expect(await failureOf(storage.check())).toBe('not-writable');
    disk.heal();
    await storage.check();
    expect(filesUnder(dir)).toEqual([]);
  });

  it('reads still work on a read-only disk', async () => {
    await storage.put('a.jpg', bytes);
    disk.failWith('EROFS');
    expect(await storage.get('a.jpg')).toEqual(bytes);
    expect(await storage.exists('a.jpg')).toBe(true);
    expect(await failureOf(storage.delete('a.jpg'))).toBe('not-writable');
  });

  it('removes temporary files older than the cut-off, keeping younger ones and real files', async () => {
    const now = Date.now();
    const hoursAgo = (h: number) => new Date(now - h * 3600_000);
    mkdirSync(join(dir, 'originals/2026-12'), { recursive: true });
    mkdirSync(join(dir, 'variants/x'), { recursive: true });
    const place = (path: string, at: Date) => {
      writeFileSync(join(dir, path), 'partial');
      utimesSync(join(dir, path), at, at);
    };
    place('originals/2026-12/a.jpg', hoursAgo(5));
    place('originals/2026-12/a.jpg.0123456789ab.tmp', hoursAgo(3));
    place('variants/x/w320.webp.abcdefabcdef.tmp', hoursAgo(2));
    place('.readiness-probe.aaaaaaaaaaaa.tmp', hoursAgo(2));
    place('originals/2026-12/b.jpg.fedcba987654.tmp', hoursAgo(0));
    place('notes.tmp', hoursAgo(9));

    expect(await storage.removeStaleTemporaryFiles({ olderThan: hoursAgo(1) })).toBe(3);
    expect(filesUnder(dir)).toEqual([
      'notes.tmp',
      'originals/2026-12/a.jpg',
      'originals/2026-12/b.jpg.fedcba987654.tmp',
    ]);
  });

  it('has nothing to sweep in a media folder that does not exist yet', async () => {
    const missing = new LocalDiskStorage(join(dir, 'not-yet'));
    expect(await missing.removeStaleTemporaryFiles({ olderThan: new Date() })).toBe(0);
    expect(existsSync(join(dir, 'not-yet'))).toBe(false);
  });
});
