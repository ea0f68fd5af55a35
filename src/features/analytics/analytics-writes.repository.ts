import type { Kysely } from 'kysely';
import type { Hit } from './hit.js';
import { hourOf } from './hit.js';
import type { AnalyticsTables } from './analytics.table.js';

type Db = Kysely<AnalyticsTables>;

/** A hit ready to store: its id, the newsroom day it falls on and the story its path names. */
export interface StoredHit extends Hit {
  id: string;
  day: string;
  postId: string | null;
}

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

/** Sums views per key, so each key is upserted once per statement (PostgreSQL requires it). */
function countBy<T>(
  hits: readonly StoredHit[],
  keyOf: (hit: StoredHit) => T,
): Map<string, T & { views: number }> {
  const counts = new Map<string, T & { views: number }>();
  for (const hit of hits) {
    const key = keyOf(hit);
    const id = JSON.stringify(key);
    const known = counts.get(id);
    if (known) known.views += 1;
    else counts.set(id, { ...key, views: 1 });
  }
  return counts;
}

/**
 * Writes one flush: the raw rows, the hourly rollups and the day's new unique visitors, a few
 * multi-row statements whatever the number of hits (run inside one transaction by the caller).
 */
export async function writeHits(db: Db, hits: readonly StoredHit[]): Promise<void> {
  if (hits.length === 0) return;
  for (const part of chunks(hits))
    await db
      .insertInto('analytics_hits')
      .values(
        part.map((h) => ({
          id: h.id,
          occurred_at: h.occurredAt,
          day: h.day,
          path: h.path,
          post_id: h.postId,
          referrer_host: h.referrerHost,
          utm_source: h.utmSource,
          utm_medium: h.utmMedium,
          utm_campaign: h.utmCampaign,
          device: h.device,
          visitor: h.visitor,
        })),
      )
      .execute();

  const paths = countBy(hits, (h) => ({
    hour: hourOf(h.occurredAt),
    path: h.path,
    post_id: h.postId,
  }));
  for (const part of chunks([...paths.values()]))
    await db
      .insertInto('analytics_path_hours')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['hour', 'path']).doUpdateSet((eb) => ({
          views: eb('analytics_path_hours.views', '+', eb.ref('excluded.views')),
          post_id: eb.fn.coalesce('excluded.post_id', 'analytics_path_hours.post_id'),
        })),
      )
      .execute();

  const referrers = countBy(hits, (h) => ({ hour: hourOf(h.occurredAt), host: h.referrerHost }));
  for (const part of chunks([...referrers.values()]))
    await db
      .insertInto('analytics_referrer_hours')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['hour', 'host']).doUpdateSet((eb) => ({
          views: eb('analytics_referrer_hours.views', '+', eb.ref('excluded.views')),
        })),
      )
      .execute();

  const sources = countBy(hits, (h) => ({
    hour: hourOf(h.occurredAt),
    source: h.utmSource,
    medium: h.utmMedium,
    campaign: h.utmCampaign,
  }));
  for (const part of chunks([...sources.values()]))
    await db
      .insertInto('analytics_source_hours')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['hour', 'source', 'medium', 'campaign']).doUpdateSet((eb) => ({
          views: eb('analytics_source_hours.views', '+', eb.ref('excluded.views')),
        })),
      )
      .execute();

  const devices = countBy(hits, (h) => ({ hour: hourOf(h.occurredAt), device: h.device }));
  for (const part of chunks([...devices.values()]))
    await db
      .insertInto('analytics_device_hours')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['hour', 'device']).doUpdateSet((eb) => ({
          views: eb('analytics_device_hours.views', '+', eb.ref('excluded.views')),
        })),
      )
      .execute();

  await countNewVisitors(db, hits);
}

/**
 * Daily uniques, exact across processes: the day's (path, visitor) pairs go into
 * `analytics_day_seen`; the ones that were not there yet add to `analytics_day_visitors`.
 */
async function countNewVisitors(db: Db, hits: readonly StoredHit[]): Promise<void> {
  const seen = new Map<string, { day: string; path: string; visitor: string }>();
  const postOf = new Map<string, string | null>();
  for (const hit of hits) {
    if (!hit.visitor) continue;
    postOf.set(hit.path, hit.postId);
    for (const path of [hit.path, '*'])
      seen.set(`${hit.day}\n${path}\n${hit.visitor}`, { day: hit.day, path, visitor: hit.visitor });
  }
  if (seen.size === 0) return;
  const fresh = new Map<
    string,
    { day: string; path: string; post_id: string | null; visitors: number }
  >();
  for (const part of chunks([...seen.values()])) {
    const inserted = await db
      .insertInto('analytics_day_seen')
      .values(part)
      .onConflict((oc) => oc.columns(['day', 'path', 'visitor']).doNothing())
      .returning(['day', 'path'])
      .execute();
    for (const row of inserted) {
      const key = `${row.day}\n${row.path}`;
      const known = fresh.get(key);
      if (known) known.visitors += 1;
      else
        fresh.set(key, {
          day: row.day,
          path: row.path,
          post_id: postOf.get(row.path) ?? null,
          visitors: 1,
        });
    }
  }
  for (const part of chunks([...fresh.values()]))
    await db
      .insertInto('analytics_day_visitors')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['day', 'path']).doUpdateSet((eb) => ({
          visitors: eb('analytics_day_visitors.visitors', '+', eb.ref('excluded.visitors')),
          post_id: eb.fn.coalesce('excluded.post_id', 'analytics_day_visitors.post_id'),
        })),
      )
      .execute();
}

/** The day's salt, made now if the day has none yet; salts of earlier days are deleted. */
export async function saltFor(db: Db, day: string, fresh: string): Promise<string> {
  await db
    .insertInto('analytics_salts')
    .values({ day, salt: fresh })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  await db.deleteFrom('analytics_salts').where('day', '<', day).execute();
  const row = await db
    .selectFrom('analytics_salts')
    .select('salt')
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return row.salt;
}

/** Raw hits before `before` (an instant) and the seen-sets of days before `beforeDay` go. */
export async function deleteOldRows(
  db: Db,
  limits: { before: string; beforeDay: string },
): Promise<number> {
  const hits = await db
    .deleteFrom('analytics_hits')
    .where('occurred_at', '<', limits.before)
    .executeTakeFirst();
  await db.deleteFrom('analytics_day_seen').where('day', '<', limits.beforeDay).execute();
  return Number(hits.numDeletedRows);
}

export async function insertConversion(
  db: Db,
  row: AnalyticsTables['analytics_conversions'],
): Promise<void> {
  await db.insertInto('analytics_conversions').values(row).execute();
}
