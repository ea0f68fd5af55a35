import type { Kysely } from 'kysely';

/**
 * Newsletters (issue #13, decision 0011): the lists, who is on them, each email sent and its
 * recipients (fixed when the send starts), and the addresses that must not be mailed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    /** What readers are told about how often it comes ("Every morning"). */
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo(''))
    /** `HH:MM` in the newsroom's zone for a daily digest; null for lists sent story by story. */
    .addColumn('digest_time', 'text')
    .addColumn('sender_name', 'text')
    .addColumn('reply_to', 'text')
    /** all | free | paid */
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('subscribe_on_signup', 'integer', (c) => c.notNull().defaultTo(0))
    /** active | archived */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: header image, whether to show the site name, footer text. */
    .addColumn('design', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('newsletter_subscriptions')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('newsletter_id', 'text', (c) =>
      c.notNull().references('newsletters.id').onDelete('cascade'),
    )
    /** subscribed | unsubscribed */
    .addColumn('status', 'text', (c) => c.notNull())
    /** signup | account | newsletters-page | import | admin | unsubscribe-link | bounce | complaint */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_subscriptions_pk', ['member_id', 'newsletter_id'])
    .execute();
  // Recipients and subscriber counts read a list's subscribers in member order.
  await db.schema
    .createIndex('newsletter_subscriptions_list_idx')
    .on('newsletter_subscriptions')
    .columns(['newsletter_id', 'status', 'member_id'])
    .execute();

  await db.schema
    .createTable('emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('newsletter_id', 'text', (c) => c.notNull().references('newsletters.id'))
    /** The story sent; unique, so a story is emailed at most once. Null for a digest. */
    .addColumn('post_id', 'text', (c) => c.unique().references('posts.id').onDelete('set null'))
    /** The digest's local date (YYYY-MM-DD); unique per newsletter: one briefing a day. */
    .addColumn('digest_date', 'text')
    /** all | free | paid */
    .addColumn('segment', 'text', (c) => c.notNull().defaultTo('all'))
    /** pending | sending | sent | failed | cancelled */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('subject', 'text', (c) => c.notNull())
    /** An editor's line above a digest. */
    .addColumn('intro', 'text')
    .addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uncertain_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON of the rendered parts per access level, written once when the send starts. */
    .addColumn('rendered', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('emails_digest_unique', ['newsletter_id', 'digest_date'])
    .execute();
  // The sender looks for work; the admin lists a newsletter's emails newest first.
  await db.schema.createIndex('emails_status_idx').on('emails').columns(['status', 'id']).execute();
  await db.schema
    .createIndex('emails_newsletter_idx')
    .on('emails')
    .columns(['newsletter_id', 'id'])
    .execute();

  await db.schema
    .createTable('email_recipients')
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    /** The address and name when the send started (a later change does not move a send). */
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    /** full | teaser: which render this recipient gets. */
    .addColumn('access', 'text', (c) => c.notNull())
    /** queued | claimed | handing | sent | failed | uncertain | skipped */
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** Not before this time (a 4xx answer's backoff). */
    .addColumn('retry_at', 'text')
    /** The server's last reply, or why it was skipped. */
    .addColumn('reply', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_recipients_pk', ['email_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('email_recipients_work_idx')
    .on('email_recipients')
    .columns(['email_id', 'state', 'batch'])
    .execute();
  // Deleting an account purges its rows; a member's page lists their emails.
  await db.schema
    .createIndex('email_recipients_member_idx')
    .on('email_recipients')
    .columns(['member_id', 'email_id'])
    .execute();

  await db.schema
    .createTable('email_suppressions')
    /** Lower-cased address. */
    .addColumn('address', 'text', (c) => c.primaryKey())
    /** hard_bounce | complaint | manual | import */
    .addColumn('reason', 'text', (c) => c.notNull())
    /** smtp | ses | mailgun | admin | import */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_suppressions').execute();
  await db.schema.dropTable('email_recipients').execute();
  await db.schema.dropTable('emails').execute();
  await db.schema.dropTable('newsletter_subscriptions').execute();
  await db.schema.dropTable('newsletters').execute();
}
