import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { dialectOf } from './dialect-sql.js';

export interface MigrationReport {
  readonly applied: string[];
  readonly pending: string[];
}

/** Migrations are passed in as a name → module record, so they work from source and from dist. */
export interface MigrateOptions {
  /**
   * PostgreSQL schema that holds the migration tables when it is not the default one. Kysely
   * looks for them across every schema, so two schemas in one database (tests) must say which.
   */
  schema?: string | undefined;
}

export function createMigrator(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  options: MigrateOptions = {},
): Migrator {
  return new Migrator({
    db,
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'masthead_migrations',
    migrationLockTableName: 'masthead_migrations_lock',
  });
}

/**
 * Whether every migration given is recorded as applied, and no other: one query (two on
 * PostgreSQL without a schema, which asks for the current one), where Kysely's migrator
 * introspects the catalog, takes its lock and reads the table in a transaction (issue #14: a
 * start on a database already up to date should not pay for that). False when the table is
 * missing or anything differs; the migrator then decides, with its own checks.
 */
export async function isUpToDate<DB>(
  handle: Kysely<DB>,
  migrations: Record<string, Migration>,
  options: MigrateOptions = {},
): Promise<boolean> {
  // Any handle: the query names its table itself.
  const db = handle as unknown as Kysely<unknown>;
  try {
    const schema = options.schema ?? (await currentSchema(db));
    const table = schema ? `${schema}.masthead_migrations` : 'masthead_migrations';
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(table)}`.execute(db);
    const applied = new Set(rows.map((row) => row.name));
    const known = Object.keys(migrations);
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  options: MigrateOptions = {},
): Promise<string[]> {
  if (await isUpToDate(db, migrations, options)) return [];
  const migrator = createMigrator(db, migrations, {
    schema: options.schema ?? (await currentSchema(db)),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed ?? '(unknown)'} failed: ${reason}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const migrator = createMigrator(db, migrations, {
    schema: options.schema ?? (await currentSchema(db)),
  });
  const infos = await migrator.getMigrations();
  return {
    applied: infos.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: infos.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

/**
 * On PostgreSQL, the schema unqualified names resolve to (search_path may be set in the URL's
 * options). Kysely's migrator otherwise finds migration tables of any schema in the database.
 */
async function currentSchema(db: Kysely<unknown>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') return undefined;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema;
}
