import type { MediaStorageConfig, S3Config } from '../config/index.js';
import { LocalDiskStorage, type Storage } from '../platform/storage/index.js';

/**
 * The S3 adapter for a configured bucket (also `media copy --to s3`'s target). Its module, and
 * with it the AWS SDK, is loaded only here: a site on the local disk never pays for it at start.
 */
export const s3StorageFor = async (s3: S3Config) => {
  const { S3Storage } = await import('../platform/storage/s3-storage.js');
  return new S3Storage({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    // A copy: the SDK marks where credentials came from on the object, and the config is frozen.
    credentials: s3.credentials ? { ...s3.credentials } : undefined,
    forcePathStyle: s3.forcePathStyle,
  });
};

/** The store MEDIA_STORAGE names; `close()` releases its connections (none for the disk). */
export async function openMediaStorage(media: MediaStorageConfig): Promise<{
  storage: Storage;
  /** For logs and `masthead doctor`: the folder, or the bucket and where it is. */
  description: string;
  close(): void;
}> {
  if (media.kind === 's3' && media.s3) {
    const storage = await s3StorageFor(media.s3);
    return {
      storage,
      description: `bucket ${media.s3.bucket} at ${media.s3.endpoint ?? `AWS ${media.s3.region}`}`,
      close: () => storage.close(),
    };
  }
  return {
    storage: new LocalDiskStorage(media.dir),
    description: `folder ${media.dir}`,
    close: () => undefined,
  };
}
