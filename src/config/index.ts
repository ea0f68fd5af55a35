export { loadConfig, parseDatabaseUrl, ConfigError } from './config.js';
export type { Config, DatabaseConfig } from './config.js';
