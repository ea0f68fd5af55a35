import { sql, type Kysely } from 'kysely';
import { insertRows } from '../../platform/db/index.js';
import type { Hit } from './hit.js';
import { hourOf } from './hit.js';
import type { AnalyticsTables } from './analytics.table.js';

type Db = Kysely<AnalyticsTables>;
type Value = string | number | null;

/** A hit ready to store: its id, the newsroom day it falls on and the story its path names. */
export interface StoredHit extends Hit {
  id: string;
  day: string;
  postId: string | null;
}

/** How a flush is cut up (the defaults suit production; tests make statements smaller). */
export interface WriteOptions {
  /**
   * Rows per statement. Bounded so that on SQLite (synchronous) no single statement holds the
   * event loop for long: between statements the loop answers the requests that arrived.
   */
  rowsPerStatement?: number;
  /** Runs between two statements; by default it lets the event loop run (setImmediate). */
  between?: () => Promise<void>;
}

const defaultRowsPerStatement = 500;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows by their key (code-unit order): every process takes rollup row locks in one order. */
const byKey = (a: readonly [string, ...unknown[]], b: readonly [string, ...unknown[]]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/**
 * Sums views per key, so each key is upserted once per statement (PostgreSQL requires it), and
 * answers the rows sorted by key: two processes upserting overlapping rows in different orders
 * could each hold a row the other waits for (a deadlock on PostgreSQL); in one order they queue.
 */
function countBy(
  hits: readonly StoredHit[],
  keyOf: (hit: StoredHit) => readonly Value[],
): Value[][] {
  const counts = new Map<string, [string, Value[]]>();
  for (const hit of hits) {
    const key = keyOf(hit);
    const id = key.join('\u0000');
    const known = counts.get(id);
    if (known) known[1][key.length] = Number(known[1][key.length]) + 1;
    else counts.set(id, [id, [...key, 1]]);
  }
  return [...counts.values()].sort(byKey).map(([, row]) => row);
}

/** Adds `views` to an hourly rollup row (`table` and `keys` are our constants, never input). */
const addViews = (table: string, keys: readonly string[]) =>
  `on conflict (${keys.join(', ')}) do update set views = ${table}.views + excluded.views`;

/**
 * Writes one flush: the raw rows, the hourly rollups and the day's new unique visitors as
 * multi-row statements of at most `rowsPerStatement` rows, letting the event loop run between
 * two (run inside one transaction by the caller). Rollup and seen-set rows go in key order, the
 * same in every process, so concurrent flushes never deadlock on PostgreSQL.
 * Written as plain parameterised SQL (`insertRows`): at thousands of rows a second, building
 * them with Kysely's query builder cost more than the database's own work.
 */
export async function writeHits(
  db: Db,
  hits: readonly StoredHit[],
  options: WriteOptions = {},
): Promise<void> {
  if (hits.length === 0) return;
  const handle = db as unknown as Kysely<unknown>;
  const perStatement = Math.max(1, options.rowsPerStatement ?? defaultRowsPerStatement);
  const between = options.between ?? yieldToLoop;
  let isFirst = true;
  /** Sends `rows` in statements of `perStatement`, letting the loop run between two. */
  async function insertAll<Row = unknown>(input: {
    table: string;
    columns: readonly string[];
    rows: readonly Value[][];
    suffix?: string;
  }): Promise<Row[]> {
    const out: Row[] = [];
    for (let start = 0; start < input.rows.length; start += perStatement) {
      if (!isFirst) await between();
      isFirst = false;
      const part = input.rows.slice(start, start + perStatement);
      out.push(...(await insertRows<Row>(handle, { ...input, rows: part })));
    }
    return out;
  }

  const raw: Value[][] = new Array<Value[]>(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    raw[i] = [
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
    ];
  }
  await insertAll({
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
    rows: raw,
  });
  await insertAll({
    table: 'analytics_path_hours',
    columns: ['hour', 'path', 'post_id', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.path, h.postId]),
    suffix: `${addViews('analytics_path_hours', ['hour', 'path'])}, post_id = coalesce(excluded.post_id, analytics_path_hours.post_id)`,
  });
  await insertAll({
    table: 'analytics_referrer_hours',
    columns: ['hour', 'host', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.referrerHost]),
    suffix: addViews('analytics_referrer_hours', ['hour', 'host']),
  });
  await insertAll({
    table: 'analytics_source_hours',
    columns: ['hour', 'source', 'medium', 'campaign', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.utmSource, h.utmMedium, h.utmCampaign]),
    suffix: addViews('analytics_source_hours', ['hour', 'source', 'medium', 'campaign']),
  });
  await insertAll({
    table: 'analytics_device_hours',
    columns: ['hour', 'device', 'views'],
    rows: countBy(hits, (h) => [hourOf(h.occurredAt), h.device]),
    suffix: addViews('analytics_device_hours', ['hour', 'device']),
  });

  // Daily uniques, exact across processes: the day's (path, visitor) pairs go into
  // `analytics_day_seen`; the ones that were not there yet add to `analytics_day_visitors`.
  const seen = new Map<string, [string, Value[]]>();
  const postOf = new Map<string, string | null>();
  for (const hit of hits) {
    if (!hit.visitor) continue;
    postOf.set(hit.path, hit.postId);
    for (const path of [hit.path, '*']) {
      const id = `${hit.day}\u0000${path}\u0000${hit.visitor}`;
      if (!seen.has(id)) seen.set(id, [id, [hit.day, path, hit.visitor]]);
    }
  }
  if (seen.size === 0) return;
  const inserted = await insertAll<{ day: string; path: string }>({
    table: 'analytics_day_seen',
    columns: ['day', 'path', 'visitor'],
    rows: [...seen.values()].sort(byKey).map(([, row]) => row),
    suffix: 'on conflict (day, path, visitor) do nothing returning day, path',
  });
  const fresh = new Map<string, [string, Value[]]>();
  for (const row of inserted) {
    const id = `${row.day}\u0000${row.path}`;
    const known = fresh.get(id);
    if (known) known[1][3] = Number(known[1][3]) + 1;
    else fresh.set(id, [id, [row.day, row.path, postOf.get(row.path) ?? null, 1]]);
  }
  await insertAll({
    table: 'analytics_day_visitors',
    columns: ['day', 'path', 'post_id', 'visitors'],
    rows: [...fresh.values()].sort(byKey).map(([, row]) => row),
    suffix:
      'on conflict (day, path) do update set visitors = analytics_day_visitors.visitors + excluded.visitors, post_id = coalesce(excluded.post_id, analytics_day_visitors.post_id)',
  });
}

/**
 * The day's salt, in one statement: made now if the day has none yet, else the one another
 * process made first (`do update` to the same value makes `returning` answer the stored row).
 * Earlier days' salts are deleted by the retention sweep (`deleteOldRows`), not here.
 */
export async function saltFor(db: Db, day: string, fresh: string): Promise<string> {
  const row = await db
    .insertInto('analytics_salts')
    .values({ day, salt: fresh })
    .onConflict((oc) => oc.column('day').doUpdateSet({ salt: sql<string>`analytics_salts.salt` }))
    .returning('salt')
    .executeTakeFirstOrThrow();
  return row.salt;
}

/**
 * Raw hits before `before` (an instant) and the seen-sets of days before `beforeDay` go, and
 * every salt but the newest: a past day's visitor hashes can no longer be recomputed.
 */
export async function deleteOldRows(
  db: Db,
  limits: { before: string; beforeDay: string },
): Promise<number> {
  const hits = await db
    .deleteFrom('analytics_hits')
    .where('occurred_at', '<', limits.before)
    .executeTakeFirst();
  await db.deleteFrom('analytics_day_seen').where('day', '<', limits.beforeDay).execute();
  await db
    .deleteFrom('analytics_salts')
    .where('day', '<', (eb) => eb.selectFrom('analytics_salts').select(eb.fn.max('day').as('day')))
    .execute();
  return Number(hits.numDeletedRows);
}

export async function insertConversion(
  db: Db,
  row: AnalyticsTables['analytics_conversions'],
): Promise<void> {
  await db.insertInto('analytics_conversions').values(row).execute();
}
