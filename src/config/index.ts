export { loadConfig, parseDatabaseUrl, ConfigError } from './config.js';
export type { Config, DatabaseConfig } from './config.js';
export type { MediaStorageConfig, S3Config } from './media-storage-config.js';
