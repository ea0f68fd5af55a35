import type { Kysely } from 'kysely';

/**
 * Staff authentication: failed sign-ins counted per account and per client address (lockouts
 * are a count of recent failures), single-use password-reset links, invitations, the pending
 * second step of a two-factor sign-in, and TOTP recovery codes. Every secret is stored only as
 * its SHA-256 hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'account' (key: normalised email), 'ip' (key: client address), 'reset-ip', 'reset-email'.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_failures_scope_key_idx')
    .on('auth_failures')
    .columns(['scope', 'key', 'created_at'])
    .execute();

  await db.schema
    .createTable('staff_password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_password_resets_user_idx')
    .on('staff_password_resets')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_invitations_email_idx')
    .on('staff_invitations')
    .column('email')
    .execute();

  await db.schema
    .createTable('staff_two_factor_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_recovery_codes_user_idx')
    .on('staff_recovery_codes')
    .columns(['user_id', 'code_hash'])
    .execute();

  // totp_secret (from 0001) holds a secret being set up; it is in force once totp_enabled_at is
  // set. totp_last_step refuses a code that was already used (replay within its 90 s window).
  await db.schema.alterTable('staff_users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('staff_users').addColumn('totp_last_step', 'integer').execute();

  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor_type', 'actor_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('audit_log_action_idx')
    .on('audit_log')
    .columns(['action', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_idx').ifExists().execute();
  await db.schema.dropIndex('audit_log_actor_idx').ifExists().execute();
  await db.schema.alterTable('staff_users').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('staff_users').dropColumn('totp_enabled_at').execute();
  for (const table of [
    'staff_recovery_codes',
    'staff_two_factor_challenges',
    'staff_invitations',
    'staff_password_resets',
    'auth_failures',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
