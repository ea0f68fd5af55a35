export type { Storage, StoredFile } from './storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
// S3Storage is imported from './s3-storage.js' where a bucket is configured, not from here: the
// AWS SDK is about 0.3 s of a process's start (runtime/media-storage.ts loads it on demand).
export type { S3StorageOptions } from './s3-storage.js';
export { resolveByteRange, type ByteRange, type ByteRangeRequest } from './byte-range.js';
export { nodeStorageFs, type StorageFs } from './storage-fs.js';
export {
  StorageError,
  isStorageError,
  storageFailureOf,
  type StorageFailure,
} from './storage-error.js';
export { copyFiles, contentTypeOfKey, type CopyReport } from './copy-files.js';
