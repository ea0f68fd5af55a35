import type { Kysely, Updateable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isForeignKeyViolation, isUniqueViolation, narrow } from '../../platform/db/index.js';
import { notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { canBeSlug, pickFreeSlug, slugify } from '../../shared/slug.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Tag, TagInput, TagPatch } from './tag.js';
import { createTagsRepository, toTag } from './tags.repository.js';
import type { TagsTable, TagsTables } from './tags.table.js';

const slugInUse = (slug: string) =>
  validationError([{ field: 'slug', message: `"${slug}" is already used by another tag` }]);
const noSuchImage = () =>
  validationError([{ field: 'imageMediaId', message: 'no media item has this id' }]);

/** A section is in the site's navigation, so it cannot be internal. */
function refuseInternalSection(tag: { isInternal?: boolean; isNavigation?: boolean }): void {
  if (tag.isInternal && tag.isNavigation)
    throw validationError([
      { field: 'isInternal', message: 'an internal tag cannot be a section in the navigation' },
    ]);
}

/** Turns constraint violations on write into 400s naming the field at fault. */
function fieldErrorOf(error: unknown, slug: string): unknown {
  if (isUniqueViolation(error)) return slugInUse(slug);
  if (isForeignKeyViolation(error)) return noSuchImage();
  return error;
}

export function createTagsService(deps: {
  db: Kysely<TagsTables & EventsTables>;
  clock: Clock;
  /** Each change records a `tag.*` event in its transaction: the page cache drops what showed it. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
}) {
  const repository = createTagsRepository(narrow(deps.db).to<TagsTables>());

  /** Runs a write and records what it changed, in one transaction. */
  const change = <T>(
    work: (
      repo: ReturnType<typeof createTagsRepository>,
      record: (
        type: 'tag.updated' | 'tag.deleted',
        tag: { id: string; slug: string },
        previousSlug?: string,
      ) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T> =>
    deps.events.withTransaction(deps.db, (trx) =>
      work(createTagsRepository(narrow(trx).to<TagsTables>()), async (type, tag, previousSlug) => {
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type,
          subjectId: tag.id,
          payload: {
            slug: tag.slug,
            ...(previousSlug && previousSlug !== tag.slug ? { previousSlug } : {}),
          },
          actor: 'staff',
        });
      }),
    );

  /** A requested slug, normalised; refused when empty after normalising or taken by another tag. */
  async function requestedSlug(value: string, exceptId?: string): Promise<string> {
    const slug = slugify(value);
    if (slug.length === 0) {
      throw validationError([
        { field: 'slug', message: 'must contain at least one letter or digit' },
      ]);
    }
    if (await repository.slugTaken(slug, exceptId)) throw slugInUse(slug);
    return slug;
  }

  /** Deletes tags; posts that carried them simply lose them. */
  async function deleteMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return change(async (repo, record) => {
      const gone = await repo.findByIds(ids);
      const count = await repo.deleteByIds(ids);
      for (const tag of gone) await record('tag.deleted', tag);
      return count;
    });
  }

  return {
    /** Takes input parsed with `tagInputSchema` at the front door. */
    async create(value: TagInput): Promise<Tag> {
      refuseInternalSection(value);
      const id = newId();
      const at = deps.clock.now().toISOString();
      // Two tags with one name at once both find the same slug free and the database refuses the
      // second insert: that one takes the next free slug instead of failing (as bylines do). A
      // slug the editor asked for is refused as taken, as it would have been a moment later.
      for (let attempt = 1; ; attempt += 1) {
        const slug =
          value.slug === undefined
            ? await pickFreeSlug(slugify(value.name) || 'tag', (s) => repository.slugTaken(s))
            : await requestedSlug(value.slug);
        const row = {
          id,
          name: value.name,
          slug,
          description: value.description ?? '',
          image_media_id: value.imageMediaId ?? null,
          is_navigation: value.isNavigation ? 1 : 0,
          is_internal: value.isInternal ? 1 : 0,
          navigation_order: value.navigationOrder ?? null,
          created_at: at,
          updated_at: at,
        };
        try {
          await change(async (repo, record) => {
            await repo.insert(row);
            await record('tag.updated', row);
          });
          return toTag(row);
        } catch (error) {
          const isSlugRace = value.slug === undefined && isUniqueViolation(error) && attempt < 10;
          if (!isSlugRace) throw fieldErrorOf(error, slug);
        }
      }
    },

    /** Changes the given fields; an empty patch returns the tag unchanged. */
    async update(id: string, patch: TagPatch): Promise<Tag> {
      const current = await repository.findById(id);
      if (!current) throw notFound('Tag');
      const set: Updateable<TagsTable> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.slug !== undefined) {
        const slug = slugify(patch.slug);
        if (slug !== current.slug) set.slug = await requestedSlug(patch.slug, id);
      }
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.imageMediaId !== undefined) set.image_media_id = patch.imageMediaId;
      if (patch.isNavigation !== undefined) set.is_navigation = patch.isNavigation ? 1 : 0;
      if (patch.navigationOrder !== undefined) set.navigation_order = patch.navigationOrder;
      if (patch.isInternal !== undefined) set.is_internal = patch.isInternal ? 1 : 0;
      refuseInternalSection({
        isInternal:
          set.is_internal === undefined ? current.is_internal === 1 : set.is_internal === 1,
        isNavigation:
          set.is_navigation === undefined ? current.is_navigation === 1 : set.is_navigation === 1,
      });
      if (Object.keys(set).length === 0) return toTag(current);
      set.updated_at = deps.clock.now().toISOString();
      try {
        await change(async (repo, record) => {
          if ((await repo.update(id, set)) === 0) throw notFound('Tag');
          await record('tag.updated', { id, slug: set.slug ?? current.slug }, current.slug);
        });
      } catch (error) {
        throw fieldErrorOf(error, set.slug ?? current.slug);
      }
      const updated = await repository.findById(id);
      if (!updated) throw notFound('Tag');
      return toTag(updated);
    },

    /** Deletes a tag; posts that carried it simply lose it (their other tags keep their order). */
    async remove(id: string): Promise<void> {
      if ((await deleteMany([id])) === 0) throw notFound('Tag');
    },

    async byId(id: string): Promise<Tag | undefined> {
      const row = await repository.findById(id);
      return row && toTag(row);
    },
    async bySlug(slug: string): Promise<Tag | undefined> {
      if (!canBeSlug(slug)) return undefined;
      const row = await repository.findBySlug(slug);
      return row && toTag(row);
    },
    async byIds(ids: readonly string[]): Promise<Tag[]> {
      return (await repository.findByIds(ids)).map(toTag);
    },
    async navigation(): Promise<Tag[]> {
      return (await repository.listNavigation()).map(toTag);
    },
    deleteMany,
    /** Every tag, internal ones too (the admin); `publicOnly` for what readers may see. */
    async list(options: { publicOnly?: boolean } = {}): Promise<Tag[]> {
      return (await repository.list(options)).map(toTag);
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
