import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3StorageOptions } from '../../src/platform/storage/index.js';

export interface TestS3 {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  /** What S3Storage (and MEDIA_STORAGE=s3's variables) need to reach the bucket. */
  options: S3StorageOptions;
  /** The same as environment variables, for a runtime or a CLI command. */
  env: Record<string, string>;
  /** The bucket's own public address: `${endpoint}/${bucket}`. */
  publicUrl: string;
  stop(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) on a free port, its data in a temp folder, with one empty
 * bucket; `stop()` closes it and removes the folder. s3rver checks signatures against the
 * fixed S3RVER/S3RVER keys, so the SDK signs every request as it would for AWS.
 */
export async function startTestS3(bucket = 'masthead-media'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'mh-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    options: { bucket, region: 'us-east-1', endpoint, credentials, forcePathStyle: true },
    env: {
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    publicUrl: `${endpoint}/${bucket}`,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
