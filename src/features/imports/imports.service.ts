import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { createGhostImporter, type GhostImportServices } from './ghost-import.js';
import { createImportLinksRepository } from './import-links.repository.js';
import type { ImportEntity } from './import-entity.js';
import type { ImportsTables } from './imports.table.js';

/** Moving in from other platforms (issue #15), and the ids items keep from there. */
export function createImportsService(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: GhostImportServices;
}) {
  const links = createImportLinksRepository(deps.db);
  return {
    ghost: createGhostImporter(deps),
    /** Ghost ids of imported items (the Ghost Content API shows these), by local id. */
    ghostIdsOf: (entity: ImportEntity, localIds: readonly string[]) =>
      links.externalIdsOf('ghost:', entity, localIds),
    /** The local item a Ghost id was imported as. */
    localIdOfGhost: (entity: ImportEntity, ghostId: string) =>
      links.localIdOf('ghost:', entity, ghostId),
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
