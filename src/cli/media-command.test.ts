import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { startTestS3, type TestS3 } from '../../test/helpers/test-s3.js';
import { S3Storage } from '../platform/storage/s3-storage.js';
import sharp from 'sharp';
import { loadConfig } from '../config/index.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { runCli } from './program.js';

describe('masthead media copy --to s3', () => {
  let s3: TestS3;
  let bucket: S3Storage;
  let mediaDir: string;
  const files = {
    'originals/2026-11/a.jpg': Buffer.alloc(5000, 1),
    'originals/2026-12/b.png': Buffer.alloc(7000, 2),
    'variants/b/w320.webp': Buffer.alloc(900, 3),
  };
  const keys = async () => {
    const found: Record<string, number> = {};
    for await (const entry of bucket.list()) found[entry.key] = entry.size;
    return found;
  };
  const copy = async (env: Record<string, string> = s3.env) => {
    const io = captureIo({ MEDIA_DIR: mediaDir, ...env });
    const code = await runCli(['media', 'copy', '--to', 's3'], io);
    return { code, out: io.stdout(), err: io.stderr() };
  };

  beforeAll(async () => {
    s3 = await startTestS3();
    bucket = new S3Storage(s3.options);
    mediaDir = mkdtempSync(join(tmpdir(), 'mh-media-copy-'));
    for (const [key, bytes] of Object.entries(files)) {
      mkdirSync(join(mediaDir, key, '..'), { recursive: true });
      writeFileSync(join(mediaDir, key), bytes);
    }
    // A write a crash cut short: not media, never copied.
    writeFileSync(join(mediaDir, 'originals/2026-12/c.jpg.0123456789ab.tmp'), 'half');
  });
  afterAll(async () => {
    bucket.close();
    await s3.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('copies the folder with its keys, sizes and types, with progress, and reports counts', async () => {
    const first = await copy();
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe('copied 3, skipped 0 already in bucket masthead-media, failed 0\n');
    expect(first.err).toMatch(/copying media 3\/3 \(100 %/);
    expect(await keys()).toEqual({
      'originals/2026-11/a.jpg': 5000,
      'originals/2026-12/b.png': 7000,
      'variants/b/w320.webp': 900,
    });
    const head = await bucket.client.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: 'originals/2026-12/b.png' }),
    );
    expect(head.ContentType).toBe('image/png');
  });

  it('is safe to run twice, and resumes: only what is missing or different is copied', async () => {
    const again = await copy();
    expect(again.code).toBe(0);
    expect(again.out).toBe('copied 0, skipped 3 already in bucket masthead-media, failed 0\n');

    // An interrupted run: one object never arrived, another is a stale copy of another size.
    await bucket.delete('variants/b/w320.webp');
    await bucket.put('originals/2026-11/a.jpg', Buffer.alloc(10, 9), 'image/jpeg');
    const resumed = await copy();
    expect(resumed.out).toBe('copied 2, skipped 1 already in bucket masthead-media, failed 0\n');
    expect(
      (await bucket.get('originals/2026-11/a.jpg'))?.equals(files['originals/2026-11/a.jpg']),
    ).toBe(true);
  });

  it('doctor probes the bucket with MEDIA_STORAGE=s3, and names it when it is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mh-doctor-s3-'));
    const env = { MEDIA_STORAGE: 's3', DATABASE_URL: join(dataDir, 'masthead.db') };
    const healthy = captureIo({ ...env, ...s3.env });
    await runCli(['doctor'], healthy);
    expect(healthy.stdout()).toMatch(
      /^ok\s+media storage \(S3\)\s+bucket masthead-media at http:\/\/127\.0\.0\.1:\d+ is writable/m,
    );
    const missing = captureIo({ ...env, ...s3.env, S3_BUCKET: 'no-such-bucket' });
    expect(await runCli(['doctor'], missing)).toBe(1);
    expect(missing.stdout()).toMatch(/^FAIL\s+media storage \(S3\)\s+bucket no-such-bucket at/m);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses without a bucket, naming S3_BUCKET', async () => {
    const refused = await copy({});
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^S3_BUCKET: must be set/);
  });
});

describe('masthead media variants', () => {
  it('makes every missing resized copy in media storage, is safe to run again, and names items whose original is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mh-media-variants-'));
    const env = { DEMO: 'off', DATABASE_URL: join(dir, 'masthead.db'), MEDIA_DIR: join(dir, 'm') };
    const runtime = await openRuntime(loadConfig({ NODE_ENV: 'test', ...env }));
    const photo = (colour: string) =>
      sharp({ create: { width: 1000, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toBuffer();
    const { media: kept } = await runtime.services.media.upload({ bytes: await photo('#336699') });
    const { media: lost } = await runtime.services.media.upload({ bytes: await photo('#993366') });
    await runtime.close();
    const variants = async () => {
      const io = captureIo(env);
      const code = await runCli(['media', 'variants'], io);
      return { code, out: io.stdout(), err: io.stderr() };
    };
    try {
      // The second item's original is missing (lost in a move): reported, the rest made.
      const lostFile = readdirSync(join(dir, 'm'), { recursive: true }).find((path) =>
        String(path).endsWith(`${lost.id}.jpg`),
      );
      rmSync(join(dir, 'm', String(lostFile)));
      const first = await variants();
      expect(first.code).toBe(1);
      expect(first.out).toBe('2 media items checked, 6 resized copies made, 1 items failed\n');
      expect(first.err).toContain(`${lost.id}: Media file not found`);
      expect(first.err).toMatch(/making resized copies 2\/2 \(100 %/);
      const again = await variants();
      expect(again.out).toBe('2 media items checked, 0 resized copies made, 1 items failed\n');
      const copies = readdirSync(join(dir, 'm'), { recursive: true }).filter((path) =>
        String(path).startsWith(join('variants', kept.id, 'w')),
      );
      expect(copies).toHaveLength(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
