import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import { parseStoredJson } from '../../platform/db/index.js';
import type { Tier } from './tier.js';
import type { TiersTable, TiersTables } from './tiers.table.js';

/** A tier's benefits as stored; a value that is not a list of texts reads as none. */
const storedBenefits = z.array(z.string()).catch([]);

export const toTier = (row: Selectable<TiersTable>): Tier => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  benefits: parseStoredJson(storedBenefits, row.benefits),
  isFree: row.is_free === 1,
  isActive: row.is_active === 1,
  currency: row.currency,
  monthlyAmount: row.monthly_amount,
  yearlyAmount: row.yearly_amount,
  minimumAmount: row.minimum_amount,
  position: row.position,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createTiersRepository(db: Kysely<TiersTables>) {
  return {
    list: () =>
      db.selectFrom('tiers').selectAll().orderBy('position').orderBy('created_at').execute(),
    findById: (id: string) =>
      db.selectFrom('tiers').selectAll().where('id', '=', id).executeTakeFirst(),
    async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
      let query = db.selectFrom('tiers').select('id').where('slug', '=', slug);
      if (exceptId) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },
    async count(): Promise<number> {
      const row = await db
        .selectFrom('tiers')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    insert: (row: Insertable<TiersTable>) => db.insertInto('tiers').values(row).execute(),
    /** Inserts unless the slug exists (two first page views at once create the defaults once). */
    insertIfAbsent: (row: Insertable<TiersTable>) =>
      db
        .insertInto('tiers')
        .values(row)
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute(),
    update: (id: string, patch: Updateable<TiersTable>) =>
      db.updateTable('tiers').set(patch).where('id', '=', id).executeTakeFirst(),
    remove: (id: string) => db.deleteFrom('tiers').where('id', '=', id).executeTakeFirst(),
  };
}
