import type { Kysely } from 'kysely';

/**
 * Attempt limits become counters reserved before the work (one atomic upsert per attempt, see
 * src/platform/limits/): one row per limit and key with the attempts used in the current
 * window and when that window ends. The old log of failures (`auth_failures`, checked, then
 * written after the work) goes; lockouts in progress at upgrade time end early, once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_limits')
    // '<limit name>:<key>', e.g. 'staff-sign-in-account:editor@example.org'.
    .addColumn('limit_key', 'text', (c) => c.primaryKey())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attempt_limits_reset_at_idx')
    .on('attempt_limits')
    .column('reset_at')
    .execute();
  await db.schema.dropIndex('auth_failures_scope_key_idx').ifExists().execute();
  await db.schema.dropTable('auth_failures').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_failures_scope_key_idx')
    .on('auth_failures')
    .columns(['scope', 'key', 'created_at'])
    .execute();
  await db.schema.dropTable('attempt_limits').ifExists().execute();
}
