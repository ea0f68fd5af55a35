import type { ServicesOf } from '../../runtime/services.js';
import { ghostIdMatches, ghostIdOf, localIdRangeOf } from '../../shared/ghost-id.js';

export type GhostEntity = 'post' | 'author' | 'tag' | 'tier';

/**
 * How Masthead's ids are shown to Ghost's clients (24 hex characters) and found again. A port:
 * the derived ids below are the fallback; ids kept from a Ghost import (so links and bookmarks
 * made against the old site keep working) can be answered by another implementation passed in
 * the area's options.
 */
export interface GhostIds {
  /** The Ghost id of each local id given (every one of them gets one). */
  toGhost(entity: GhostEntity, localIds: readonly string[]): Promise<Map<string, string>>;
  /** The local id a Ghost id names, if any. */
  toLocal(entity: GhostEntity, ghostId: string): Promise<string | undefined>;
}

export type GhostIdServices = ServicesOf<'posts' | 'authors' | 'tags' | 'tiers'>;

/**
 * Ids derived from the UUIDv7s themselves (src/shared/ghost-id.ts): a post is found again by
 * the primary-key range of its millisecond; bylines, tags and tiers (short lists) by scanning.
 */
export function derivedGhostIds(services: GhostIdServices): GhostIds {
  const scan = async (entity: Exclude<GhostEntity, 'post'>): Promise<readonly { id: string }[]> => {
    if (entity === 'author') return services.authors.list();
    if (entity === 'tag') return services.tags.list();
    return services.tiers.list();
  };
  return {
    toGhost: (_entity, localIds) =>
      Promise.resolve(new Map(localIds.map((id) => [id, ghostIdOf(id)]))),
    async toLocal(entity, ghostId) {
      if (entity === 'post') {
        const range = localIdRangeOf(ghostId);
        if (!range) return undefined;
        const ids = await services.posts.ghost.publishedIdsBetween(range.from, range.to);
        return ids.find((id) => ghostIdMatches(id, ghostId));
      }
      return (await scan(entity)).find((item) => ghostIdMatches(item.id, ghostId))?.id;
    },
  };
}

/**
 * Ids kept from a Ghost import first (a site that moved in keeps its old ids, so clients'
 * stored ids and links still resolve), the derived ones for everything made here.
 */
export function importedGhostIds(
  imports: ServicesOf<'imports'>['imports'],
  fallback: GhostIds,
): GhostIds {
  return {
    async toGhost(entity, localIds) {
      const kept = await imports.ghostIdsOf(entity, localIds);
      const derived = await fallback.toGhost(
        entity,
        localIds.filter((id) => !kept.has(id)),
      );
      return new Map(localIds.map((id) => [id, kept.get(id) ?? derived.get(id) ?? '']));
    },
    async toLocal(entity, ghostId) {
      return (await imports.localIdOfGhost(entity, ghostId)) ?? fallback.toLocal(entity, ghostId);
    },
  };
}
