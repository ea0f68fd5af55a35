export { openDatabase } from './open-database.js';
export type { Database, DatabaseTarget, Dialect } from './open-database.js';
export { migrateToLatest, migrationStatus, createMigrator } from './migrate.js';
export type { MigrationReport, MigrateOptions } from './migrate.js';
export { isUniqueViolation, isForeignKeyViolation, violatedConstraint } from './db-errors.js';
export { dialectOf, ilike, likePattern, likeEscape } from './dialect-sql.js';
export { narrow } from './narrow.js';
