import { sql, type Kysely } from 'kysely';
import type { MemberStats } from '../../shared/contracts/member-admin.js';
import type { MembersTables } from '../members/index.js';

type Db = Kysely<MembersTables>;

const statuses = ['free', 'paid', 'comped', 'gift'] as const;
const dayOf = sql<string>`substr(created_at, 1, 10)`;

/** Every UTC day from `from` to `to` (both YYYY-MM-DD), included. */
export function daysBetween(from: string, to: string): string[] {
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
 * Totals by status and tier, joins and losses per UTC day (from member events: `joined`;
 * `cancelled` or `access_ended`), and monthly recurring revenue per currency (active
 * subscriptions; yearly amounts divided by 12). Five aggregate queries whatever the size.
 */
export async function memberStats(
  db: Db,
  range: { from: string; to: string },
): Promise<MemberStats> {
  const start = `${range.from}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString();
  const [byStatus, byTier, joined, lost, revenue] = await Promise.all([
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
      .select([dayOf.as('day'), (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('type', '=', 'joined')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .groupBy(dayOf)
      .execute(),
    db
      .selectFrom('member_events')
      .select([
        dayOf.as('day'),
        (eb) => eb.fn.count<number | string>('member_id').distinct().as('count'),
      ])
      .where('type', 'in', ['cancelled', 'access_ended'])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .groupBy(dayOf)
      .execute(),
    db
      .selectFrom('member_subscriptions')
      .select(['currency', 'interval', (eb) => eb.fn.sum<number | string>('amount').as('amount')])
      .where('status', '=', 'active')
      .groupBy(['currency', 'interval'])
      .execute(),
  ]);
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<string, number>;
  for (const row of byStatus) counts[row.status] = Number(row.count);
  const joinedBy = new Map(joined.map((r) => [r.day, Number(r.count)]));
  const lostBy = new Map(lost.map((r) => [r.day, Number(r.count)]));
  const mrr = new Map<string, number>();
  for (const row of revenue) {
    const amount = Number(row.amount ?? 0);
    const monthly = row.interval === 'year' ? amount / 12 : amount;
    mrr.set(row.currency, (mrr.get(row.currency) ?? 0) + monthly);
  }
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
    monthlyRecurringRevenue: [...mrr]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount: Math.round(amount) })),
  };
}
