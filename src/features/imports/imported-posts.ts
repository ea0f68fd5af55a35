// What the posts phase of every import shares: the check that keeps a newsroom's own edits,
// and the write of one batch with its import links in the same transaction.
import type { Kysely } from 'kysely';
import type { ImportedPost } from '../posts/index.js';
import type { ImportLink } from './import-links.repository.js';
import type { ImportPhase } from './import-phase.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';

/**
 * Which of a batch's posts an earlier run imported were edited in Masthead since (their version
 * moved on from the one the import wrote), by external id: such a post is kept unless
 * --overwrite. One query for the batch.
 */
export async function editedSinceImport(
  phase: ImportPhase,
  known: ReadonlyMap<string, ImportLink>,
): Promise<Set<string>> {
  const edited = new Set<string>();
  if (phase.overwrite) return edited;
  const tracked = [...known].filter(([, link]) => link.localVersion !== null);
  if (tracked.length === 0) return edited;
  const versions = await phase.services.posts.versionsOf(tracked.map(([, link]) => link.localId));
  for (const [externalId, link] of tracked) {
    const version = versions.get(link.localId);
    if (version !== undefined && version !== link.localVersion) edited.add(externalId);
  }
  return edited;
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
