export interface MembersTable {
  id: string;
  email: string;
  name: string;
  status: string;
  tier_id: string | null;
  access_until: string | null;
  note: string;
  subscribed_to_emails: number;
  stripe_customer_id: string | null;
  campaign_id: string | null;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
}

export interface MemberEventsTable {
  id: string;
  member_id: string;
  type: string;
  data: string;
  campaign_id: string | null;
  amount: number | null;
  currency: string | null;
  created_at: string;
}

export interface MemberLabelsTable {
  member_id: string;
  label: string;
}

export interface MembersTables {
  members: MembersTable;
  member_events: MemberEventsTable;
  member_labels: MemberLabelsTable;
}
