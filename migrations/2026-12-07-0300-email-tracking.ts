import type { Kysely } from 'kysely';

/**
 * Newsletter tracking (issue #13 §8), off by default: counts per email, never per member.
 * `track_opens` / `track_clicks` record whether tracking was on when the send started (the
 * report shows null rather than 0 for an email sent untracked); `email_link_clicks` counts the
 * clicks on each signed link. No member id anywhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('emails')
    .addColumn('track_opens', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('emails')
    .addColumn('track_clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('emails')
    .addColumn('open_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('emails')
    .addColumn('click_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('email_link_clicks')
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('email_link_clicks_pk', ['email_id', 'url'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_link_clicks').execute();
  for (const column of ['click_count', 'open_count', 'track_clicks', 'track_opens'])
    await db.schema.alterTable('emails').dropColumn(column).execute();
}
