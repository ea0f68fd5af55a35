export type { Storage } from './storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
