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

/**
 * A member's access derived from one subscription's state, or undefined to leave it as it is.
 * Staff comps are never overridden; a gift gives way to a live subscription, but an ended
 * subscription does not end a gift; a paid member drops to free only when no other
 * subscription of theirs is live.
 */
export function accessFromSubscription(input: {
  member: { status: MemberStatus; tierId: string | null; accessUntil: string | null };
  subscription: { status: string; tierId: string | null; currentPeriodEnd: number };
  hasOtherLiveSubscription: boolean;
}): MemberAccess | undefined {
  const { member, subscription } = input;
  if (member.status === 'comped') return undefined;
  if (isLiveStatus(subscription.status)) {
    return {
      status: 'paid',
      tierId: subscription.tierId ?? member.tierId,
      accessUntil: new Date(subscription.currentPeriodEnd * 1000).toISOString(),
    };
  }
  if (member.status === 'paid' && !input.hasOtherLiveSubscription)
    return { status: 'free', tierId: null, accessUntil: null };
  return undefined;
}

/** `from` plus whole calendar months (UTC). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
