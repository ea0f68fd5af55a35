import { driveMetricValues } from '../../shared/contracts/campaigns.js';
/** free: signed up; paid: a live subscription; comped: granted by staff; gift: a redeemed gift. */
export const memberStatuses = ['free', 'paid', 'comped', 'gift'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const memberEventTypes = [
  'joined',
  'paid',
  'renewed',
  'cancelled',
  'payment_failed',
  'payment_pending',
  'dispute_opened',
  'dispute_won',
  'dispute_lost',
  'refunded',
  'donated',
  'gift_purchased',
  'gift_redeemed',
  'gift_held',
  'gift_resumed',
  'gift_withdrawn',
  'comped',
  'comp_removed',
  'access_ended',
  'signed_in',
  'updated',
  'newsletter_subscribed',
  'newsletter_unsubscribed',
  // A provider reported a hard bounce or a spam complaint for the address (newsletters).
  'email_bounced',
  'email_complained',
] as const;
export type MemberEventType = (typeof memberEventTypes)[number];

/** What a membership drive can count: paid members now, members who first paid since it began, or all. */
/** What a drive can count (the drive contract's list; members compute each). */
export const memberMetrics = driveMetricValues;
export type MemberMetric = (typeof memberMetrics)[number];

export interface Member {
  id: string;
  email: string;
  name: string;
  status: MemberStatus;
  tierId: string | null;
  /** When paid, comped or gift access ends; null when open-ended (or free). */
  accessUntil: string | null;
  note: string;
  subscribedToEmails: boolean;
  stripeCustomerId: string | null;
  campaignId: string | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MemberEvent {
  id: string;
  memberId: string;
  type: MemberEventType;
  data: Record<string, unknown>;
  campaignId: string | null;
  amount: number | null;
  currency: string | null;
  createdAt: string;
}

/** The audience a reader belongs to, for entitlements and for the page cache. */
export type Audience = 'anonymous' | 'member' | 'paid';

/** Paid, comped and gift members have paid access while it lasts; everyone signed in is a member. */
export function audienceOf(member: Member | undefined, now: Date): Audience {
  if (!member) return 'anonymous';
  const hasPaidAccess =
    member.status !== 'free' &&
    (member.accessUntil === null || new Date(member.accessUntil).getTime() > now.getTime());
  return hasPaidAccess ? 'paid' : 'member';
}

/** Whether a reader of this audience may read a post of this visibility in full. */
export function canRead(audience: Audience, visibility: 'public' | 'members' | 'paid'): boolean {
  if (visibility === 'public') return true;
  if (visibility === 'members') return audience !== 'anonymous';
  return audience === 'paid';
}

/** The visibilities whose stories an audience may read in full (search, feeds, APIs). */
export function readableVisibilities(audience: Audience): Array<'public' | 'members' | 'paid'> {
  return (['public', 'members', 'paid'] as const).filter((v) => canRead(audience, v));
}

export { memberEmailSchema } from '../../shared/contracts/member-admin.js';
