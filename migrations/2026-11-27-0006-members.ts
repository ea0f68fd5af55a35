import type { Kysely } from 'kysely';

/**
 * Readers who join: members, their tiers and paid subscriptions, the history of what happened
 * to each (joined, paid, renewed, cancelled, gift redeemed, comped), labels, and the email
 * sign-in tokens and sessions of members. Conventions as in 0001 (text ids and ISO times,
 * integer booleans, JSON as text; money in minor units as integers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('benefits', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_free', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('usd'))
    .addColumn('monthly_amount', 'integer')
    .addColumn('yearly_amount', 'integer')
    /** "Choose your amount" monthly support: the smallest amount accepted. */
    .addColumn('minimum_amount', 'integer')
    .addColumn('stripe_product_id', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    /** free | paid | comped | gift — derived from subscriptions, comps and gifts. */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('free'))
    .addColumn('tier_id', 'text', (c) => c.references('tiers.id').onDelete('set null'))
    /** When paid, comped or gift access ends (null: open-ended or free). */
    .addColumn('access_until', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subscribed_to_emails', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('stripe_customer_id', 'text', (c) => c.unique())
    /** The membership drive a join or payment started from (Checkout metadata). */
    .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .execute();
  await db.schema
    .createIndex('members_status_created_idx')
    .on('members')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('members_created_idx')
    .on('members')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('member_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('stripe_subscription_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tier_id', 'text', (c) => c.references('tiers.id').onDelete('set null'))
    .addColumn('interval', 'text', (c) => c.notNull().defaultTo('month'))
    .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('usd'))
    .addColumn('current_period_end', 'text')
    .addColumn('cancel_at_period_end', 'integer', (c) => c.notNull().defaultTo(0))
    /** The Stripe event time this row reflects, so an older event never overwrites a newer state. */
    .addColumn('stripe_updated_at', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_subscriptions_member_idx')
    .on('member_subscriptions')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('member_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    /** joined | paid | renewed | cancelled | payment_failed | refunded | gift_purchased | gift_redeemed | comped | donated | email_changed … */
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('campaign_id', 'text')
    .addColumn('amount', 'integer')
    .addColumn('currency', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_events_member_idx')
    .on('member_events')
    .columns(['member_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('member_events_type_idx')
    .on('member_events')
    .columns(['type', 'created_at'])
    .execute();
  await db.schema
    .createIndex('member_events_campaign_idx')
    .on('member_events')
    .columns(['campaign_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('member_labels')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_labels_pk', ['member_id', 'label'])
    .execute();
  await db.schema
    .createIndex('member_labels_label_idx')
    .on('member_labels')
    .columns(['label', 'member_id'])
    .execute();

  await db.schema
    .createTable('member_sign_in_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('sign_in'))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('member_sign_in_tokens_email_idx')
    .on('member_sign_in_tokens')
    .columns(['email', 'created_at'])
    .execute();

  await db.schema
    .createTable('member_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_sessions_member_idx')
    .on('member_sessions')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();

  await db.schema
    .createTable('gifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('buyer_email', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tier_id', 'text', (c) => c.references('tiers.id').onDelete('set null'))
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    /** pending_payment | paid | sent | redeemed | refunded */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stripe_checkout_session_id', 'text', (c) => c.unique())
    .addColumn('redeemed_by', 'text', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('redeemed_at', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gifts_buyer_idx')
    .on('gifts')
    .columns(['buyer_email', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'gifts',
    'stripe_events',
    'member_sessions',
    'member_sign_in_tokens',
    'member_labels',
    'member_events',
    'member_subscriptions',
    'members',
    'tiers',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
