import type { Kysely } from 'kysely';

/**
 * State the Stripe webhook needs so that gifts, refunds, disputes and delayed payments change
 * access in any delivery order:
 * - `gift_credits`: gift time held while a member's paid subscription runs (seconds), released
 *   as gift access when paid access ends, so a gift is never swallowed by a subscription.
 * - `gifts.granted_seconds`: how much access a redeemed gift gave, taken back if it is refunded.
 * - `stripe_disputes`: each dispute's latest state (open, won, lost) and what it holds.
 * - `checkout_payments`: Checkout sessions paid by a delayed method, until Stripe says whether
 *   the payment succeeded; nothing is granted before that.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gift_credits')
    .addColumn('member_id', 'text', (c) =>
      c.primaryKey().references('members.id').onDelete('cascade'),
    )
    .addColumn('seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tier_id', 'text', (c) => c.references('tiers.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('gifts').addColumn('granted_seconds', 'integer').execute();
  await db.schema
    .createTable('stripe_disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('charge_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('members.id').onDelete('cascade'))
    .addColumn('stripe_subscription_id', 'text')
    .addColumn('gift_id', 'text', (c) => c.references('gifts.id').onDelete('set null'))
    /** open | won | lost */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('usd'))
    /** The Stripe event time this row reflects; an older event never overwrites it. */
    .addColumn('stripe_updated_at', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stripe_disputes_subscription_idx')
    .on('stripe_disputes')
    .column('stripe_subscription_id')
    .execute();
  await db.schema
    .createIndex('stripe_disputes_gift_idx')
    .on('stripe_disputes')
    .column('gift_id')
    .execute();
  await db.schema
    .createTable('checkout_payments')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    /** subscription | amount | donation | gift */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** awaiting | paid | failed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stripe_subscription_id', 'text')
    .addColumn('gift_id', 'text')
    .addColumn('email', 'text')
    /** When the reader was told that a delayed payment failed (null: not yet). */
    .addColumn('notified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checkout_payments_subscription_idx')
    .on('checkout_payments')
    .column('stripe_subscription_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('checkout_payments').execute();
  await db.schema.dropTable('stripe_disputes').execute();
  await db.schema.alterTable('gifts').dropColumn('granted_seconds').execute();
  await db.schema.dropTable('gift_credits').execute();
}
