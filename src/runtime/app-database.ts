import type { AuditTables } from '../features/audit/index.js';
import type { AuthorsTables } from '../features/authors/index.js';
import type { CampaignsTables } from '../features/campaigns/campaigns.table.js';
import type { EventsTables } from '../features/events/index.js';
import type { ImportsTables } from '../features/imports/imports.table.js';
import type { LiveTables } from '../features/live/live.table.js';
import type { MediaTables } from '../features/media/media.table.js';
import type { MemberAuthTables } from '../features/member-auth/member-auth.table.js';
// Members keep their tables to themselves: only this composition root names them.
import type { MembersTables } from '../features/members/members.table.js';
import type { NewslettersTables } from '../features/newsletters/newsletters.table.js';
import type { PaymentsTables } from '../features/payments/payments.table.js';
import type { PostsTables } from '../features/posts/posts.table.js';
import type { SearchTables } from '../features/search/search.table.js';
import type { SettingsTables } from '../features/settings/settings.table.js';
import type { StaffTables } from '../features/staff/index.js';
import type { StaffAuthTables } from '../features/staff-auth/staff-auth.table.js';
import type { TagsTables } from '../features/tags/index.js';
import type { TiersTables } from '../features/tiers/tiers.table.js';
import type { TokensTables } from '../features/tokens/tokens.table.js';
import type { WebhooksTables } from '../features/webhooks/webhooks.table.js';
import type { AttemptLimitsTables } from '../platform/limits/index.js';

/** Every table, as the composition root sees them; each feature is typed with its own slice. */
export type AppTables = SettingsTables &
  StaffTables &
  AuthorsTables &
  TagsTables &
  MediaTables &
  PostsTables &
  TokensTables &
  CampaignsTables &
  EventsTables &
  StaffAuthTables &
  AuditTables &
  WebhooksTables &
  SearchTables &
  MembersTables &
  TiersTables &
  PaymentsTables &
  MemberAuthTables &
  NewslettersTables &
  AttemptLimitsTables &
  ImportsTables &
  LiveTables;
