import { sql, type Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { newId } from '../../platform/ids.js';
import {
  deleteOldRows,
  saltFor,
  writeHits,
  type StoredHit,
} from './analytics-writes.repository.js';
import type { AnalyticsTables } from './analytics.table.js';

const day = '2026-12-08';

/** A hit at noon UTC on `day` to `path` (a story's when `postId`), from `visitor`. */
const hit = (path: string, visitor: string | null, postId: string | null = null): StoredHit => ({
  id: newId(),
  occurredAt: `${day}T12:00:00.000Z`,
  day,
  path,
  postId,
  referrerHost: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  device: 'desktop',
  visitor,
});

/**
 * Runs two sides one statement at a time: at each step a side waits until the other has taken
 * the same step, is waiting for a row lock (PostgreSQL's pg_stat_activity says so), or is done.
 * So both have written their first rows before either writes its second, as two processes'
 * flushes can: without one row order for everyone, each then waits for a row the other holds.
 */
function lockstep(db: Kysely<unknown>) {
  const sides = [0, 1].map(() => ({ pid: 0, steps: 0, isDone: false }));
  const isWaitingForLock = async (pid: number) => {
    const { rows } = await sql<{ wait: string | null }>`
      select wait_event_type as wait from pg_stat_activity where pid = ${pid}`.execute(db);
    return rows[0]?.wait === 'Lock';
  };
  return {
    sides,
    between: (me: 0 | 1) => async () => {
      const self = sides[me]!;
      const other = sides[1 - me]!;
      self.steps += 1;
      while (!other.isDone && other.steps < self.steps && !(await isWaitingForLock(other.pid)))
        await sleep(5);
    },
  };
}

describeEachDatabase('analytics writes', (getDb) => {
  let db: Kysely<AnalyticsTables>;
  beforeEach(async () => {
    await getDb().truncate();
    db = getDb().database.db as Kysely<AnalyticsTables>;
  });

  const views = async (table: 'analytics_path_hours') =>
    Object.fromEntries(
      (await db.selectFrom(table).select(['path', 'views']).execute()).map((r) => [
        r.path,
        Number(r.views),
      ]),
    );

  it('writes every hit, its hourly rollups and the new daily uniques, in small statements', async () => {
    const hits = [
      hit('/b/', 'v1', null),
      hit('/a/', 'v1', null),
      hit('/a/', 'v2', null),
      hit('/a/', 'v2', null),
      hit('/c/', null, null),
    ];
    await db.transaction().execute((trx) => writeHits(trx, hits, { rowsPerStatement: 2 }));
    const again = hit('/a/', 'v1');
    await db.transaction().execute((trx) => writeHits(trx, [again]));
    const raw = await db.selectFrom('analytics_hits').select('id').execute();
    expect(raw.map((r) => r.id).sort()).toEqual([...hits, again].map((h) => h.id).sort());
    expect(await views('analytics_path_hours')).toEqual({ '/a/': 4, '/b/': 1, '/c/': 1 });
    const visitors = await db
      .selectFrom('analytics_day_visitors')
      .select(['path', 'visitors'])
      .orderBy('path')
      .execute();
    expect(visitors.map((v) => [v.path, Number(v.visitors)])).toEqual([
      ['*', 2],
      ['/a/', 2],
      ['/b/', 1],
    ]);
  });

  it('lets two flushes of the same rows in opposite orders both finish (no deadlock)', async () => {
    const paths = ['/a/', '/b/', '/c/', '/d/'];
    const first = paths.map((p) => hit(p, `v-${p}`));
    const second = [...paths].reverse().map((p) => hit(p, `v-${p}`));
    const isPostgres = getDb().dialect === 'postgres';
    const steps = lockstep(db as unknown as Kysely<unknown>);
    const flush = (me: 0 | 1, hits: StoredHit[]) =>
      db.transaction().execute(async (trx) => {
        if (isPostgres) {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          steps.sides[me]!.pid = rows[0]!.pid;
        }
        try {
          // One row per statement, so the order the rows are written in is the order of the locks.
          await writeHits(trx, hits, {
            rowsPerStatement: 1,
            // SQLite runs one transaction at a time: there is nothing to interleave.
            ...(isPostgres ? { between: steps.between(me) } : {}),
          });
        } finally {
          steps.sides[me]!.isDone = true;
        }
      });
    const results = await Promise.allSettled([flush(0, first), flush(1, second)]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
    ]);
    expect(await views('analytics_path_hours')).toEqual({
      '/a/': 2,
      '/b/': 2,
      '/c/': 2,
      '/d/': 2,
    });
    const everyone = await db
      .selectFrom('analytics_day_visitors')
      .select('visitors')
      .where('path', '=', '*')
      .executeTakeFirstOrThrow();
    expect(Number(everyone.visitors)).toBe(4);
  });

  it('makes one salt per day in one statement, and the sweep keeps only the newest', async () => {
    expect(await saltFor(db, day, 'first')).toBe('first');
    expect(await saltFor(db, day, 'second')).toBe('first');
    expect(await saltFor(db, '2026-12-09', 'next')).toBe('next');
    // Making the next day's salt deletes nothing (no delete on the beacon's path)…
    expect(await db.selectFrom('analytics_salts').select('day').execute()).toHaveLength(2);
    await deleteOldRows(db, { before: '2026-01-01T00:00:00.000Z', beforeDay: '2026-01-01' });
    // …the retention sweep does.
    expect(await db.selectFrom('analytics_salts').selectAll().execute()).toEqual([
      { day: '2026-12-09', salt: 'next' },
    ]);
  });
});
