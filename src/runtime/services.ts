import type { Kysely } from 'kysely';
import { createAuditService } from '../features/audit/index.js';
import { createAuthorsService } from '../features/authors/index.js';
import { createCampaignsService } from '../features/campaigns/index.js';
import { createEventsService } from '../features/events/index.js';
import { createMediaService } from '../features/media/index.js';
import { createMembersService } from '../features/members/index.js';
import {
  createPostsService,
  createReferenceChecks,
  type PostIndexer,
} from '../features/posts/index.js';
import { createSearchService, type SearchTables } from '../features/search/index.js';
import { createSettingsService } from '../features/settings/index.js';
import { createStaffService } from '../features/staff/index.js';
import {
  createStaffAuthServices,
  createStaffSessionsService,
} from '../features/staff-auth/index.js';
import { createTagsService } from '../features/tags/index.js';
import { createTokensService } from '../features/tokens/index.js';
import { createWebhooksService } from '../features/webhooks/index.js';
import type { Clock } from '../platform/clock.js';
import { narrow } from '../platform/db/index.js';
import { createOutboundClient } from '../platform/http/outbound.js';
import { createMemoryMailer, type Mailer } from '../platform/mail/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { AppTables } from './app-database.js';

/** Wires every feature service to the same database, clock and storage. No globals. */
export function createServices(
  deps: {
    db: Kysely<AppTables>;
    clock: Clock;
    storage: Storage;
    /** Outgoing mail; without one, messages are kept in memory (tests, scripts). */
    mailer?: Mailer;
  },
  options: {
    /** Lets webhooks target private and local addresses (development only); false by default. */
    allowPrivateWebhooks?: boolean;
  } = {},
) {
  const { clock, storage } = deps;
  const mailer = deps.mailer ?? createMemoryMailer();
  const db = narrow(deps.db);
  const authors = createAuthorsService({ db: db.to(), clock });
  const staff = createStaffService({ db: db.to(), clock, authors });
  const events = createEventsService({ db: db.to(), clock });
  const staffSessions = createStaffSessionsService({ db: db.to(), clock, staff, authors });
  const audit = createAuditService({ db: db.to(), clock });
  const tags = createTagsService({ db: db.to(), clock });
  const media = createMediaService({ db: db.to(), clock, storage });
  const search = createSearchService({ db: db.to() });
  // Posts update the search index inside their own transactions (the handle is the same Kysely).
  const indexer: PostIndexer = {
    index: (trx, doc) => search.index(narrow(trx).to<SearchTables>(), doc),
    remove: (trx, postId) => search.remove(narrow(trx).to<SearchTables>(), postId),
  };
  return {
    settings: createSettingsService({ db: db.to(), clock }),
    authors,
    staff,
    staffSessions,
    staffAuth: createStaffAuthServices({
      db: db.to(),
      clock,
      staff,
      authors,
      sessions: staffSessions,
      audit,
      mailer,
    }),
    audit,
    mailer,
    events,
    tags,
    media,
    members: createMembersService({ db: db.to(), clock, events }),
    posts: createPostsService({
      db: db.to(),
      clock,
      events,
      refs: createReferenceChecks({ db: db.to(), authors, tags, media }),
      indexer,
    }),
    tokens: createTokensService({ db: db.to(), clock }),
    campaigns: createCampaignsService({ db: db.to(), clock }),
    search,
    webhooks: createWebhooksService({
      db: db.to(),
      clock,
      events,
      outbound: createOutboundClient({ allowPrivate: options.allowPrivateWebhooks ?? false }),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
