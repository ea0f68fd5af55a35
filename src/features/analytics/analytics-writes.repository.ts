import type { Kysely } from 'kysely';
import { insertRows } from '../../platform/db/index.js';
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

/** Sums views per key, so each key is upserted once per statement (PostgreSQL requires it). */
function countBy(
  hits: readonly StoredHit[],
  keyOf: (hit: StoredHit) => readonly (string | null)[],
): Array<Array<string | number | null>> {
  const counts = new Map<string, Array<string | number | null>>();
  for (const hit of hits) {
    const key = keyOf(hit);
    const id = key.join('\n');
    const known = counts.get(id);
    if (known) known[known.length - 1] = Number(known[known.length - 1]) + 1;
    else counts.set(id, [...key, 1]);
  }
  return [...counts.values()];
}

/** Adds `views` to an hourly rollup row (`table` and `keys` are our constants, never input). */
const addViews = (table: string, keys: readonly string[]) =>
  `on conflict (${keys.join(', ')}) do update set views = ${table}.views + excluded.views`;

/**
 * Writes one flush: the raw rows, the hourly rollups and the day's new unique visitors, a few
 * multi-row statements whatever the number of hits (run inside one transaction by the caller).
 * Written as plain parameterised SQL (`insertRows`): at thousands of rows a second, building
 * them with Kysely's query builder cost more than the database's own work.
 */
export async function writeHits(db: Db, hits: readonly StoredHit[]): Promise<void> {
  if (hits.length === 0) return;
  const handle = db as unknown as Kysely<unknown>;
  await insertRows(handle, {
    table: 'analytics_hits',
    columns: [
      'id',
      'occurred_at',
      'day',
      'path',
      'post_id',
      'referrer_host',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'device',
      'visitor',
    ],
    rows: hits.map((h) => [
      h.id,
      h.occurredAt,
      h.day,
      h.path,
      h.postId,
      h.referrerHost,
      h.utmSource,
      h.utmMedium,
      h.utmCampaign,
      h.device,
      h.visitor,
    ]),
  });
  await insertRows(handle, {
    table: 'analytics_path_hours',
    columns: ['hour', 'path', 'post_id', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.path, h.postId]),
    suffix: `${addViews('analytics_path_hours', ['hour', 'path'])}, post_id = coalesce(excluded.post_id, analytics_path_hours.post_id)`,
  });
  await insertRows(handle, {
    table: 'analytics_referrer_hours',
    columns: ['hour', 'host', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.referrerHost]),
    suffix: addViews('analytics_referrer_hours', ['hour', 'host']),
  });
  await insertRows(handle, {
    table: 'analytics_source_hours',
    columns: ['hour', 'source', 'medium', 'campaign', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.utmSource, h.utmMedium, h.utmCampaign]),
    suffix: addViews('analytics_source_hours', ['hour', 'source', 'medium', 'campaign']),
  });
  await insertRows(handle, {
    table: 'analytics_device_hours',
    columns: ['hour', 'device', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.device]),
    suffix: addViews('analytics_device_hours', ['hour', 'device']),
  });
  await countNewVisitors(handle, hits);
}

/**
 * Daily uniques, exact across processes: the day's (path, visitor) pairs go into
 * `analytics_day_seen`; the ones that were not there yet add to `analytics_day_visitors`.
 */
async function countNewVisitors(db: Kysely<unknown>, hits: readonly StoredHit[]): Promise<void> {
  const seen = new Map<string, [string, string, string]>();
  const postOf = new Map<string, string | null>();
  for (const hit of hits) {
    if (!hit.visitor) continue;
    postOf.set(hit.path, hit.postId);
    for (const path of [hit.path, '*'])
      seen.set(`${hit.day}\n${path}\n${hit.visitor}`, [hit.day, path, hit.visitor]);
  }
  if (seen.size === 0) return;
  const inserted = await insertRows<{ day: string; path: string }>(db, {
    table: 'analytics_day_seen',
    columns: ['day', 'path', 'visitor'],
    rows: [...seen.values()],
    suffix: 'on conflict (day, path, visitor) do nothing returning day, path',
  });
  const fresh = new Map<string, [string, string, string | null, number]>();
  for (const row of inserted) {
    const key = `${row.day}\n${row.path}`;
    const known = fresh.get(key);
    if (known) known[3] += 1;
    else fresh.set(key, [row.day, row.path, postOf.get(row.path) ?? null, 1]);
  }
  await insertRows(db, {
    table: 'analytics_day_visitors',
    columns: ['day', 'path', 'post_id', 'visitors'],
    rows: [...fresh.values()],
    suffix:
      'on conflict (day, path) do update set visitors = analytics_day_visitors.visitors + excluded.visitors, post_id = coalesce(excluded.post_id, analytics_day_visitors.post_id)',
  });
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
