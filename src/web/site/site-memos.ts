import { createTtlMemo } from '../../platform/cache/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Services } from '../../runtime/services.js';
import { loadSiteContext } from './site-context.js';

/** Shared parts of many pages, reused for a few seconds (cleared at once when the admin changes them). */
export function createSiteMemos(deps: { services: Services; publicUrl: string; clock: Clock }) {
  return {
    context: createTtlMemo({
      ttlMs: 10_000,
      clock: deps.clock,
      compute: () => loadSiteContext(deps.services, deps.publicUrl),
    }),
    latestBriefs: createTtlMemo({
      ttlMs: 10_000,
      clock: deps.clock,
      compute: () => deps.services.posts.latestPublished({ limit: 6, kinds: ['brief'] }),
    }),
  };
}
export type SiteMemos = ReturnType<typeof createSiteMemos>;
