import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { zodValidationError } from '../../platform/errors.js';
import { createSettingsRepository } from './settings.repository.js';
import type { SettingsTables } from './settings.table.js';
import {
  defaultSiteSettings,
  siteSettingsPatchSchema,
  siteSettingsSchema,
  type SiteSettings,
} from './site-settings.js';

export function createSettingsService(deps: { db: Kysely<SettingsTables>; clock: Clock }) {
  const repository = createSettingsRepository(deps.db);
  return {
    /** Stored values over the defaults; a value that no longer validates falls back to its default. */
    async get(): Promise<SiteSettings> {
      const stored = await repository.all();
      const merged: Record<string, unknown> = { ...defaultSiteSettings };
      for (const [key, value] of Object.entries(stored)) {
        const field = siteSettingsSchema.shape[key as keyof SiteSettings] as
          { safeParse(v: unknown): { success: boolean } } | undefined;
        if (field?.safeParse(value).success) merged[key] = value;
      }
      return merged as SiteSettings;
    },

    /** Values the program keeps for itself (not site settings), e.g. what the demo loaded. */
    async getInternal(key: string): Promise<unknown> {
      return (await repository.all())[`internal.${key}`];
    },
    async putInternal(key: string, value: unknown): Promise<void> {
      await repository.put({ [`internal.${key}`]: value }, deps.clock.now().toISOString());
    },
    /** Puts these site settings back to their defaults. */
    async reset(keys: readonly string[]): Promise<void> {
      for (const key of keys) await repository.remove(key);
    },
    async deleteInternal(key: string): Promise<void> {
      await repository.remove(`internal.${key}`);
    },

    async update(patch: unknown): Promise<SiteSettings> {
      const parsed = siteSettingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        throw zodValidationError(parsed.error, { rootField: 'settings' });
      }
      await repository.put(parsed.data, deps.clock.now().toISOString());
      return this.get();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
