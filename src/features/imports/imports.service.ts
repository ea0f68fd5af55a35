import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { createGhostImporter, type GhostImportServices } from './ghost-import.js';
import { createImportLinksRepository } from './import-links.repository.js';
import { redirectKeyOf } from './redirect-path.js';
import { createRedirectsRepository } from './redirects.repository.js';
import type { ImportEntity } from './import-entity.js';
import type { ImportsTables } from './imports.table.js';

/** Moving in from other platforms (issue #15), and the ids items keep from there. */
export function createImportsService(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: GhostImportServices;
}) {
  const links = createImportLinksRepository(deps.db);
  const redirects = createRedirectsRepository(deps.db);
  return {
    ghost: createGhostImporter(deps),
    /** Ghost ids of imported items (the Ghost Content API shows these), by local id. */
    ghostIdsOf: (entity: ImportEntity, localIds: readonly string[]) =>
      links.externalIdsOf('ghost:', entity, localIds),
    /**
     * Where an old address (a request the site found nothing for) now lives: a 301 target, or
     * undefined. Asked only on the way to a 404, so ordinary pages never pay for it.
     */
    async redirectFor(url: string): Promise<{ location: string; status: number } | undefined> {
      const key = redirectKeyOf(url);
      const found = key === undefined ? undefined : await redirects.find(key);
      return found && { location: found.toPath, status: found.status };
    },
    /** Keeps old addresses (paths, or WordPress's `/?p=12` forms) answering with a redirect. */
    async saveRedirects(
      rows: ReadonlyArray<{ from: string; to: string; status?: 301 | 302; origin: string }>,
    ): Promise<number> {
      const at = deps.clock.now().toISOString();
      const stored = rows.flatMap((row) => {
        const key = redirectKeyOf(row.from);
        return key === undefined || key === row.to
          ? []
          : [
              {
                from_path: key,
                to_path: row.to,
                status: row.status ?? 301,
                origin: row.origin,
                created_at: at,
              },
            ];
      });
      await deps.db.transaction().execute((trx) => redirects.save(trx, stored));
      return stored.length;
    },
    /** The local item a Ghost id was imported as. */
    localIdOfGhost: (entity: ImportEntity, ghostId: string) =>
      links.localIdOf('ghost:', entity, ghostId),
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
