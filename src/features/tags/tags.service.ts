import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickFreeSlug, slugify } from '../../shared/slug.js';
import { tagInputSchema, type Tag } from './tag.js';
import { createTagsRepository, toTag } from './tags.repository.js';
import type { TagsTables } from './tags.table.js';

export function createTagsService(deps: { db: Kysely<TagsTables>; clock: Clock }) {
  const repository = createTagsRepository(deps.db);
  return {
    async create(input: unknown): Promise<Tag> {
      const parsed = tagInputSchema.safeParse(input);
      if (!parsed.success) {
        throw validationError(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      const value = parsed.data;
      const requested = value.slug === undefined ? undefined : slugify(value.slug);
      if (requested !== undefined && requested.length === 0) {
        throw validationError([
          { field: 'slug', message: 'must contain at least one letter or digit' },
        ]);
      }
      if (requested !== undefined && (await repository.slugTaken(requested))) {
        throw validationError([
          { field: 'slug', message: `"${requested}" is already used by another tag` },
        ]);
      }
      const slug =
        requested ??
        (await pickFreeSlug(slugify(value.name) || 'tag', (s) => repository.slugTaken(s)));
      const at = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        name: value.name,
        slug,
        description: value.description ?? '',
        image_media_id: value.imageMediaId ?? null,
        is_navigation: value.isNavigation ? 1 : 0,
        navigation_order: value.navigationOrder ?? null,
        created_at: at,
        updated_at: at,
      };
      await repository.insert(row);
      return toTag(row);
    },
    async bySlug(slug: string): Promise<Tag | undefined> {
      const row = await repository.findBySlug(slug);
      return row && toTag(row);
    },
    async byIds(ids: readonly string[]): Promise<Tag[]> {
      return (await repository.findByIds(ids)).map(toTag);
    },
    async navigation(): Promise<Tag[]> {
      return (await repository.listNavigation()).map(toTag);
    },
    async deleteMany(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await deps.db.deleteFrom('tags').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async list(): Promise<Tag[]> {
      return (await repository.list()).map(toTag);
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
