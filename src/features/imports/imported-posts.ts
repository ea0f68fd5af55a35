// What the posts phase of every import shares: the check that keeps a newsroom's own edits,
// and the write of one batch with its import links in the same transaction.
import type { Kysely } from 'kysely';
import type { ImportedPost } from '../posts/index.js';
import type { ImportLink } from './import-links.repository.js';
import type { ImportPhase } from './import-phase.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';

/**
 * Whether a post an earlier run imported was edited in Masthead since (its version moved on
 * from the one the import wrote): such a post is kept unless --overwrite.
 */
export async function isEditedSinceImport(
  phase: ImportPhase,
  existing: ImportLink,
): Promise<boolean> {
  if (phase.overwrite || existing.localVersion === null) return false;
  const current = await phase.services.posts.byId(existing.localId).catch(() => undefined);
  return current !== undefined && current.version !== existing.localVersion;
}

/** The report line for a post kept because the newsroom edited it. */
export const editedHere =
  'edited in Masthead since the last import: kept (use --overwrite to replace)';

/**
 * Writes one batch (new posts inserted, known ones replaced as a new version) and its import
 * links, with the version each post has after the write, in one transaction.
 */
export async function saveImportedPosts(
  phase: ImportPhase,
  batch: {
    writes: readonly ImportedPost[];
    replaceIds: ReadonlySet<string>;
    links: readonly ImportLinksTable[];
  },
): Promise<void> {
  if (phase.dryRun || batch.writes.length === 0) return;
  await phase.services.posts.importBatch(batch.writes, {
    replaceIds: batch.replaceIds,
    within: (trx, versions) =>
      phase.links.save(
        trx as unknown as Kysely<ImportsTables>,
        batch.links.map((l) => ({ ...l, local_version: versions.get(l.local_id) ?? 1 })),
      ),
  });
}
