import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * First-party audience analytics (issue #16 §3, decision 0021). No IP address, user agent or
 * member id in any of these tables.
 *
 * - `analytics_hits`: raw page views, kept ANALYTICS_RAW_DAYS (30 by default); `visitor` is the
 *   day's salted hash (null with Sec-GPC/DNT), unreadable once the day's salt is forgotten.
 * - `analytics_*_hours`: hourly rollups (UTC hours), kept forever; one upsert per key and flush.
 * - `analytics_day_visitors`: daily unique visitors per path ('*' for the whole site), in the
 *   newsroom's days; `analytics_day_seen` is the day's set of (path, visitor) that makes them
 *   exact across processes, kept two days.
 * - `analytics_salts`: the current day's salt; older ones are deleted when the day turns.
 * - `analytics_conversions`: a sign-up or paid subscription and the story/drive it came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('referrer_host', 'text', (c) => c.notNull())
    .addColumn('utm_source', 'text', (c) => c.notNull())
    .addColumn('utm_medium', 'text', (c) => c.notNull())
    .addColumn('utm_campaign', 'text', (c) => c.notNull())
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text')
    .execute();
  await db.schema
    .createIndex('analytics_hits_time_idx')
    .on('analytics_hits')
    .column('occurred_at')
    .execute();

  const hourly = async (table: string, keys: readonly string[], hasPostId = false) => {
    let builder: CreateTableBuilder<string, string> = db.schema
      .createTable(table)
      .addColumn('hour', 'text', (c) => c.notNull());
    for (const key of keys) builder = builder.addColumn(key, 'text', (c) => c.notNull());
    if (hasPostId) builder = builder.addColumn('post_id', 'text');
    builder = builder.addColumn('views', 'integer', (c) => c.notNull().defaultTo(0));
    await builder.addPrimaryKeyConstraint(`${table}_pk`, ['hour', ...keys]).execute();
  };
  await hourly('analytics_path_hours', ['path'], true);
  await db.schema
    .createIndex('analytics_path_hours_post_idx')
    .on('analytics_path_hours')
    .columns(['post_id', 'hour'])
    .execute();
  await hourly('analytics_referrer_hours', ['host']);
  await hourly('analytics_source_hours', ['source', 'medium', 'campaign']);
  await hourly('analytics_device_hours', ['device']);

  await db.schema
    .createTable('analytics_day_visitors')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_day_visitors_pk', ['day', 'path'])
    .execute();
  await db.schema
    .createTable('analytics_day_seen')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_day_seen_pk', ['day', 'path', 'visitor'])
    .execute();
  await db.schema
    .createTable('analytics_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_conversions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('post_id', 'text')
    .addColumn('campaign_id', 'text')
    .execute();
  await db.schema
    .createIndex('analytics_conversions_time_idx')
    .on('analytics_conversions')
    .column('occurred_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'analytics_conversions',
    'analytics_salts',
    'analytics_day_seen',
    'analytics_day_visitors',
    'analytics_device_hours',
    'analytics_source_hours',
    'analytics_referrer_hours',
    'analytics_path_hours',
    'analytics_hits',
  ])
    await db.schema.dropTable(table).execute();
}
