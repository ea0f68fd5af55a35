import type { Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { MemberAccess, MembersService, SharedHandle } from '../members/index.js';
import { paymentsRepository as repo, type PaymentsDb } from './payments.repository.js';
import type { GiftsTable } from './payments.table.js';
import { addMonths, deriveAccess } from './subscription-state.js';

const unixSeconds = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

/** Seconds of access a gift gave: as recorded at redemption, else its months from then. */
function grantedSeconds(gift: Selectable<GiftsTable>): number {
  if (gift.granted_seconds !== null) return gift.granted_seconds;
  const from = new Date(gift.redeemed_at ?? gift.updated_at);
  return Math.round((addMonths(from, gift.months).getTime() - from.getTime()) / 1000);
}

/**
 * A member's access as payments decide it, always re-derived from what is stored (their
 * subscriptions, disputes, delayed payments and held gift time) inside the caller's transaction,
 * so whatever order Stripe's events arrive in, the member ends in the same state.
 */
export function createMemberAccess(deps: { members: MembersService; clock: Clock }) {
  const { members, clock } = deps;

  return {
    async reconcile(t: PaymentsDb, m: SharedHandle, memberId: string): Promise<void> {
      await members.lock(m, memberId);
      const member = await members.byId(memberId, m);
      if (!member) return;
      const granting = (await repo.grantingSubscriptions(t, memberId)).map((s) => ({
        tierId: s.tier_id,
        currentPeriodEnd: unixSeconds(s.current_period_end),
      }));
      const held = await repo.heldGift(t, memberId);
      const at = clock.now();
      const next = deriveAccess({ member, granting, held, now: at });
      if (next.held.seconds !== held.seconds || next.held.tierId !== held.tierId)
        await repo.saveHeldGift(t, memberId, next.held, at.toISOString());
      const access: MemberAccess | undefined = next.access;
      if (
        access &&
        (access.status !== member.status ||
          access.tierId !== member.tierId ||
          access.accessUntil !== member.accessUntil)
      )
        await members.setAccess(m, memberId, access);
      if (next.held.seconds > held.seconds)
        await members.recordEvent(m, {
          memberId,
          type: 'gift_held',
          data: { seconds: next.held.seconds - held.seconds },
        });
      else if (next.held.seconds < held.seconds && access?.status === 'gift')
        await members.recordEvent(m, {
          memberId,
          type: 'gift_resumed',
          data: { seconds: held.seconds, accessUntil: access.accessUntil },
        });
    },

    /**
     * Takes back what a refunded gift (or one whose payment was lost in a dispute) gave its
     * recipient: its time comes off their gift access (free when none is left), or off their
     * held gift time while they pay.
     */
    async takeBackGift(
      t: PaymentsDb,
      m: SharedHandle,
      gift: Selectable<GiftsTable>,
      reason: 'refunded' | 'dispute_lost',
    ): Promise<void> {
      if (!gift.redeemed_by) return;
      await members.lock(m, gift.redeemed_by);
      const member = await members.byId(gift.redeemed_by, m);
      if (!member) return;
      const granted = grantedSeconds(gift);
      const at = clock.now();
      if (member.status === 'gift' && member.accessUntil) {
        const end = Date.parse(member.accessUntil) - granted * 1000;
        await members.setAccess(
          m,
          member.id,
          end > at.getTime()
            ? { status: 'gift', tierId: member.tierId, accessUntil: new Date(end).toISOString() }
            : { status: 'free', tierId: null, accessUntil: null },
        );
      } else if (member.status === 'paid') {
        const held = await repo.heldGift(t, member.id);
        await repo.saveHeldGift(
          t,
          member.id,
          { seconds: Math.max(0, held.seconds - granted), tierId: held.tierId },
          at.toISOString(),
        );
      }
      await members.recordEvent(m, {
        memberId: member.id,
        type: 'gift_withdrawn',
        data: { giftId: gift.id, reason, seconds: granted },
      });
    },
  };
}
