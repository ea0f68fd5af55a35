import type { Migration } from 'kysely';
import * as initial from './2026-11-27-0001-initial.js';
import * as postWorkflow from './2026-11-27-0002-post-workflow-and-events.js';
import * as search from './2026-11-27-0003-search.js';
import * as webhooks from './2026-11-27-0004-webhooks.js';
import * as staffAuth from './2026-11-27-0005-staff-auth.js';
import * as members from './2026-11-27-0006-members.js';
import * as listIndexes from './2026-11-27-0007-list-indexes.js';
import * as searchTeaser from './2026-12-04-0008-search-teaser.js';
import * as editorialAudit from './2026-12-05-0009-editorial-audit.js';
import * as driveMessages from './2026-12-05-0011-drive-messages.js';
import * as attemptLimits from './2026-12-05-0012-attempt-limits.js';
import * as tokenOwners from './2026-12-05-0013-token-owners.js';
import * as stripeAccess from './2026-12-06-2115-stripe-access.js';
import * as outboxConsumers from './2026-12-06-2200-outbox-consumers.js';
import * as newsletters from './2026-12-07-0100-newsletters.js';
import * as digestIntro from './2026-12-07-0200-digest-intro.js';
import * as emailTracking from './2026-12-07-0300-email-tracking.js';
import * as searchPublishedIndex from './2026-12-07-0410-search-published-index.js';
import * as sitemapParts from './2026-12-07-0700-sitemap-parts.js';
import * as ghostContentKeys from './2026-12-07-1230-ghost-content-keys.js';
import * as importLinks from './2026-12-07-1600-import-links-and-redirects.js';
import * as correctionsRecord from './2026-12-07-1700-corrections-record.js';
import * as analytics from './2026-12-07-1710-analytics.js';
import * as liveUpdates from './2026-12-07-1720-live-updates.js';
import * as internalTags from './2026-12-07-1730-internal-tags.js';
import * as memberEmailActivity from './2026-12-08-0100-member-email-activity.js';

/**
 * Every migration, in order. Append-only: once on main a migration is never edited; a change
 * to the schema is a new file listed here. Migrations import nothing from src/features.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27-0001-initial': initial,
  '2026-11-27-0002-post-workflow-and-events': postWorkflow,
  '2026-11-27-0003-search': search,
  '2026-11-27-0004-webhooks': webhooks,
  '2026-11-27-0005-staff-auth': staffAuth,
  '2026-11-27-0006-members': members,
  '2026-11-27-0007-list-indexes': listIndexes,
  '2026-12-04-0008-search-teaser': searchTeaser,
  '2026-12-05-0009-editorial-audit': editorialAudit,
  '2026-12-05-0011-drive-messages': driveMessages,
  '2026-12-05-0012-attempt-limits': attemptLimits,
  '2026-12-05-0013-token-owners': tokenOwners,
  '2026-12-06-2115-stripe-access': stripeAccess,
  '2026-12-06-2200-outbox-consumers': outboxConsumers,
  '2026-12-07-0100-newsletters': newsletters,
  '2026-12-07-0200-digest-intro': digestIntro,
  '2026-12-07-0300-email-tracking': emailTracking,
  '2026-12-07-0410-search-published-index': searchPublishedIndex,
  '2026-12-07-0700-sitemap-parts': sitemapParts,
  '2026-12-07-1230-ghost-content-keys': ghostContentKeys,
  '2026-12-07-1600-import-links-and-redirects': importLinks,
  '2026-12-07-1700-corrections-record': correctionsRecord,
  '2026-12-07-1710-analytics': analytics,
  '2026-12-07-1720-live-updates': liveUpdates,
  '2026-12-07-1730-internal-tags': internalTags,
  '2026-12-08-0100-member-email-activity': memberEmailActivity,
};
