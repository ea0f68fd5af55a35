import type { Kysely } from 'kysely';
import type { SettingsTables } from './settings.table.js';

/** Stands for a stored value that is not JSON, so one bad row cannot fail every read. */
export const unreadable: unique symbol = Symbol('unreadable setting');

/** The value as JSON; the settings schema checks it where it is read (site-settings.ts). */
function parseStored(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    return unreadable;
  }
}

export function createSettingsRepository(db: Kysely<SettingsTables>) {
  return {
    /** Every stored value by key; one that is not JSON (edited by hand) is `unreadable`. */
    async all(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((r) => [r.key, parseStored(r.value)]));
    },
    /** One stored value (`undefined` when none is stored). */
    async get(key: string, trx: Kysely<SettingsTables> = db): Promise<unknown> {
      const row = await trx
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row === undefined ? undefined : parseStored(row.value);
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
