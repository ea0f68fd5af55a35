import type { Kysely } from 'kysely';

/**
 * Per-member newsletter tracking, only when the newsroom opts in (issue #13 §8): `track_members`
 * records whether it was on when an email's send started (its URLs then carry each recipient's
 * signed token); `member_email_activity` holds one row per member and email with their opens and
 * clicks. Rows go with the member (and with the email): foreign keys cascade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('emails')
    .addColumn('track_members', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('member_email_activity')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('open_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('click_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_opened_at', 'text')
    .addColumn('last_opened_at', 'text')
    .addColumn('first_clicked_at', 'text')
    .addColumn('last_clicked_at', 'text')
    .addPrimaryKeyConstraint('member_email_activity_pk', ['member_id', 'email_id'])
    .execute();
  // The primary key serves a member's page; this serves the cascade when an email is deleted.
  await db.schema
    .createIndex('member_email_activity_email_idx')
    .on('member_email_activity')
    .column('email_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_email_activity').execute();
  await db.schema.alterTable('emails').dropColumn('track_members').execute();
}
