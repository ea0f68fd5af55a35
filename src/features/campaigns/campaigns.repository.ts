import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import { parseStoredJson } from '../../platform/db/index.js';
import { campaignPlacements, type Campaign } from './campaign.js';
import type { CampaignsTable, CampaignsTables } from './campaigns.table.js';

type Db = Kysely<CampaignsTables>;

/**
 * How the JSON columns read back: the shapes, with defaults, so a row written by an older
 * version (or a column that no longer parses) reads instead of failing the page.
 */
const storedButtons = z.array(z.object({ label: z.string(), url: z.string() })).catch([]);
const storedPlacements = z.array(z.enum(campaignPlacements)).catch(['banner']);
const storedTexts = z
  .object({
    running: z.string().default(''),
    reached: z.string().default(''),
    ended: z.string().default(''),
  })
  .catch({ running: '', reached: '', ended: '' });

export const toCampaign = (row: Selectable<CampaignsTable>): Campaign => ({
  id: row.id,
  name: row.name,
  headline: row.headline,
  body: row.body,
  goal: row.goal,
  metric: row.metric as Campaign['metric'],
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  buttons: parseStoredJson(storedButtons, row.buttons),
  placements: parseStoredJson(storedPlacements, row.placements),
  texts: parseStoredJson(storedTexts, row.texts),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** SQL of membership drives. */
export const campaignsRepository = {
  async byId(db: Db, id: string): Promise<Campaign | undefined> {
    const row = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCampaign(row) : undefined;
  },

  /** Drives running at `now`, the one that started last first. */
  async running(db: Db, now: string): Promise<Campaign[]> {
    const rows = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now)
      .orderBy('starts_at', 'desc')
      .execute();
    return rows.map(toCampaign);
  },

  async list(db: Db): Promise<Campaign[]> {
    const rows = await db
      .selectFrom('campaigns')
      .selectAll()
      .orderBy('starts_at', 'desc')
      .execute();
    return rows.map(toCampaign);
  },

  insert: (db: Db, row: Insertable<CampaignsTable>) =>
    db.insertInto('campaigns').values(row).execute(),

  update: (db: Db, id: string, changes: Updateable<CampaignsTable>) =>
    db.updateTable('campaigns').set(changes).where('id', '=', id).execute(),

  async deleteMany(db: Db, ids: readonly string[]): Promise<number> {
    const result = await db.deleteFrom('campaigns').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
