import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Limiter } from '../../platform/limits/index.js';
import {
  deleteOldRows,
  insertConversion,
  saltFor,
  writeHits,
  type StoredHit,
} from './analytics-writes.repository.js';
import type { AnalyticsTables } from './analytics.table.js';
import { createAnalyticsReports, type PostLookup } from './analytics-reports.js';
import { isBotAgent } from './bot-agents.js';
import { createHitBuffer } from './hit-buffer.js';
import {
  pagePath,
  storySlugOf,
  toHit,
  visitorHash,
  type BeaconInput,
  type BeaconRequest,
} from './hit.js';
import { addDays, dayInZone } from '../../shared/zoned-time.js';

export type { PostLookup } from './analytics-reports.js';

/** Hits from one address per minute, per process (a reader reads far fewer pages; NATs share addresses). */
export const beaconRule = { max: 300, windowMs: 60_000 } as const;

export interface AnalyticsDeps {
  db: Kysely<AnalyticsTables>;
  clock: Clock;
  /** The newsroom's time zone (its days are the analytics days). */
  timeZone: () => Promise<string>;
  /** The site's host name (PUBLIC_URL): part of the visitor hash, and not a referrer. */
  siteHost: string;
  /** ANALYTICS_RAW_DAYS: how long raw hits are kept (rollups are kept forever). */
  rawDays: number;
  /** The beacon's per-address limit (a limiter over a memory store: no write per view). */
  limiter: Limiter;
  posts: PostLookup;
  /** Hits waiting for a flush at most (then new ones are dropped); 100,000 by default. */
  maxBuffered?: number;
}

export type ConversionKind = 'signup' | 'paid';

/** A conversion with its story worked out, ready to record inside the sign-up's transaction. */
export interface PreparedConversion {
  kind: ConversionKind;
  path: string | null;
  postId: string | null;
  campaignId: string | null;
  occurredAt: string;
  /** The newsroom's date of `occurredAt`. */
  day: string;
}

/**
 * First-party audience analytics: the beacon's hits (batched), daily unique visitors from a
 * salt that rotates daily, retention, conversions, and the reports (decision 0021).
 */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db, clock, siteHost } = deps;
  let zone: { value: string; until: number } | undefined;
  const timeZone = async (): Promise<string> => {
    const now = clock.now().getTime();
    if (!zone || zone.until <= now) zone = { value: await deps.timeZone(), until: now + 60_000 };
    return zone.value;
  };
  // The newsroom's date, worked out once a minute (Intl's formatting is the costly part of a hit).
  let today: { minute: number; zone: string; day: string } | undefined;
  const dayAt = (at: Date, zoneName: string): string => {
    const minute = Math.floor(at.getTime() / 60_000);
    if (today?.minute !== minute || today.zone !== zoneName)
      today = { minute, zone: zoneName, day: dayInZone(at, zoneName) };
    return today.day;
  };
  let salt: { day: string; value: Promise<string> } | undefined;
  const saltOf = (day: string): Promise<string> => {
    if (salt?.day !== day) {
      const value = saltFor(db, day, randomBytes(32).toString('base64url'));
      salt = { day, value };
      value.catch(() => (salt = undefined));
    }
    return salt.value;
  };

  // Which story a path names: looked up once per path for a few minutes (stories are renamed
  // rarely; a new one is found within that time), the paths not known yet in one query.
  const storyCache = new Map<string, { postId: string | null; until: number }>();
  async function postIdsOf(paths: Iterable<string>): Promise<Map<string, string | null>> {
    const now = clock.now().getTime();
    if (storyCache.size > 20_000) storyCache.clear();
    const found = new Map<string, string | null>();
    const unknown = new Map<string, string | undefined>();
    for (const path of paths) {
      if (found.has(path) || unknown.has(path)) continue;
      const known = storyCache.get(path);
      if (known && known.until > now) found.set(path, known.postId);
      else unknown.set(path, storySlugOf(path));
    }
    const slugs = [...unknown.values()].filter((slug): slug is string => slug !== undefined);
    const ids =
      slugs.length > 0 ? await deps.posts.publishedIdsBySlugs(slugs) : new Map<string, string>();
    for (const [path, slug] of unknown) {
      const postId: string | null = (slug && ids.get(slug)) ?? null;
      storyCache.set(path, { postId, until: now + 5 * 60_000 });
      found.set(path, postId);
    }
    return found;
  }

  const buffer = createHitBuffer({
    maxBuffered: deps.maxBuffered ?? 100_000,
    write: async (hits) => {
      const postIds = await postIdsOf(hits.map((h) => h.path));
      const resolved = hits.map((h) => ({ ...h, postId: postIds.get(h.path) ?? null }));
      await db.transaction().execute((trx) => writeHits(trx, resolved));
    },
  });

  const reports = createAnalyticsReports({ db, clock, timeZone, posts: deps.posts });

  return {
    ...reports,

    /**
     * Takes one beacon: 'bot' for a known bot (nothing kept), 'stored' once queued for the next
     * flush. 400 naming `path` for a path that is not one of the site's; 429 past the per-address
     * limit. The IP address and user agent are used for the hash and the device class only.
     */
    async recordBeacon(
      beacon: BeaconInput,
      request: BeaconRequest,
    ): Promise<'stored' | 'bot' | 'dropped'> {
      const page = pagePath(beacon.path);
      if (!page)
        throw validationError([
          { field: 'path', message: 'must be a path on this site, starting with /' },
        ]);
      if (isBotAgent(request.userAgent)) return 'bot';
      await deps.limiter.take({ name: 'analytics-beacon', rule: beaconRule, key: request.ip });
      const at = clock.now();
      const day = dayAt(at, await timeZone());
      const isPrivate = request.isPrivate || beacon.dnt === true;
      const visitor = isPrivate
        ? null
        : visitorHash({
            salt: await saltOf(day),
            ip: request.ip,
            userAgent: request.userAgent ?? '',
            siteHost,
          });
      const hit: StoredHit = {
        ...toHit({ beacon, page, userAgent: request.userAgent, siteHost, visitor, at }),
        id: newId(at.getTime()),
        day,
        postId: null,
      };
      return buffer.push(hit) ? 'stored' : 'dropped';
    },

    /** Writes the waiting hits (once a second from a job, and when the app closes). */
    flush: () => buffer.flush(),
    bufferStats: () => buffer.stats(),

    /** Deletes raw hits older than ANALYTICS_RAW_DAYS and the seen-sets of past days. */
    async sweep(): Promise<number> {
      const now = clock.now();
      const today = dayInZone(now, await timeZone());
      return deleteOldRows(db, {
        before: new Date(now.getTime() - deps.rawDays * 86_400_000).toISOString(),
        beforeDay: addDays(today, -1),
      });
    },

    /**
     * A sign-up or subscription, with the story the reader came from (`fromPath`, the last story
     * read, kept by the page in sessionStorage) and the drive. Prepared before the transaction
     * (it reads posts), recorded inside it with `recordConversion`.
     */
    async prepareConversion(input: {
      kind: ConversionKind;
      fromPath?: string | undefined;
      campaignId?: string | null | undefined;
    }): Promise<PreparedConversion> {
      const page = input.fromPath ? pagePath(input.fromPath) : undefined;
      const path = page?.path ?? null;
      const postId = path ? ((await postIdsOf([path])).get(path) ?? null) : null;
      const at = clock.now();
      return {
        kind: input.kind,
        path,
        postId,
        campaignId: input.campaignId ?? null,
        occurredAt: at.toISOString(),
        day: dayInZone(at, await timeZone()),
      };
    },

    /** Records a prepared conversion in the caller's transaction (the sign-up's own). */
    async recordConversion(
      trx: Kysely<AnalyticsTables>,
      conversion: PreparedConversion,
    ): Promise<void> {
      await insertConversion(trx, {
        id: newId(),
        occurred_at: conversion.occurredAt,
        day: conversion.day,
        kind: conversion.kind,
        path: conversion.path,
        post_id: conversion.postId,
        campaign_id: conversion.campaignId,
      });
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
