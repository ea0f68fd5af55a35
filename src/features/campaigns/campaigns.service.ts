import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { notFound, zodValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { dayInZone, startOfDayUtc } from '../../shared/zoned-time.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { MembersService } from '../members/index.js';
import {
  campaignInputSchema,
  type Campaign,
  type CampaignInput,
  type CampaignPatch,
  type CampaignProgress,
  type CampaignStats,
} from './campaign.js';
import { projectGoalDate } from './campaign-projection.js';
import { campaignsRepository as repo, toCampaign } from './campaigns.repository.js';
import type { CampaignsTables } from './campaigns.table.js';

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

export function createCampaignsService(deps: {
  db: Kysely<CampaignsTables & EventsTables>;
  clock: Clock;
  /** The counts a drive tracks come from members (their rows and events). */
  members: Pick<MembersService, 'metricValue' | 'metricDailyChanges' | 'conversions'>;
  /** Each change records a `campaign.*` event: the drive banner shows on every page. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  /** How long a drive's count is reused (default 60 s: the banner shows a count at most this old). */
  progressTtlMs?: number;
}) {
  const { clock } = deps;
  const { members } = deps;
  const db = narrow(deps.db).to<CampaignsTables>();

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
    const value = members.metricValue(campaign, clock.now());
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

  const byId = (id: string): Promise<Campaign | undefined> => repo.byId(db, id);

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
        members.metricValue(campaign, now),
        members.metricDailyChanges(campaign, startOfDayUtc(firstDay, timeZone)!, timeZone),
        members.conversions(campaign.id),
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
        repo.update(trx, id, { ...toRow(merged.data), updated_at: updatedAt }),
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
      const row = { id: newId(), ...toRow(c), created_at: at, updated_at: at };
      await change('campaign.updated', [row.id], (trx) => repo.insert(trx, row));
      return toCampaign(row);
    },

    /** Drives running now, the one that started last first. */
    running(): Promise<Campaign[]> {
      return repo.running(db, deps.clock.now().toISOString());
    },

    async deleteMany(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      return change('campaign.deleted', ids, (trx) => repo.deleteMany(trx, ids));
    },

    list(): Promise<Campaign[]> {
      return repo.list(db);
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
