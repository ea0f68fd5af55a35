import type { Kysely } from 'kysely';
import type { SettingsTables } from './settings.table.js';

export function createSettingsRepository(db: Kysely<SettingsTables>) {
  return {
    async all(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    },
    async remove(key: string): Promise<void> {
      await db.deleteFrom('settings').where('key', '=', key).execute();
    },
    async put(values: Record<string, unknown>, at: string, trx: Kysely<SettingsTables> = db) {
      for (const [key, value] of Object.entries(values)) {
        await trx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value), updated_at: at })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }),
          )
          .execute();
      }
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
