import type { Env } from './config-schema.js';

/** Where media files live: S3 (any S3-compatible service) when configured. */
export interface S3Config {
  readonly bucket: string;
  readonly region: string;
  /** S3_ENDPOINT: MinIO, R2, Spaces…; undefined for AWS itself. */
  readonly endpoint: string | undefined;
  /** Static keys; undefined leaves the AWS SDK's own chain (instance role, AWS_* variables). */
  readonly credentials:
    { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  /** Bucket in the path (`host/bucket/key`) rather than the host name: MinIO and s3rver want it. */
  readonly forcePathStyle: boolean;
}

export interface MediaStorageConfig {
  /** MEDIA_STORAGE: which store the app reads and writes media in. */
  readonly kind: 'local' | 's3';
  /** MEDIA_DIR: the local folder (the store when `kind` is local; the source of `media copy`). */
  readonly dir: string;
  /** The bucket, whenever S3_BUCKET is set (also with MEDIA_STORAGE=local, for `media copy`). */
  readonly s3: S3Config | undefined;
  /**
   * MEDIA_PUBLIC_URL without its trailing slash: pages link media files at this base (a CDN, or
   * the bucket's own address) by their storage keys; undefined = the app serves them at /media/.
   */
  readonly publicUrl: string | undefined;
}

/** Problems no single variable shows: each names the variable to set. */
export function mediaStorageProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.MEDIA_STORAGE === 's3' && !env.S3_BUCKET)
    problems.push('S3_BUCKET: must be set when MEDIA_STORAGE=s3 (the bucket media files go in)');
  if (env.S3_ACCESS_KEY_ID && !env.S3_SECRET_ACCESS_KEY)
    problems.push('S3_SECRET_ACCESS_KEY: must be set when S3_ACCESS_KEY_ID is set');
  if (env.S3_SECRET_ACCESS_KEY && !env.S3_ACCESS_KEY_ID)
    problems.push('S3_ACCESS_KEY_ID: must be set when S3_SECRET_ACCESS_KEY is set');
  if (env.MEDIA_PUBLIC_URL && env.MEDIA_STORAGE !== 's3')
    problems.push(
      'MEDIA_PUBLIC_URL: needs MEDIA_STORAGE=s3 (files on the local disk are served by the app itself)',
    );
  return problems;
}

export function mediaStorageConfig(env: Env): MediaStorageConfig {
  const s3: S3Config | undefined = env.S3_BUCKET
    ? Object.freeze({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT?.replace(/\/+$/, ''),
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? Object.freeze({
                accessKeyId: env.S3_ACCESS_KEY_ID,
                secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              })
            : undefined,
        forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
      })
    : undefined;
  return Object.freeze({
    kind: env.MEDIA_STORAGE,
    dir: env.MEDIA_DIR,
    s3,
    publicUrl: env.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
  });
}
