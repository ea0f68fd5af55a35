import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../test/helpers/config-problems.js';
import { loadConfig } from './config.js';

describe('media storage configuration', () => {
  it('keeps media on the local disk by default, served by the app', () => {
    expect(loadConfig({ MEDIA_DIR: '/srv/media' }).media).toEqual({
      kind: 'local',
      dir: '/srv/media',
      s3: undefined,
      publicUrl: undefined,
    });
  });

  it('reads the bucket, endpoint, keys, path style and public base for S3', () => {
    const config = loadConfig({
      MEDIA_STORAGE: 's3',
      S3_BUCKET: 'news-media',
      S3_REGION: 'eu-central-1',
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'true',
      MEDIA_PUBLIC_URL: 'https://cdn.example.org/media/',
    });
    expect(config.media).toEqual({
      kind: 's3',
      dir: './data/media',
      s3: {
        bucket: 'news-media',
        region: 'eu-central-1',
        endpoint: 'http://127.0.0.1:9000',
        credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
        forcePathStyle: true,
      },
      publicUrl: 'https://cdn.example.org/media',
    });
    expect(Object.isFrozen(config.media.s3)).toBe(true);
  });

  it('refuses S3 without a bucket, naming S3_BUCKET, with every other problem at once', () => {
    const problems = problemsOf({ MEDIA_STORAGE: 's3', S3_ACCESS_KEY_ID: 'minio' });
    expect(problems).toEqual([
      expect.stringMatching(/^S3_BUCKET: must be set when MEDIA_STORAGE=s3/) as string,
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: must be set/) as string,
    ]);
  });

  it('refuses malformed values, naming each variable', () => {
    const problems = problemsOf({
      MEDIA_STORAGE: 'ftp',
      S3_BUCKET: 'No_Such Bucket',
      S3_ENDPOINT: 'minio:9000',
      S3_FORCE_PATH_STYLE: 'yes',
      MEDIA_PUBLIC_URL: 'cdn.example.org',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'MEDIA_PUBLIC_URL',
      'MEDIA_STORAGE',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
    ]);
  });

  it('refuses MEDIA_PUBLIC_URL while media stay on the local disk', () => {
    expect(problemsOf({ MEDIA_PUBLIC_URL: 'https://cdn.example.org' })).toEqual([
      expect.stringMatching(/^MEDIA_PUBLIC_URL: needs MEDIA_STORAGE=s3/) as string,
    ]);
  });
});
