import type { Kysely } from 'kysely';
import type { MemberStats } from '../../shared/contracts/member-admin.js';
import { dayInZone, nextDay, startOfDayUtc } from '../../shared/zoned-time.js';
import type { MembersTables } from './members.table.js';
import {
  hourOf as hourOfColumn,
  quarterOf as quarterOfColumn,
  slotStart,
} from './quarter-hour-slots.repository.js';

type Db = Kysely<MembersTables>;

const statuses = ['free', 'paid', 'comped', 'gift'] as const;
// Counted per quarter hour of UTC, folded into the newsroom's days (quarter-hour-slots).
const hourOf = hourOfColumn('created_at');
const quarterOf = quarterOfColumn('created_at');

/** Every calendar day from `from` to `to` (both YYYY-MM-DD), included. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Totals by status and tier, and joins and losses per day in the newsroom's zone (from member
 * events: `joined`; `cancelled` or `access_ended`, each member once a day). Four aggregate
 * queries whatever the size. Monthly recurring revenue is counted by payments; the service adds it.
 */
export async function memberStats(
  db: Db,
  range: { from: string; to: string; timeZone: string },
): Promise<Omit<MemberStats, 'monthlyRecurringRevenue'>> {
  const start = startOfDayUtc(range.from, range.timeZone)!;
  const end = startOfDayUtc(nextDay(range.to), range.timeZone)!;
  const [byStatus, byTier, joined, lost] = await Promise.all([
    db
      .selectFrom('members')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('members')
      .select(['tier_id', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('tier_id', 'is not', null)
      .groupBy('tier_id')
      .orderBy('tier_id')
      .execute(),
    db
      .selectFrom('member_events')
      .select([
        hourOf.as('hour'),
        quarterOf.as('quarter'),
        (eb) => eb.fn.countAll<number | string>().as('count'),
      ])
      .where('type', '=', 'joined')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .groupBy([hourOf, quarterOf])
      .execute(),
    db
      .selectFrom('member_events')
      .select(['member_id', hourOf.as('hour'), quarterOf.as('quarter')])
      .distinct()
      .where('type', 'in', ['cancelled', 'access_ended'])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .execute(),
  ]);
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<string, number>;
  for (const row of byStatus) counts[row.status] = Number(row.count);
  const dayOf = (row: { hour: string; quarter: number | string }) =>
    dayInZone(slotStart(row.hour, row.quarter), range.timeZone);
  const joinedBy = new Map<string, number>();
  for (const row of joined) {
    const day = dayOf(row);
    joinedBy.set(day, (joinedBy.get(day) ?? 0) + Number(row.count));
  }
  const lostMembers = new Map<string, Set<string>>();
  for (const row of lost) {
    const day = dayOf(row);
    const members = lostMembers.get(day) ?? new Set<string>();
    lostMembers.set(day, members.add(row.member_id));
  }
  const lostBy = new Map([...lostMembers].map(([day, members]) => [day, members.size]));
  return {
    totals: {
      all: Object.values(counts).reduce((a, b) => a + b, 0),
      byStatus: counts,
      byTier: byTier.map((r) => ({ tierId: r.tier_id ?? '', count: Number(r.count) })),
    },
    days: daysBetween(range.from, range.to).map((date) => ({
      date,
      joined: joinedBy.get(date) ?? 0,
      lost: lostBy.get(date) ?? 0,
    })),
  };
}
