import type { Generated } from 'kysely';

/** Kysely types of the newsletters feature's tables (migrations 2026-12-07-0100-newsletters,
 * 2026-12-07-0300-email-tracking, 2026-12-08-0100-member-email-activity). */
export interface NewslettersTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  cadence: string;
  digest_time: string | null;
  sender_name: string | null;
  reply_to: string | null;
  audience: string;
  subscribe_on_signup: number;
  status: string;
  sort_order: number;
  design: string;
  next_digest_intro: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewsletterSubscriptionsTable {
  member_id: string;
  newsletter_id: string;
  status: string;
  source: string;
  changed_at: string;
}

export interface EmailsTable {
  id: string;
  newsletter_id: string;
  post_id: string | null;
  digest_date: string | null;
  segment: string;
  status: string;
  subject: string;
  intro: string | null;
  recipient_count: number;
  sent_count: number;
  failed_count: number;
  uncertain_count: number;
  skipped_count: number;
  rendered: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /** 1 when opens / clicks were tracked: settings at the time the send started. */
  track_opens: Generated<number>;
  track_clicks: Generated<number>;
  open_count: Generated<number>;
  click_count: Generated<number>;
  /** 1 when each recipient's opens and clicks were recorded (the newsroom opted in). */
  track_members: Generated<number>;
}

export interface EmailRecipientsTable {
  email_id: string;
  member_id: string;
  address: string;
  name: string | null;
  access: string;
  state: string;
  batch: number;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: number;
  retry_at: string | null;
  reply: string | null;
  updated_at: string;
}

export interface EmailSuppressionsTable {
  address: string;
  reason: string;
  source: string;
  detail: string | null;
  created_at: string;
}

/** Clicks per signed link of an email (tracking on); counts only, no member. */
export interface EmailLinkClicksTable {
  email_id: string;
  url: string;
  count: number;
}

/** One member's opens and clicks of one email: only for emails sent with per-member tracking. */
export interface MemberEmailActivityTable {
  member_id: string;
  email_id: string;
  open_count: Generated<number>;
  click_count: Generated<number>;
  first_opened_at: string | null;
  last_opened_at: string | null;
  first_clicked_at: string | null;
  last_clicked_at: string | null;
}

export interface NewslettersTables {
  newsletters: NewslettersTable;
  newsletter_subscriptions: NewsletterSubscriptionsTable;
  emails: EmailsTable;
  email_recipients: EmailRecipientsTable;
  email_suppressions: EmailSuppressionsTable;
  email_link_clicks: EmailLinkClicksTable;
  member_email_activity: MemberEmailActivityTable;
}
