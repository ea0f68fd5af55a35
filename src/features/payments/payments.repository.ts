import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  CheckoutPaymentsTable,
  GiftsTable,
  MemberSubscriptionsTable,
  PaymentsTables,
  StripeDisputesTable,
} from './payments.table.js';
import type { HeldGift } from './subscription-state.js';

export type PaymentsDb = Kysely<PaymentsTables>;
type SubscriptionRow = Selectable<MemberSubscriptionsTable>;
const liveStatuses = ['active', 'trialing', 'past_due'];
/** Statuses after which Stripe never charges the subscription again. */
const endedStatuses = ['canceled', 'incomplete_expired'];

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

  /**
   * A member's subscriptions that grant access: live, with no open or lost dispute on them and
   * no delayed first payment still awaiting or failed.
   */
  grantingSubscriptions: (trx: PaymentsDb, memberId: string) =>
    trx
      .selectFrom('member_subscriptions as s')
      .select(['s.tier_id', 's.current_period_end'])
      .where('s.member_id', '=', memberId)
      .where('s.status', 'in', liveStatuses)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('stripe_disputes as d')
              .select('d.id')
              .whereRef('d.stripe_subscription_id', '=', 's.stripe_subscription_id')
              .where('d.status', 'in', ['open', 'lost']),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('checkout_payments as c')
              .select('c.session_id')
              .whereRef('c.stripe_subscription_id', '=', 's.stripe_subscription_id')
              .where('c.status', 'in', ['awaiting', 'failed']),
          ),
        ),
      )
      .execute(),

  /** Every subscription of a member, for "export my data". */
  subscriptionsOf: (db: PaymentsDb, memberId: string) =>
    db.selectFrom('member_subscriptions').selectAll().where('member_id', '=', memberId).execute(),

  /** The amounts of active subscriptions, summed by currency and interval. */
  activeAmounts: (db: PaymentsDb) =>
    db
      .selectFrom('member_subscriptions')
      .select(['currency', 'interval', (eb) => eb.fn.sum<number | string>('amount').as('amount')])
      .where('status', '=', 'active')
      .groupBy(['currency', 'interval'])
      .execute(),

  /** Subscriptions Stripe may still charge (anything not canceled or expired). */
  chargeableSubscriptions: (db: PaymentsDb, memberId: string) =>
    db
      .selectFrom('member_subscriptions')
      .select(['stripe_subscription_id', 'status'])
      .where('member_id', '=', memberId)
      .where('status', 'not in', endedStatuses)
      .execute(),

  async heldGift(trx: PaymentsDb, memberId: string): Promise<HeldGift> {
    const row = await trx
      .selectFrom('gift_credits')
      .select(['seconds', 'tier_id'])
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return { seconds: row?.seconds ?? 0, tierId: row?.tier_id ?? null };
  },

  saveHeldGift: (trx: PaymentsDb, memberId: string, held: HeldGift, at: string) =>
    trx
      .insertInto('gift_credits')
      .values({ member_id: memberId, seconds: held.seconds, tier_id: held.tierId, updated_at: at })
      .onConflict((oc) =>
        oc
          .column('member_id')
          .doUpdateSet({ seconds: held.seconds, tier_id: held.tierId, updated_at: at }),
      )
      .execute(),

  dispute: (trx: PaymentsDb, id: string) =>
    trx.selectFrom('stripe_disputes').selectAll().where('id', '=', id).executeTakeFirst(),

  async saveDispute(
    trx: PaymentsDb,
    existing: Selectable<StripeDisputesTable> | undefined,
    row: Insertable<StripeDisputesTable>,
  ): Promise<void> {
    if (!existing) {
      await trx.insertInto('stripe_disputes').values(row).execute();
      return;
    }
    const { id: _id, created_at: _created, ...changes } = row;
    await trx.updateTable('stripe_disputes').set(changes).where('id', '=', existing.id).execute();
  },

  async isGiftDisputed(db: PaymentsDb, giftId: string): Promise<boolean> {
    const row = await db
      .selectFrom('stripe_disputes')
      .select('id')
      .where('gift_id', '=', giftId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row !== undefined;
  },

  checkoutPayment: (db: PaymentsDb, sessionId: string) =>
    db
      .selectFrom('checkout_payments')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst(),

  /** Records a delayed payment once (a repeated or later-arriving event leaves it as it is). */
  async insertCheckoutPayment(
    db: PaymentsDb,
    row: Insertable<CheckoutPaymentsTable>,
  ): Promise<boolean> {
    const result = await db
      .insertInto('checkout_payments')
      .values(row)
      .onConflict((oc) => oc.column('session_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /** Compare-and-set on a delayed payment; true when this caller made the change. */
  async moveCheckoutPayment(
    db: PaymentsDb,
    sessionId: string,
    where: { status?: readonly string[]; isNotified?: boolean },
    set: Partial<Omit<Selectable<CheckoutPaymentsTable>, 'session_id'>>,
  ): Promise<boolean> {
    let query = db.updateTable('checkout_payments').set(set).where('session_id', '=', sessionId);
    if (where.status) query = query.where('status', 'in', [...where.status]);
    if (where.isNotified !== undefined)
      query = query.where('notified_at', where.isNotified ? 'is not' : 'is', null);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
