import type { AppTables } from '../app-database.js';

/** A table the archive carries: its rows in key order, minus the columns that are secrets. */
export interface ArchivedTable {
  name: keyof AppTables;
  /** A unique key, read in this order (keyset pages, so a million rows never sit in memory). */
  key: readonly string[];
  /** Columns never written to an archive (secrets), with what the import puts in their place. */
  secretColumns?: Readonly<Record<string, string | null | ((row: ArchiveRow) => string)>>;
}

export type ArchiveValue = string | number | null;
export type ArchiveRow = Record<string, ArchiveValue>;

/**
 * Every table an archive holds, in foreign-key order (a table comes after every table it
 * references), which is the order the import inserts them in. docs/decisions/0019 documents it.
 */
export const archivedTables: readonly ArchivedTable[] = [
  { name: 'settings', key: ['key'] },
  {
    name: 'staff_users',
    key: ['id'],
    // Nobody's password or second factor leaves: staff set a password again (reset by email).
    secretColumns: {
      password_hash: null,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
    },
  },
  { name: 'media', key: ['id'] },
  { name: 'authors', key: ['id'] },
  { name: 'tags', key: ['id'] },
  { name: 'campaigns', key: ['id'] },
  { name: 'tiers', key: ['id'] },
  { name: 'posts', key: ['id'] },
  { name: 'post_authors', key: ['post_id', 'author_id'] },
  { name: 'post_tags', key: ['post_id', 'tag_id'] },
  { name: 'post_slug_history', key: ['slug'] },
  { name: 'post_corrections', key: ['id'] },
  { name: 'post_revisions', key: ['id'] },
  { name: 'members', key: ['id'] },
  { name: 'member_events', key: ['id'] },
  { name: 'member_labels', key: ['member_id', 'label'] },
  { name: 'member_subscriptions', key: ['id'] },
  { name: 'stripe_events', key: ['id'] },
  {
    name: 'gifts',
    key: ['id'],
    // The hash of a gift's bearer code: an unredeemed code stops working (the buyer is sent a
    // new one from the new site); the marker can never be the hash of a code.
    secretColumns: { code_hash: (row) => `withheld-by-export:${String(row.id)}` },
  },
  { name: 'gift_credits', key: ['member_id'] },
  { name: 'stripe_disputes', key: ['id'] },
  { name: 'checkout_payments', key: ['session_id'] },
  { name: 'newsletters', key: ['id'] },
  { name: 'newsletter_subscriptions', key: ['member_id', 'newsletter_id'] },
  { name: 'emails', key: ['id'] },
  { name: 'email_recipients', key: ['email_id', 'member_id'] },
  { name: 'email_suppressions', key: ['address'] },
  { name: 'email_link_clicks', key: ['email_id', 'url'] },
  { name: 'member_email_activity', key: ['member_id', 'email_id'] },
  { name: 'import_links', key: ['source', 'entity', 'external_id'] },
  { name: 'redirects', key: ['from_path'] },
  { name: 'live_updates', key: ['id'] },
  { name: 'live_coverage', key: ['post_id'] },
];

/**
 * Tables an archive leaves out, and why. Each table of the database is in exactly one of the two
 * lists (a test checks it), so a new table cannot be exported — or forgotten — by accident.
 */
export const skippedTables: Readonly<Record<string, string>> = {
  api_tokens: 'secrets (token hashes): issue new tokens on the new site',
  staff_sessions: 'secrets (signed-in browsers)',
  staff_password_resets: 'secrets (single-use links)',
  staff_invitations: 'secrets (single-use links)',
  staff_two_factor_challenges: 'secrets (sign-ins in progress)',
  staff_recovery_codes: 'secrets (second-factor recovery codes)',
  member_sign_in_tokens: 'secrets (single-use links)',
  member_sessions: 'secrets (signed-in browsers)',
  webhooks: 'secrets (signing secrets, encrypted with this site’s SECRET_KEYS)',
  webhook_deliveries: 'delivery log of the webhooks left out',
  audit_log: "this installation's security record (IP addresses); kept in its backups",
  outbox_events: 'delivery queue: replaying it would send webhooks and newsletters again',
  outbox_consumers: 'delivery queue positions',
  outbox_receipts: 'delivery queue positions',
  post_search: 'derived: rebuilt from the posts on import',
  post_sitemap_parts: 'derived: rebuilt from the posts on import',
  attempt_limits: 'short-lived rate-limit counters',
  analytics_hits: 'raw page views, kept only ANALYTICS_RAW_DAYS (the rollups hold the counts)',
  analytics_day_seen: "short-lived: the day's visitor hashes behind the daily uniques",
  analytics_salts: "secret: the day's visitor-hash salt, deleted when the day ends",
  analytics_path_hours: 'audience statistics: not in the archive format yet (export.csv has them)',
  analytics_referrer_hours: 'audience statistics: not in the archive format yet',
  analytics_source_hours: 'audience statistics: not in the archive format yet',
  analytics_device_hours: 'audience statistics: not in the archive format yet',
  analytics_day_visitors:
    'audience statistics: not in the archive format yet (export.csv has them)',
  analytics_conversions: 'audience statistics: not in the archive format yet (export.csv has them)',
};

/** Tables that belong to the database engine or the migrator, never to the newsroom. */
export const isInternalTable = (name: string): boolean =>
  name.startsWith('masthead_migration') || name.startsWith('kysely_') || name.includes('_fts');
