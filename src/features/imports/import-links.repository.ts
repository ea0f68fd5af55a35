import type { Kysely } from 'kysely';
import type { ImportEntity } from './import-entity.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';

export interface ImportLink {
  localId: string;
  checksum: string;
  localVersion: number | null;
}

/** Lookups are by primary key (source, entity, external id) or by (entity, local id): indexed. */
export function createImportLinksRepository(db: Kysely<ImportsTables>) {
  return {
    async find(
      source: string,
      entity: ImportEntity,
      externalIds: readonly string[],
    ): Promise<Map<string, ImportLink>> {
      const found = new Map<string, ImportLink>();
      for (let i = 0; i < externalIds.length; i += 500) {
        const rows = await db
          .selectFrom('import_links')
          .select(['external_id', 'local_id', 'checksum', 'local_version'])
          .where('source', '=', source)
          .where('entity', '=', entity)
          .where('external_id', 'in', externalIds.slice(i, i + 500))
          .execute();
        for (const row of rows)
          found.set(row.external_id, {
            localId: row.local_id,
            checksum: row.checksum,
            localVersion: row.local_version,
          });
      }
      return found;
    },
    /** External ids of local items, from any Ghost source (the Ghost Content API's ids). */
    async externalIdsOf(
      sourcePrefix: string,
      entity: ImportEntity,
      localIds: readonly string[],
    ): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      if (localIds.length === 0) return found;
      const rows = await db
        .selectFrom('import_links')
        .select(['local_id', 'external_id', 'source'])
        .where('entity', '=', entity)
        .where('local_id', 'in', localIds)
        .execute();
      for (const row of rows)
        if (row.source.startsWith(sourcePrefix)) found.set(row.local_id, row.external_id);
      return found;
    },
    async localIdOf(
      sourcePrefix: string,
      entity: ImportEntity,
      externalId: string,
    ): Promise<string | undefined> {
      const rows = await db
        .selectFrom('import_links')
        .select(['local_id', 'source'])
        .where('entity', '=', entity)
        .where('external_id', '=', externalId)
        .execute();
      return rows.find((row) => row.source.startsWith(sourcePrefix))?.local_id;
    },
    async save(trx: Kysely<ImportsTables>, rows: readonly ImportLinksTable[]): Promise<void> {
      for (const row of rows)
        await trx
          .insertInto('import_links')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['source', 'entity', 'external_id']).doUpdateSet({
              local_id: row.local_id,
              checksum: row.checksum,
              local_version: row.local_version,
              imported_at: row.imported_at,
            }),
          )
          .execute();
    },
  };
}
