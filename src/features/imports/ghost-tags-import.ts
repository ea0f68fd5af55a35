import { parseInput } from '../../platform/validation.js';
import { tagInputSchema } from '../tags/index.js';
import { newsroomOwn, type ImportPhase } from './import-phase.js';
import type { SmallTables } from './ghost-small-tables.js';
import { checksum } from './import-checksum.js';

/** Ghost marks internal tags so, and names them `#name` (its own rule on save). */
export const isGhostInternal = (tag: { name: string; visibility: string }): boolean =>
  tag.visibility === 'internal' || tag.name.startsWith('#');

/**
 * Ghost's tags into sections and tags; those in Ghost's navigation become sections, and internal
 * `#tags` internal tags (never shown to readers). A tag the newsroom already has under the same
 * slug, not made by an import, keeps its own name and description (reported) unless
 * --overwrite; posts are tagged with it either way. Returns local ids by Ghost id.
 */
export async function importGhostTags(
  phase: ImportPhase,
  small: SmallTables,
): Promise<Map<string, string>> {
  const { services, report, links } = phase;
  const ids = new Map<string, string>();
  const known = await links.find(
    phase.source,
    'tag',
    small.tags.map((t) => t.id),
  );
  for (const tag of small.tags) {
    report.count('tags', 'found');
    const isInternal = isGhostInternal(tag);
    const linked = known.get(tag.id);
    const sameSlug = linked ? undefined : await services.tags.bySlug(tag.slug);
    const ownId = linked?.checksum === newsroomOwn ? linked.localId : sameSlug?.id;
    if (ownId && !phase.overwrite) {
      ids.set(tag.id, ownId);
      report.note(
        `tag "${tag.name}"`,
        'name and description',
        `the newsroom's own tag /tag/${tag.slug}/ is used, its name and description kept (use --overwrite to replace)`,
      );
      report.count('tags', 'unchanged');
      if (!linked && !phase.dryRun)
        await links.save(phase.db, [phase.link('tag', tag.id, ownId, newsroomOwn)]);
      continue;
    }
    const existing = linked ?? (sameSlug && { localId: sameSlug.id, checksum: '' });
    // An internal tag is never a section, even if Ghost's navigation links to it.
    const navigationOrder = isInternal ? -1 : small.navigation.indexOf(tag.slug);
    const input = parseInput(tagInputSchema, {
      name: tag.name.slice(0, 80),
      slug: tag.slug.slice(0, 80),
      description: (tag.description ?? '').slice(0, 1000),
      isInternal,
      ...(navigationOrder >= 0
        ? { isNavigation: true, navigationOrder }
        : isInternal
          ? { isNavigation: false }
          : {}),
    });
    const sum = checksum({ tag, navigationOrder });
    if (existing?.checksum === sum) {
      ids.set(tag.id, existing.localId);
      report.count('tags', 'unchanged');
      continue;
    }
    if (phase.dryRun) {
      ids.set(tag.id, existing?.localId ?? `dry-run-${tag.id}`);
      report.count('tags', existing ? 'updated' : 'created');
      continue;
    }
    const local = existing
      ? await services.tags.update(existing.localId, input)
      : await services.tags.create(input);
    ids.set(tag.id, local.id);
    await links.save(phase.db, [phase.link('tag', tag.id, local.id, sum)]);
    report.count('tags', existing ? 'updated' : 'created');
  }
  return ids;
}
