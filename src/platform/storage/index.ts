export type { Storage } from './storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
export { nodeStorageFs, type StorageFs } from './storage-fs.js';
export {
  StorageError,
  isStorageError,
  storageFailureOf,
  type StorageFailure,
} from './storage-error.js';
