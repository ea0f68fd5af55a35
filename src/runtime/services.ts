import type { Kysely } from 'kysely';
import { createAuthorsService } from '../features/authors/index.js';
import { createCampaignsService } from '../features/campaigns/index.js';
import { createEventsService } from '../features/events/index.js';
import { createMediaService } from '../features/media/index.js';
import { createPostsService } from '../features/posts/index.js';
import { createSettingsService } from '../features/settings/index.js';
import { createStaffService } from '../features/staff/index.js';
import { createStaffSessionsService } from '../features/staff-auth/index.js';
import { createTagsService } from '../features/tags/index.js';
import { createTokensService } from '../features/tokens/index.js';
import type { Clock } from '../platform/clock.js';
import { narrow } from '../platform/db/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { AppTables } from './app-database.js';

/** Wires every feature service to the same database, clock and storage. No globals. */
export function createServices(deps: { db: Kysely<AppTables>; clock: Clock; storage: Storage }) {
  const { clock, storage } = deps;
  const db = narrow(deps.db);
  const authors = createAuthorsService({ db: db.to(), clock });
  const staff = createStaffService({ db: db.to(), clock, authors });
  const events = createEventsService({ db: db.to(), clock });
  return {
    settings: createSettingsService({ db: db.to(), clock }),
    authors,
    staff,
    staffSessions: createStaffSessionsService({ db: db.to(), clock, staff, authors }),
    events,
    tags: createTagsService({ db: db.to(), clock }),
    media: createMediaService({ db: db.to(), clock, storage }),
    posts: createPostsService({ db: db.to(), clock }),
    tokens: createTokensService({ db: db.to(), clock }),
    campaigns: createCampaignsService({ db: db.to(), clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
