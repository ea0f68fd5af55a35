import type { Kysely } from 'kysely';
import { dayInZone } from '../../shared/zoned-time.js';
import { hourOf, quarterOf, slotStart } from './quarter-hour-slots.repository.js';
import type { MemberMetric } from './member.js';
import type { MembersTables } from './members.table.js';

type Db = Kysely<MembersTables>;
const count = (v: number | string | bigint | undefined) => Number(v ?? 0);

/** What a count is of, and from when (for `new_paying_members`): a membership drive's terms. */
export interface MetricOf {
  metric: MemberMetric;
  startsAt: string;
}

/**
 * A metric's current value (what membership drives count), in one indexed query:
 * paying_members — members with status paid whose access is live (members_status_created_idx);
 * new_paying_members — distinct members with a `paid` event since the start (member_events_type_idx);
 * all_members — every member.
 */
export async function metricValue(db: Db, campaign: MetricOf, now: Date): Promise<number> {
  if (campaign.metric === 'paying_members') {
    const row = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('status', '=', 'paid')
      .where((eb) =>
        eb.or([eb('access_until', 'is', null), eb('access_until', '>', now.toISOString())]),
      )
      .executeTakeFirstOrThrow();
    return count(row.count);
  }
  if (campaign.metric === 'new_paying_members') {
    const row = await db
      .selectFrom('member_events')
      .select((eb) => eb.fn.count<number | string>('member_id').distinct().as('count'))
      .where('type', '=', 'paid')
      .where('created_at', '>=', campaign.startsAt)
      .executeTakeFirstOrThrow();
    return count(row.count);
  }
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return count(row.count);
}

/**
 * How the value moved on each day in `timeZone` since `since` (by the metric): joins for
 * all_members; first payments for new_paying_members; payments less access endings for
 * paying_members.
 */
export async function metricDailyChanges(
  db: Db,
  campaign: MetricOf,
  since: string,
  timeZone: string,
): Promise<Map<string, number>> {
  const changes = new Map<string, number>();
  const add = (row: { hour: string; quarter: number | string }, n: number) => {
    const day = dayInZone(slotStart(row.hour, row.quarter), timeZone);
    changes.set(day, (changes.get(day) ?? 0) + n);
  };
  if (campaign.metric === 'all_members') {
    const rows = await db
      .selectFrom('members')
      .select([
        hourOf('created_at').as('hour'),
        quarterOf('created_at').as('quarter'),
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('created_at', '>=', since)
      .groupBy([hourOf('created_at'), quarterOf('created_at')])
      .execute();
    for (const r of rows) add(r, count(r.n));
  } else if (campaign.metric === 'new_paying_members') {
    const firsts = db
      .selectFrom('member_events')
      .select(['member_id', (eb) => eb.fn.min('created_at').as('first_at')])
      .where('type', '=', 'paid')
      .where('created_at', '>=', campaign.startsAt)
      .groupBy('member_id')
      .as('firsts');
    const rows = await db
      .selectFrom(firsts)
      .select([
        hourOf('firsts.first_at').as('hour'),
        quarterOf('firsts.first_at').as('quarter'),
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('firsts.first_at', '>=', since)
      .groupBy([hourOf('firsts.first_at'), quarterOf('firsts.first_at')])
      .execute();
    for (const r of rows) add(r, count(r.n));
  } else {
    const rows = await db
      .selectFrom('member_events')
      .select([
        'type',
        hourOf('created_at').as('hour'),
        quarterOf('created_at').as('quarter'),
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('type', 'in', ['paid', 'access_ended'])
      .where('created_at', '>=', since)
      .groupBy(['type', hourOf('created_at'), quarterOf('created_at')])
      .execute();
    for (const r of rows) add(r, r.type === 'paid' ? count(r.n) : -count(r.n));
  }
  return changes;
}

/** Joins and payments attributed to a drive (member_events_campaign_idx), by type and currency. */
export async function campaignConversions(db: Db, campaignId: string) {
  return db
    .selectFrom('member_events')
    .select([
      'type',
      'currency',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string | null>('amount').as('amount'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('type', 'in', ['joined', 'paid', 'renewed', 'donated', 'gift_purchased'])
    .groupBy(['type', 'currency'])
    .execute();
}
