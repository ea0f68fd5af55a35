import { createTtlMemo } from '../../platform/cache/index.js';
import type { Clock } from '../../platform/clock.js';
import { loadSiteContext, type SiteContext, type SiteContextServices } from './site-context.js';

/** Shared parts of many pages, reused for a few seconds (cleared at once when the admin changes them). */
export function createSiteMemos(deps: {
  services: SiteContextServices;
  publicUrl: string;
  clock: Clock;
}) {
  // The last context that loaded, kept in memory so error pages (a 503 while the database is
  // down, a 403, a 404) still carry the newsroom's name and navigation.
  let lastKnown: SiteContext | undefined;
  return {
    context: createTtlMemo({
      ttlMs: 10_000,
      clock: deps.clock,
      compute: () =>
        loadSiteContext(deps.services, deps.publicUrl).then((context) => {
          lastKnown = context;
          return context;
        }),
    }),
    /** The newsroom as last seen, for pages that must render without the database. */
    lastKnownContext: (): SiteContext | undefined => lastKnown,
    /** Learns the newsroom's name at start (outside the memo, so nothing stale is served). */
    async rememberAtStart(): Promise<void> {
      const context = await loadSiteContext(deps.services, deps.publicUrl);
      lastKnown ??= context;
    },
    latestBriefs: createTtlMemo({
      ttlMs: 10_000,
      clock: deps.clock,
      compute: () => deps.services.posts.latestPublished({ limit: 6, kinds: ['brief'] }),
    }),
  };
}
export type SiteMemos = ReturnType<typeof createSiteMemos>;
