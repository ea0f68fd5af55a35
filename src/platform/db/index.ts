export { openDatabase, postgresTimeouts } from './open-database.js';
export { routeReads } from './read-routing.js';
export type { ReadSide } from './read-routing.js';
export { backupDatabase, BackupError } from './backup.js';
export type { BackupResult } from './backup.js';
export type {
  Database,
  DatabasePoolStats,
  DatabaseTarget,
  Dialect,
  OpenOptions,
} from './open-database.js';
export { isUpToDate, migrateToLatest, migrationStatus, createMigrator } from './migrate.js';
export type { MigrationReport, MigrateOptions } from './migrate.js';
export {
  isUniqueViolation,
  isForeignKeyViolation,
  violatedConstraint,
  isDatabaseUnreachable,
  isDatabaseUnavailable,
  printableDatabaseAddress,
  databaseOpenError,
} from './db-errors.js';
export { dialectOf, ilike, likePattern, likeEscape } from './dialect-sql.js';
export { forUpdate, skipLockedRows } from './row-locks.js';
export { narrow } from './narrow.js';
export { keysetAfter } from './keyset.js';
export { refreshPlannerStatistics } from './planner-statistics.js';
export { withBulkWriteSettings } from './bulk-write.js';
export { insertRows } from './insert-rows.js';
export { parseStoredJson } from './stored-json.js';
export {
  createFullTextIndex,
  dropFullTextIndex,
  fullTextMatches,
  fullTextSnippets,
  indexExistingRows,
  rebuildFullTextIndex,
  splitMarked,
  toFullTextQuery,
  plainText,
} from './full-text.js';
export type { FullTextQuery, FullTextSource, SnippetPart } from './full-text.js';
