import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Mailer } from '../../platform/mail/index.js';
import { hashToken, randomToken } from '../../platform/security/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { MembersService } from '../members/index.js';
import type { TiersService } from '../tiers/index.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { GiftsTable, PaymentsTables } from './payments.table.js';
import { addMonths, type HeldGift } from './subscription-state.js';

type Db = Kysely<PaymentsTables & EventsTables>;

export type GiftStatus = 'pending_payment' | 'paid' | 'sent' | 'redeemed' | 'refunded';

export interface Gift {
  id: string;
  buyerEmail: string;
  recipientEmail: string;
  recipientName: string;
  message: string;
  tierId: string | null;
  months: number;
  amount: number;
  currency: string;
  status: GiftStatus;
  redeemedAt: string | null;
  createdAt: string;
}

const toGift = (row: Selectable<GiftsTable>): Gift => ({
  id: row.id,
  buyerEmail: row.buyer_email,
  recipientEmail: row.recipient_email,
  recipientName: row.recipient_name,
  message: row.message,
  tierId: row.tier_id,
  months: row.months,
  amount: row.amount,
  currency: row.currency,
  status: row.status as GiftStatus,
  redeemedAt: row.redeemed_at,
  createdAt: row.created_at,
});

const giftAlreadyRedeemed = () =>
  new AppError({
    code: 'GIFT_ALREADY_REDEEMED',
    status: 409,
    message: 'This gift has already been redeemed',
  });

const giftRefunded = () =>
  new AppError({
    code: 'GIFT_REFUNDED',
    status: 410,
    message: 'This gift was refunded and can no longer be redeemed',
  });

const giftOnHold = () =>
  new AppError({
    code: 'GIFT_ON_HOLD',
    status: 409,
    message:
      'This gift cannot be redeemed while its payment is being reviewed; please try again later',
  });

const redeemable = ['paid', 'sent'] as const;

/**
 * Gift memberships: bought through Checkout (payment mode), marked paid by the webhook, sent to
 * the recipient as a single-use link whose code is stored only as a hash, redeemed once.
 */
export function createGiftsService(deps: {
  db: Db;
  clock: Clock;
  members: MembersService;
  /** Opens the transactions whose member events are announced after commit. */
  events: Pick<EventsService, 'withTransaction'>;
  tiers: TiersService;
  mailer: Mailer;
  publicUrl: string;
}) {
  const { clock } = deps;
  const db = (): PaymentsDb => narrow(deps.db).to<PaymentsTables>();
  const now = () => clock.now().toISOString();

  return {
    /** A gift waiting for its payment; its code hash is a placeholder until it is paid. */
    async createPending(input: {
      buyerEmail: string;
      recipientEmail: string;
      recipientName: string;
      message: string;
      tierId: string;
      months: number;
      amount: number;
      currency: string;
      campaignId: string | null;
    }): Promise<string> {
      const id = newId();
      const at = now();
      await repo.insertGift(db(), {
        id,
        code_hash: hashToken(randomToken(32)),
        buyer_email: input.buyerEmail,
        recipient_email: input.recipientEmail,
        recipient_name: input.recipientName,
        message: input.message,
        tier_id: input.tierId,
        months: input.months,
        amount: input.amount,
        currency: input.currency,
        status: 'pending_payment',
        stripe_checkout_session_id: null,
        redeemed_by: null,
        redeemed_at: null,
        campaign_id: input.campaignId,
        created_at: at,
        updated_at: at,
      });
      return id;
    },

    attachCheckoutSession: (giftId: string, sessionId: string) =>
      repo.attachCheckoutSession(db(), giftId, sessionId, now()),

    /** Inside the webhook's transaction: pending → paid. Undefined when it was not pending. */
    async markPaid(trx: PaymentsDb, giftId: string): Promise<Gift | undefined> {
      const isMoved = await repo.moveGift(trx, giftId, ['pending_payment'], {
        status: 'paid',
        updated_at: now(),
      });
      if (!isMoved) return undefined;
      const row = await repo.gift(trx, giftId);
      return row ? toGift(row) : undefined;
    },

    /**
     * Sends a paid gift's redeem link to its recipient, once: a fresh code is stored (hashed) by
     * a compare-and-set paid → sent, so concurrent callers send one email. If sending fails the
     * gift goes back to paid (a repeated webhook delivery tries again) and the error is thrown.
     */
    async sendIfPaid(giftId: string): Promise<boolean> {
      const code = randomToken(24);
      const isClaimed = await repo.moveGift(db(), giftId, ['paid'], {
        status: 'sent',
        code_hash: hashToken(code),
        updated_at: now(),
      });
      if (!isClaimed) return false;
      const row = await repo.gift(db(), giftId);
      if (!row) return false;
      const tier = row.tier_id ? await deps.tiers.byId(row.tier_id) : undefined;
      const link = `${deps.publicUrl}/gift/redeem?code=${encodeURIComponent(code)}`;
      const months = row.months === 1 ? '1 month' : `${row.months} months`;
      const greeting = row.recipient_name ? `Hello ${row.recipient_name},` : 'Hello,';
      try {
        await deps.mailer.send({
          to: row.recipient_email,
          subject: `You have been given ${months} of ${tier?.name ?? 'membership'}`,
          text: [
            greeting,
            '',
            `${row.buyer_email} gave you ${months} of ${tier?.name ?? 'membership'}.`,
            ...(row.message ? ['', `“${row.message}”`] : []),
            '',
            `Redeem your gift (the link works once): ${link}`,
          ].join('\n'),
        });
      } catch (error) {
        await repo.moveGift(db(), giftId, ['sent'], { status: 'paid', updated_at: now() });
        throw error;
      }
      return true;
    },

    /** The gift behind a redeem code, for the redeem page (undefined: no such code or unpaid). */
    async preview(code: string): Promise<Gift | undefined> {
      const row = await repo.giftByCode(db(), hashToken(code));
      return row && row.status !== 'pending_payment' ? toGift(row) : undefined;
    },

    /**
     * Redeems a gift once: the recipient (found or created by the gift's email) gets gift
     * access to the tier for the gift's months, counted from when their current access ends
     * if that is later. A recipient whose paid subscription is running keeps it, and the gift's
     * time is held for them (`heldSeconds`): it starts when their paid access ends, so a gift
     * is never swallowed by a subscription. Signs nobody in.
     */
    async redeem(
      code: string,
    ): Promise<{ memberId: string; accessUntil: string | null; heldSeconds: number }> {
      const codeHash = hashToken(code);
      return deps.events.withTransaction(deps.db, async (trx) => {
        const t = narrow(trx).to<PaymentsTables>();
        const m = narrow(trx).to<EventsTables>();
        const row = await repo.giftByCode(t, codeHash);
        if (!row || row.status === 'pending_payment') throw notFound('Gift');
        if (row.status === 'redeemed') throw giftAlreadyRedeemed();
        if (row.status === 'refunded') throw giftRefunded();
        if (await repo.isGiftDisputed(t, row.id)) throw giftOnHold();
        const found = await deps.members.findOrCreate(
          { email: row.recipient_email, name: row.recipient_name },
          m,
        );
        // Locked, then read again: a webhook changing this member's access waits for us.
        await deps.members.lock(m, found.member.id);
        const member = (await deps.members.byId(found.member.id, m)) ?? found.member;
        const at = clock.now();
        const currentEnd = member.accessUntil ? new Date(member.accessUntil) : undefined;
        const isPaying =
          member.status === 'paid' && (!currentEnd || currentEnd.getTime() > at.getTime());
        const base =
          !isPaying && member.status !== 'free' && currentEnd && currentEnd.getTime() > at.getTime()
            ? currentEnd
            : at;
        const end = addMonths(base, row.months);
        const granted = Math.round((end.getTime() - base.getTime()) / 1000);
        const isMoved = await repo.moveGift(t, row.id, redeemable, {
          status: 'redeemed',
          redeemed_by: member.id,
          redeemed_at: at.toISOString(),
          granted_seconds: granted,
          updated_at: at.toISOString(),
        });
        if (!isMoved) throw giftAlreadyRedeemed();
        let result = { accessUntil: end.toISOString() as string | null, heldSeconds: 0 };
        if (isPaying) {
          const held = await repo.heldGift(t, member.id);
          await repo.saveHeldGift(
            t,
            member.id,
            { seconds: held.seconds + granted, tierId: row.tier_id ?? held.tierId },
            at.toISOString(),
          );
          result = { accessUntil: member.accessUntil, heldSeconds: granted };
        } else if (!(member.status === 'comped' && member.accessUntil === null)) {
          // An open-ended staff comp already gives more than any gift: keep it.
          await deps.members.setAccess(m, member.id, {
            status: 'gift',
            tierId: row.tier_id,
            accessUntil: result.accessUntil,
          });
        }
        await deps.members.recordEvent(m, {
          memberId: member.id,
          type: 'gift_redeemed',
          data: {
            giftId: row.id,
            months: row.months,
            buyerEmail: row.buyer_email,
            ...(isPaying ? { heldSeconds: granted } : {}),
          },
          campaignId: row.campaign_id,
          amount: row.amount,
          currency: row.currency,
        });
        return { memberId: member.id, ...result };
      });
    },

    /** Gift time a member has waiting until their paid access ends (0 seconds: none). */
    async heldFor(memberId: string): Promise<HeldGift> {
      return repo.heldGift(db(), memberId);
    },

    /** Gifts a buyer paid for (or started paying for), newest first, with their state. */
    async boughtBy(email: string): Promise<Gift[]> {
      return (await repo.giftsBoughtBy(db(), email.trim().toLowerCase())).map(toGift);
    },
  };
}

export type GiftsService = ReturnType<typeof createGiftsService>;
