import type { Insertable, Kysely, Selectable } from 'kysely';
import type { MembersTables } from '../members/index.js';
import type { GiftsTable, PaymentsTables } from './payments.table.js';

export type PaymentsDb = Kysely<PaymentsTables & MembersTables>;
type SubscriptionRow = Selectable<MembersTables['member_subscriptions']>;

/** SQL for payments: processed Stripe events, members' subscriptions, gifts. */
export const paymentsRepository = {
  /** Records an event id once; false when it was already recorded (a repeated delivery). */
  async claimEvent(
    trx: PaymentsDb,
    event: { id: string; type: string; created: number },
    at: string,
  ): Promise<boolean> {
    const result = await trx
      .insertInto('stripe_events')
      .values({ id: event.id, type: event.type, created: event.created, received_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  markProcessed: (trx: PaymentsDb, id: string, at: string) =>
    trx.updateTable('stripe_events').set({ processed_at: at }).where('id', '=', id).execute(),

  subscription: (trx: PaymentsDb, stripeSubscriptionId: string) =>
    trx
      .selectFrom('member_subscriptions')
      .selectAll()
      .where('stripe_subscription_id', '=', stripeSubscriptionId)
      .executeTakeFirst(),

  async saveSubscription(
    trx: PaymentsDb,
    existing: SubscriptionRow | undefined,
    row: Omit<SubscriptionRow, 'id' | 'created_at'> & { id: string; created_at: string },
  ): Promise<void> {
    if (!existing) {
      await trx.insertInto('member_subscriptions').values(row).execute();
      return;
    }
    const { id: _id, created_at: _created, ...changes } = row;
    await trx
      .updateTable('member_subscriptions')
      .set(changes)
      .where('id', '=', existing.id)
      .execute();
  },

  async hasOtherLiveSubscription(
    trx: PaymentsDb,
    memberId: string,
    exceptStripeId: string,
  ): Promise<boolean> {
    const row = await trx
      .selectFrom('member_subscriptions')
      .select('id')
      .where('member_id', '=', memberId)
      .where('stripe_subscription_id', '!=', exceptStripeId)
      .where('status', 'in', ['active', 'trialing', 'past_due'])
      .executeTakeFirst();
    return row !== undefined;
  },

  insertGift: (db: PaymentsDb, row: Insertable<GiftsTable>) =>
    db.insertInto('gifts').values(row).execute(),

  attachCheckoutSession: (db: PaymentsDb, giftId: string, sessionId: string, at: string) =>
    db
      .updateTable('gifts')
      .set({ stripe_checkout_session_id: sessionId, updated_at: at })
      .where('id', '=', giftId)
      .execute(),

  gift: (db: PaymentsDb, id: string) =>
    db.selectFrom('gifts').selectAll().where('id', '=', id).executeTakeFirst(),

  giftByCode: (db: PaymentsDb, codeHash: string) =>
    db.selectFrom('gifts').selectAll().where('code_hash', '=', codeHash).executeTakeFirst(),

  /** Compare-and-set on a gift's status; true when this caller made the change. */
  async moveGift(
    db: PaymentsDb,
    id: string,
    from: readonly string[],
    set: Partial<Omit<Selectable<GiftsTable>, 'id'>>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('gifts')
      .set(set)
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  giftsBoughtBy: (db: PaymentsDb, email: string) =>
    db
      .selectFrom('gifts')
      .selectAll()
      .where('buyer_email', '=', email)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
};
