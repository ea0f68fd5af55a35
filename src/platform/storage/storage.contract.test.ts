import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../test/helpers/test-s3.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';
import type { Storage } from './storage.js';

const keysIn = async (storage: Storage, prefix?: string) => {
  const found: { key: string; size: number }[] = [];
  for await (const entry of storage.list(prefix)) found.push(entry);
  return found.sort((a, b) => a.key.localeCompare(b.key));
};

/** `size` bytes in chunks of 1 MiB, as an upload or an import arrives. */
const streamOf = (size: number, fill = 3) =>
  Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += 1024 * 1024)
        yield Buffer.alloc(Math.min(1024 * 1024, size - sent), fill);
    })(),
  );

/** A stream that breaks after its first MiB, as a dropped upload does. */
const brokenStream = () =>
  Readable.from(
    (async function* () {
      yield Buffer.alloc(1024 * 1024, 1);
      await Promise.resolve();
      throw new Error('connection reset by peer');
    })(),
  );

/** What every media store promises; local disk and S3 (against s3rver) both pass it. */
function contract(getStorage: () => Storage): void {
  const bytes = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');

  it('stores a file and reads it back whole, by stream, and by size', async () => {
    const storage = getStorage();
    await storage.put('originals/2026-12/a.txt', bytes, 'text/plain');
    expect(await storage.get('originals/2026-12/a.txt')).toEqual(bytes);
    expect(await storage.exists('originals/2026-12/a.txt')).toBe(true);
    expect(await storage.stat('originals/2026-12/a.txt')).toEqual({ size: bytes.length });
    const file = await storage.read('originals/2026-12/a.txt');
    expect(file?.size).toBe(bytes.length);
    expect(file?.range).toBeUndefined();
    expect(await text(file!.body)).toBe(bytes.toString());
  });

  it('reads a byte range: exactly those bytes, with the whole size', async () => {
    const storage = getStorage();
    await storage.put('ranges/r.txt', bytes, 'text/plain');
    const middle = await storage.read('ranges/r.txt', { start: 10, end: 15 });
    expect(middle?.size).toBe(bytes.length);
    expect(middle?.range).toEqual({ start: 10, end: 15 });
    expect(await text(middle!.body)).toBe('abcdef');
    const last = await storage.read('ranges/r.txt', { start: 35, end: 35 });
    expect(await text(last!.body)).toBe('z');
  });

  it('answers undefined (never throws) for a file that is not there', async () => {
    const storage = getStorage();
    expect(await storage.get('nothing/here.jpg')).toBeUndefined();
    expect(await storage.read('nothing/here.jpg')).toBeUndefined();
    expect(await storage.stat('nothing/here.jpg')).toBeUndefined();
    expect(await storage.exists('nothing/here.jpg')).toBe(false);
  });

  it('writes a large stream as it arrives (S3: a multipart upload) and stores all of it', async () => {
    const storage = getStorage();
    const size = 11 * 1024 * 1024 + 7;
    await storage.put('large/audio.bin', streamOf(size), 'application/octet-stream');
    expect(await storage.stat('large/audio.bin')).toEqual({ size });
    const tail = await storage.read('large/audio.bin', { start: size - 10, end: size - 1 });
    expect(Buffer.concat(await tail!.body.toArray())).toEqual(Buffer.alloc(10, 3));
  });

  it('stores nothing when the stream breaks half way', async () => {
    const storage = getStorage();
    await expect(
      storage.put('large/broken.bin', brokenStream(), 'application/octet-stream'),
    ).rejects.toThrow(/connection reset/);
    expect(await storage.exists('large/broken.bin')).toBe(false);
    expect(await keysIn(storage, 'large/broken')).toEqual([]);
  });

  it('replaces a file written again, and deletes (a missing file is no error)', async () => {
    const storage = getStorage();
    await storage.put('variants/x/w320.webp', Buffer.from('first'), 'image/webp');
    await storage.put('variants/x/w320.webp', Buffer.from('second!'), 'image/webp');
    expect((await storage.get('variants/x/w320.webp'))?.toString()).toBe('second!');
    await storage.delete('variants/x/w320.webp');
    expect(await storage.exists('variants/x/w320.webp')).toBe(false);
    await storage.delete('variants/x/w320.webp');
  });

  it('lists files under a prefix with their sizes', async () => {
    const storage = getStorage();
    await storage.put('listing/a/1.jpg', Buffer.from('one'), 'image/jpeg');
    await storage.put('listing/a/2.jpg', Buffer.from('two!'), 'image/jpeg');
    await storage.put('listing/b/3.jpg', Buffer.from('3'), 'image/jpeg');
    expect(await keysIn(storage, 'listing/a/')).toEqual([
      { key: 'listing/a/1.jpg', size: 3 },
      { key: 'listing/a/2.jpg', size: 4 },
    ]);
    expect((await keysIn(storage, 'listing/')).map((e) => e.key)).toHaveLength(3);
  });

  it('check() writes and removes a probe, leaving nothing behind', async () => {
    const storage = getStorage();
    const before = await keysIn(storage);
    await storage.check();
    expect(await keysIn(storage)).toEqual(before);
  });
}

describe('media storage contract: local disk', () => {
  let dir: string;
  let storage: LocalDiskStorage;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mh-storage-contract-'));
    storage = new LocalDiskStorage(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  contract(() => storage);
});

describe('media storage contract: S3 (s3rver)', () => {
  let s3: TestS3;
  let storage: S3Storage;
  beforeAll(async () => {
    s3 = await startTestS3();
    // The smallest part S3 takes, so the 11 MiB file above goes up in three parts.
    storage = new S3Storage({ ...s3.options, partSize: 5 * 1024 * 1024 });
  });
  afterAll(async () => {
    storage.close();
    await s3.stop();
  });
  contract(() => storage);

  it('check() fails when the bucket does not exist (readiness and doctor report it)', async () => {
    const missing = new S3Storage({ ...s3.options, bucket: 'no-such-bucket' });
    await expect(missing.check()).rejects.toThrow(/bucket/i);
    missing.close();
  });
});
