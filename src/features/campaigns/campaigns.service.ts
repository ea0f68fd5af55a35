import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { notFound, zodValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { MembersTables } from '../members/index.js';
import {
  campaignInputSchema,
  type Campaign,
  type CampaignInput,
  type CampaignPatch,
  type CampaignProgress,
  type CampaignStats,
} from './campaign.js';
import {
  campaignConversions,
  campaignDailyChanges,
  campaignValue,
} from './campaign-progress.repository.js';
import { projectGoalDate } from './campaign-projection.js';
import { dayInZone, startOfDayUtc } from '../../shared/zoned-time.js';
import type { CampaignsTable, CampaignsTables } from './campaigns.table.js';

const dayMs = 86_400_000;

const toRow = (c: Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>) => ({
  name: c.name,
  headline: c.headline,
  body: c.body,
  goal: c.goal,
  metric: c.metric,
  starts_at: new Date(c.startsAt).toISOString(),
  ends_at: new Date(c.endsAt).toISOString(),
  buttons: JSON.stringify(c.buttons),
  placements: JSON.stringify(c.placements),
  texts: JSON.stringify(c.texts),
});

const toCampaign = (row: Selectable<CampaignsTable>): Campaign => ({
  id: row.id,
  name: row.name,
  headline: row.headline,
  body: row.body,
  goal: row.goal,
  metric: row.metric as Campaign['metric'],
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  buttons: JSON.parse(row.buttons) as Campaign['buttons'],
  placements: JSON.parse(row.placements) as Campaign['placements'],
  texts: JSON.parse(row.texts) as Campaign['texts'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createCampaignsService(deps: {
  db: Kysely<CampaignsTables & MembersTables & EventsTables>;
  clock: Clock;
  /** Each change records a `campaign.*` event: the drive banner shows on every page. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  /** How long a drive's count is reused (default 60 s: the banner shows a count at most this old). */
  progressTtlMs?: number;
}) {
  const { clock } = deps;
  const db = narrow(deps.db).to<CampaignsTables & MembersTables>();
  const members = narrow(db).to<MembersTables>();

  /** Runs a write to drives and records what it changed, in one transaction. */
  const change = <T>(
    type: 'campaign.updated' | 'campaign.deleted',
    ids: readonly string[],
    work: (trx: Kysely<CampaignsTables>) => Promise<T>,
  ): Promise<T> =>
    deps.events.withTransaction(deps.db, async (trx) => {
      const result = await work(narrow(trx).to<CampaignsTables>());
      for (const id of ids)
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type,
          subjectId: id,
          payload: {},
          actor: 'staff',
        });
      return result;
    });
  // With the site memo (10 s) and the page cache (30 s) on top, the banner is at most 60 s old.
  const progressTtlMs = deps.progressTtlMs ?? 20_000;
  const memo = new Map<string, { at: number; key: string; value: Promise<number> }>();

  /** The count, reused for progressTtlMs per drive (concurrent callers share one query). */
  function memoValue(campaign: Campaign): Promise<number> {
    const now = clock.now().getTime();
    const key = `${campaign.metric}|${campaign.startsAt}`;
    const hit = memo.get(campaign.id);
    if (hit && hit.key === key && now - hit.at < progressTtlMs) return hit.value;
    const value = campaignValue(members, campaign, clock.now());
    const entry = { at: now, key, value };
    memo.set(campaign.id, entry);
    value.catch(() => {
      if (memo.get(campaign.id) === entry) memo.delete(campaign.id);
    });
    return value;
  }

  const progressOf = (campaign: Campaign, value: number): CampaignProgress => ({
    value,
    goal: campaign.goal,
    percent: Math.floor((value / campaign.goal) * 100),
  });

  async function byId(id: string): Promise<Campaign | undefined> {
    const row = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCampaign(row) : undefined;
  }

  return {
    byId,

    /** The drive's count against its goal, at most progressTtlMs old. */
    async progress(campaign: Campaign): Promise<CampaignProgress> {
      return progressOf(campaign, await memoValue(campaign));
    },

    /** Forgets the reused counts (tests; after an import). */
    clearProgress(): void {
      memo.clear();
    },

    /**
     * Current value (fresh), a daily series (the newsroom's days) since the start, conversions attributed to the
     * drive, and the day the goal is reached at the pace of the last 7 days.
     */
    async stats(id: string, timeZone: string): Promise<CampaignStats> {
      const campaign = await byId(id);
      if (!campaign) throw notFound('Campaign');
      const now = clock.now();
      const today = dayInZone(now, timeZone);
      const firstDay = dayInZone(new Date(campaign.startsAt), timeZone);
      const lastDay = [today, dayInZone(new Date(campaign.endsAt), timeZone)].sort()[0]!;
      const [value, changes, conversions] = await Promise.all([
        campaignValue(members, campaign, now),
        campaignDailyChanges(members, campaign, startOfDayUtc(firstDay, timeZone)!, timeZone),
        campaignConversions(members, campaign.id),
      ]);
      // Walk back from today's value: a day ends at the next day's value less its change.
      const dates: string[] = [];
      for (
        let t = Date.parse(`${firstDay}T00:00:00Z`);
        t <= Date.parse(`${lastDay}T00:00:00Z`);
        t += dayMs
      )
        dates.push(new Date(t).toISOString().slice(0, 10));
      let after = 0;
      for (const [day, n] of changes) if (day > lastDay) after += n;
      const days: Array<{ date: string; value: number }> = [];
      let running = value - after;
      for (let k = dates.length - 1; k >= 0; k -= 1) {
        days.unshift({ date: dates[k]!, value: running });
        running -= changes.get(dates[k]!) ?? 0;
      }
      const amounts = new Map<string, number>();
      let joined = 0;
      let payments = 0;
      for (const row of conversions) {
        const n = Number(row.n);
        if (row.type === 'joined') joined += n;
        else payments += n;
        if (row.currency && row.amount !== null)
          amounts.set(row.currency, (amounts.get(row.currency) ?? 0) + Number(row.amount));
      }
      const iso = now.toISOString();
      const state =
        iso < campaign.startsAt
          ? 'scheduled'
          : value >= campaign.goal
            ? 'reached'
            : iso >= campaign.endsAt
              ? 'ended'
              : 'running';
      return {
        ...progressOf(campaign, value),
        state,
        days,
        conversions: {
          joined,
          payments,
          amounts: [...amounts]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([currency, amount]) => ({ currency, amount })),
        },
        projectedGoalDate: projectGoalDate(days, campaign.goal),
      };
    },

    /**
     * Edits a drive (a patch parsed with `campaignPatchSchema`); the result is validated as a
     * whole (endsAt after startsAt …) with the create schema, a rule about the merged drive.
     */
    async update(id: string, patch: CampaignPatch): Promise<Campaign> {
      const current = await byId(id);
      if (!current) throw notFound('Campaign');
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = current;
      const merged = campaignInputSchema.safeParse({
        ...fields,
        ...patch,
        texts: { ...current.texts, ...patch.texts },
      });
      if (!merged.success) throw zodValidationError(merged.error);
      const updatedAt = clock.now().toISOString();
      await change('campaign.updated', [id], (trx) =>
        trx
          .updateTable('campaigns')
          .set({ ...toRow(merged.data), updated_at: updatedAt })
          .where('id', '=', id)
          .execute(),
      );
      memo.delete(id);
      return {
        ...current,
        ...merged.data,
        startsAt: new Date(merged.data.startsAt).toISOString(),
        endsAt: new Date(merged.data.endsAt).toISOString(),
        updatedAt,
      };
    },

    async create(c: CampaignInput): Promise<Campaign> {
      const at = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        name: c.name,
        headline: c.headline,
        body: c.body,
        goal: c.goal,
        metric: c.metric,
        starts_at: new Date(c.startsAt).toISOString(),
        ends_at: new Date(c.endsAt).toISOString(),
        buttons: JSON.stringify(c.buttons),
        placements: JSON.stringify(c.placements),
        texts: JSON.stringify(c.texts),
        created_at: at,
        updated_at: at,
      };
      await change('campaign.updated', [row.id], (trx) =>
        trx.insertInto('campaigns').values(row).execute(),
      );
      return toCampaign(row);
    },

    /** Drives running now, the one that started last first. */
    async running(): Promise<Campaign[]> {
      const now = deps.clock.now().toISOString();
      const rows = await db
        .selectFrom('campaigns')
        .selectAll()
        .where('starts_at', '<=', now)
        .where('ends_at', '>', now)
        .orderBy('starts_at', 'desc')
        .execute();
      return rows.map(toCampaign);
    },

    async deleteMany(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await change('campaign.deleted', ids, (trx) =>
        trx.deleteFrom('campaigns').where('id', 'in', ids).executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },

    async list(): Promise<Campaign[]> {
      return (
        await db.selectFrom('campaigns').selectAll().orderBy('starts_at', 'desc').execute()
      ).map(toCampaign);
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
