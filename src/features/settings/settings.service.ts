import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { WarningLog } from '../../platform/logger.js';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import { createSettingsRepository, unreadable } from './settings.repository.js';
import type { SettingsTables } from './settings.table.js';
import {
  defaultSiteSettings,
  siteSettingsSchema,
  type SiteSettings,
  type SiteSettingsPatch,
} from './site-settings.js';

export type { WarningLog };

/** What `putInternal` stores: plain JSON, so it reads back the same on both databases. */
export type InternalValue =
  string | number | boolean | null | InternalValue[] | { [key: string]: InternalValue };

export function createSettingsService(deps: {
  db: Kysely<SettingsTables & EventsTables>;
  clock: Clock;
  /** Each change of site settings records `settings.updated`: every page shows some of them. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  /** Told once about each stored value that no longer validates (and is replaced by its default). */
  logger?: WarningLog;
}) {
  const repository = createSettingsRepository(narrow(deps.db).to<SettingsTables>());
  const recordChange = (trx: Kysely<SettingsTables & EventsTables>, keys: readonly string[]) =>
    deps.events.record(narrow(trx).to<EventsTables>(), {
      type: 'settings.updated',
      subjectId: 'site',
      payload: { keys: [...keys] },
      actor: 'staff',
    });
  // Each bad stored value is reported once per process, not on every page render.
  const reported = new Set<string>();
  const reportBad = (key: string, value: unknown, problem: string) => {
    const stored = value === unreadable ? '(not JSON)' : JSON.stringify(value).slice(0, 200);
    if (reported.has(`${key}\u0000${stored}`)) return;
    reported.add(`${key}\u0000${stored}`);
    deps.logger?.warn(
      { setting: key, stored, problem },
      `site setting ${key} is stored with a value that is not valid; the default is used until an administrator saves it again`,
    );
  };
  return {
    /**
     * Stored values over the defaults. A stored value that does not validate (written before a
     * rule existed, or straight into the database) falls back to its default, so no page dies on
     * a setting; it is logged once.
     */
    async get(): Promise<SiteSettings> {
      const stored = await repository.all();
      const merged: Record<string, unknown> = { ...defaultSiteSettings };
      for (const [key, value] of Object.entries(stored)) {
        if (!Object.hasOwn(siteSettingsSchema.shape, key)) continue;
        const field = siteSettingsSchema.shape[key as keyof SiteSettings];
        const parsed = field.safeParse(value);
        if (parsed.success) merged[key] = parsed.data;
        else reportBad(key, value, parsed.error.issues.map((i) => i.message).join('; '));
      }
      return merged as SiteSettings;
    },

    /**
     * Values the program keeps for itself (not site settings), e.g. what the demo loaded: read
     * back through the schema that describes them, not cast.
     */
    async getInternal<S extends z.ZodType>(
      key: string,
      schema: S,
    ): Promise<z.output<S> | undefined> {
      const value = (await repository.all())[`internal.${key}`];
      return value === undefined ? undefined : schema.parse(value);
    },
    async putInternal(key: string, value: InternalValue): Promise<void> {
      await repository.put({ [`internal.${key}`]: value }, deps.clock.now().toISOString());
    },
    /**
     * Stores a value the program keeps for itself that every page depends on (e.g. the base URL
     * media are linked at): when it differs from the stored one, `settings.updated` is recorded
     * in the same transaction, so every page is dropped (and purged at the CDN) once. Returns
     * whether it changed.
     */
    async putInternalAnnounced(key: string, value: InternalValue): Promise<boolean> {
      const stored = `internal.${key}`;
      return deps.events.withTransaction(deps.db, async (trx) => {
        const inTrx = createSettingsRepository(narrow(trx).to<SettingsTables>());
        const before = await inTrx.get(stored);
        const unchanged =
          before === undefined ? value === null : JSON.stringify(before) === JSON.stringify(value);
        if (unchanged && before !== undefined) return false;
        await inTrx.put({ [stored]: value }, deps.clock.now().toISOString());
        // A first note of "none" changes no page.
        if (unchanged) return false;
        await recordChange(trx, [stored]);
        return true;
      });
    },
    /** Puts these site settings back to their defaults. */
    async reset(keys: readonly string[]): Promise<void> {
      if (keys.length === 0) return;
      await deps.events.withTransaction(deps.db, async (trx) => {
        const inTrx = createSettingsRepository(narrow(trx).to<SettingsTables>());
        for (const key of keys) await inTrx.remove(key);
        await recordChange(trx, keys);
      });
    },
    async deleteInternal(key: string): Promise<void> {
      await repository.remove(`internal.${key}`);
    },

    /** Takes a patch parsed with `siteSettingsPatchSchema` (each value's rules, canonical forms). */
    async update(patch: SiteSettingsPatch): Promise<SiteSettings> {
      // All the changed keys or none: a form saved together is stored together.
      const at = deps.clock.now().toISOString();
      await deps.events.withTransaction(deps.db, async (trx) => {
        await repository.put(patch, at, narrow(trx).to<SettingsTables>());
        await recordChange(trx, Object.keys(patch));
      });
      return this.get();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
