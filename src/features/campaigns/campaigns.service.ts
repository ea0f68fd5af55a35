import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { campaignInputSchema, type Campaign } from './campaign.js';
import type { CampaignsTable, CampaignsTables } from './campaigns.table.js';

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

export function createCampaignsService(deps: { db: Kysely<CampaignsTables>; clock: Clock }) {
  const { db } = deps;
  return {
    async create(input: unknown): Promise<Campaign> {
      const parsed = campaignInputSchema.safeParse(input);
      if (!parsed.success) {
        throw validationError(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      const c = parsed.data;
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
      await db.insertInto('campaigns').values(row).execute();
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
      const result = await db.deleteFrom('campaigns').where('id', 'in', ids).executeTakeFirst();
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
