export type { Storage, StoredFile } from './storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
export { S3Storage, type S3StorageOptions } from './s3-storage.js';
export { resolveByteRange, type ByteRange, type ByteRangeRequest } from './byte-range.js';
export { nodeStorageFs, type StorageFs } from './storage-fs.js';
export {
  StorageError,
  isStorageError,
  storageFailureOf,
  type StorageFailure,
} from './storage-error.js';
export { copyFiles, contentTypeOfKey, type CopyReport } from './copy-files.js';
