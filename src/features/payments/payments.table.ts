export interface StripeEventsTable {
  id: string;
  type: string;
  created: number;
  received_at: string;
  processed_at: string | null;
}

export interface GiftsTable {
  id: string;
  code_hash: string;
  buyer_email: string;
  recipient_email: string;
  recipient_name: string;
  message: string;
  tier_id: string | null;
  months: number;
  amount: number;
  currency: string;
  /** pending_payment | paid (code not yet sent) | sent | redeemed | refunded */
  status: string;
  stripe_checkout_session_id: string | null;
  redeemed_by: string | null;
  redeemed_at: string | null;
  campaign_id: string | null;
  /** Seconds of access the gift gave when redeemed (taken back if it is refunded). */
  granted_seconds: number | null;
  created_at: string;
  updated_at: string;
}

/** Gift time held while a member's paid subscription runs; released when paid access ends. */
export interface GiftCreditsTable {
  member_id: string;
  seconds: number;
  tier_id: string | null;
  updated_at: string;
}

export interface StripeDisputesTable {
  id: string;
  charge_id: string;
  member_id: string | null;
  stripe_subscription_id: string | null;
  gift_id: string | null;
  /** open | won | lost */
  status: string;
  amount: number;
  currency: string;
  stripe_updated_at: number;
  created_at: string;
  updated_at: string;
}

/** A Checkout session paid by a delayed method, until Stripe says how the payment went. */
export interface CheckoutPaymentsTable {
  session_id: string;
  kind: string;
  /** awaiting | paid | failed */
  status: string;
  stripe_subscription_id: string | null;
  gift_id: string | null;
  email: string | null;
  notified_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A member's Stripe subscription as the latest event described it (payments write it). */
export interface MemberSubscriptionsTable {
  id: string;
  member_id: string;
  stripe_subscription_id: string;
  status: string;
  tier_id: string | null;
  interval: string;
  amount: number;
  currency: string;
  current_period_end: string | null;
  cancel_at_period_end: number;
  stripe_updated_at: number;
  created_at: string;
  updated_at: string;
}

export interface PaymentsTables {
  member_subscriptions: MemberSubscriptionsTable;
  stripe_events: StripeEventsTable;
  gifts: GiftsTable;
  gift_credits: GiftCreditsTable;
  stripe_disputes: StripeDisputesTable;
  checkout_payments: CheckoutPaymentsTable;
}
