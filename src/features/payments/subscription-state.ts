import type { MemberAccess, MemberStatus } from '../members/index.js';

export type SubscriptionStatus =
  | 'incomplete'
  | 'incomplete_expired'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'paused';

/** Statuses that keep paid access: Stripe is still collecting (past_due) or has been paid. */
export const isLiveStatus = (status: string): boolean =>
  status === 'active' || status === 'trialing' || status === 'past_due';

/** Later in a subscription's life sorts higher: breaks ties between events of the same second. */
const lifecycleRank: Record<string, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  paused: 4,
  unpaid: 5,
  incomplete_expired: 6,
  canceled: 7,
};

export interface SnapshotVersion {
  /** Unix seconds of the Stripe event that carried this state. */
  eventCreated: number;
  status: string;
  /** Unix seconds. */
  currentPeriodEnd: number;
}

/**
 * Whether a subscription state supersedes the stored one. Newer events win; within the same
 * second, the later period and then the later lifecycle status win, so every delivery order of
 * the same events ends in the same state.
 */
export function supersedes(next: SnapshotVersion, stored: SnapshotVersion | undefined): boolean {
  if (!stored) return true;
  if (next.eventCreated !== stored.eventCreated) return next.eventCreated > stored.eventCreated;
  if (next.currentPeriodEnd !== stored.currentPeriodEnd)
    return next.currentPeriodEnd > stored.currentPeriodEnd;
  return (lifecycleRank[next.status] ?? 0) >= (lifecycleRank[stored.status] ?? 0);
}

/** Gift time a member has not used yet because paid access was running: it waits its turn. */
export interface HeldGift {
  seconds: number;
  tierId: string | null;
}

/**
 * A member's access derived from the subscriptions that may grant it (live, and not held by an
 * open or lost dispute or a delayed payment that has not succeeded) and their held gift time.
 * The rule, so a gift is never lost to a subscription:
 * - staff comps are never overridden;
 * - a granting subscription gives paid access to the end of its period (the latest, if
 *   several); a gift running at that moment is held: its remaining time waits in `held`;
 * - when no subscription grants access any more, a paid member's held gift time runs from now
 *   as gift access (`held` empties); without held time they drop to free;
 * - a gift member without a granting subscription keeps their gift as it is.
 * `access` is undefined when it stays as it is.
 */
export function deriveAccess(input: {
  member: { status: MemberStatus; tierId: string | null; accessUntil: string | null };
  granting: ReadonlyArray<{ tierId: string | null; currentPeriodEnd: number }>;
  held: HeldGift;
  now: Date;
}): { access: MemberAccess | undefined; held: HeldGift } {
  const { member, held, now } = input;
  if (member.status === 'comped') return { access: undefined, held };
  const best = [...input.granting].sort((a, b) => b.currentPeriodEnd - a.currentPeriodEnd)[0];
  if (best) {
    const giftLeft =
      member.status === 'gift' && member.accessUntil
        ? Math.ceil((new Date(member.accessUntil).getTime() - now.getTime()) / 1000)
        : 0;
    return {
      access: {
        status: 'paid',
        tierId: best.tierId ?? member.tierId,
        accessUntil: new Date(best.currentPeriodEnd * 1000).toISOString(),
      },
      held:
        giftLeft > 0
          ? { seconds: held.seconds + giftLeft, tierId: member.tierId ?? held.tierId }
          : held,
    };
  }
  if (member.status !== 'paid') return { access: undefined, held };
  if (held.seconds > 0)
    return {
      access: {
        status: 'gift',
        tierId: held.tierId,
        accessUntil: new Date(now.getTime() + held.seconds * 1000).toISOString(),
      },
      held: { seconds: 0, tierId: null },
    };
  return { access: { status: 'free', tierId: null, accessUntil: null }, held };
}

/** Within one dispute's life, a closed state (won or lost) is final: it never reopens. */
export const isClosedDispute = (status: string): boolean => status === 'won' || status === 'lost';

/** A Stripe dispute status as it bears on access: open (held), won (restored) or lost (ended). */
export function disputeOutcome(stripeStatus: string): 'open' | 'won' | 'lost' {
  if (stripeStatus === 'won' || stripeStatus === 'warning_closed') return 'won';
  if (stripeStatus === 'lost') return 'lost';
  return 'open';
}

/** `from` plus whole calendar months (UTC). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
