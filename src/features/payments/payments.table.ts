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
  created_at: string;
  updated_at: string;
}

export interface PaymentsTables {
  stripe_events: StripeEventsTable;
  gifts: GiftsTable;
}
