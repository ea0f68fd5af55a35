import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isForeignKeyViolation, isUniqueViolation, narrow } from '../../platform/db/index.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { canBeSlug, pickFreeSlug, slugify } from '../../shared/slug.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Author, AuthorInput, AuthorUpdate, BylineChange } from './author.js';
import { createAuthorsRepository, toAuthor } from './authors.repository.js';
import type { AuthorsTables } from './authors.table.js';

/** The public profile fields a change names, as columns (those it leaves out stay). */
const profileColumns = (v: BylineChange) => ({
  ...(v.name !== undefined ? { name: v.name } : {}),
  ...(v.roleTitle !== undefined ? { role_title: v.roleTitle } : {}),
  ...(v.bio !== undefined ? { bio: v.bio } : {}),
  ...(v.avatarMediaId !== undefined ? { avatar_media_id: v.avatarMediaId } : {}),
  ...(v.location !== undefined ? { location: v.location } : {}),
  ...(v.links?.website !== undefined ? { website: v.links.website } : {}),
  ...(v.links?.x !== undefined ? { x_handle: v.links.x } : {}),
  ...(v.links?.telegram !== undefined ? { telegram: v.links.telegram } : {}),
  ...(v.links?.email !== undefined ? { public_email: v.links.email } : {}),
});

const noSuchAvatar = () =>
  validationError([{ field: 'avatarMediaId', message: 'no media item has this id' }]);

/** An avatar id that names no media item is the caller's mistake (400), not a 500. */
async function withAvatarChecked<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isForeignKeyViolation(error) ? noSuchAvatar() : error;
  }
}

export function createAuthorsService(deps: {
  db: Kysely<AuthorsTables & EventsTables>;
  clock: Clock;
  /** Each change records an `author.*` event in its transaction: the page cache drops what showed it. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
}) {
  const db = narrow(deps.db).to<AuthorsTables>();
  const repository = createAuthorsRepository(db);

  const recordIn = async (
    trx: Kysely<AuthorsTables & EventsTables>,
    type: 'author.updated' | 'author.deleted',
    author: { id: string; slug: string },
    previousSlug?: string,
  ) =>
    deps.events.record(narrow(trx).to<EventsTables>(), {
      type,
      subjectId: author.id,
      payload: {
        slug: author.slug,
        ...(previousSlug && previousSlug !== author.slug ? { previousSlug } : {}),
      },
      actor: 'staff',
    });

  return {
    /** Creates a byline; pass `trx` to make it part of a larger write (e.g. a new staff user). */
    async create(
      value: AuthorInput,
      options: { userId?: string | null; trx?: Kysely<AuthorsTables> } = {},
    ): Promise<Author> {
      const trx = options.trx ?? db;
      const base = slugify(value.slug ?? value.name) || 'author';
      const at = deps.clock.now().toISOString();
      const id = newId();
      // Two bylines with the same name at once both find the same slug free and the database
      // refuses the second insert: that one takes the next free slug instead of failing.
      for (let attempt = 1; ; attempt += 1) {
        const slug = await pickFreeSlug(base, (s) => repository.slugTaken(s, trx));
        const row = {
          id,
          user_id: options.userId ?? null,
          name: value.name,
          slug,
          role_title: value.roleTitle ?? '',
          bio: value.bio ?? '',
          avatar_media_id: value.avatarMediaId ?? null,
          location: value.location ?? '',
          website: value.links?.website ?? '',
          x_handle: value.links?.x ?? '',
          telegram: value.links?.telegram ?? '',
          public_email: value.links?.email ?? '',
          is_desk: value.isDesk ? 1 : 0,
          created_at: at,
          updated_at: at,
        };
        try {
          await withAvatarChecked(() => repository.insert(row, trx));
          return toAuthor(row);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          // Inside a caller's transaction the failed insert has aborted it (PostgreSQL).
          if (options.trx || attempt === 10)
            throw conflict('A byline with this address was created at the same moment; try again');
        }
      }
    },
    /** Changes a byline's public profile; the slug stays unless a new one is given. */
    async update(id: string, v: AuthorUpdate): Promise<Author> {
      const current = await repository.findById(id);
      if (!current) throw notFound('Author');
      let slug = current.slug;
      if (v.slug !== undefined && slugify(v.slug) !== current.slug) {
        slug = slugify(v.slug);
        if (!slug)
          throw validationError([
            { field: 'slug', message: 'must contain at least one letter or digit' },
          ]);
        if (await repository.slugTaken(slug))
          throw validationError([{ field: 'slug', message: `"${slug}" is already used` }]);
      }
      const set = {
        ...profileColumns(v),
        slug,
        ...(v.isDesk !== undefined ? { is_desk: v.isDesk ? 1 : 0 } : {}),
        updated_at: deps.clock.now().toISOString(),
      };
      try {
        await withAvatarChecked(() =>
          deps.events.withTransaction(deps.db, async (trx) => {
            await repository.update(id, set, narrow(trx).to<AuthorsTables>());
            await recordIn(trx, 'author.updated', { id, slug }, current.slug);
          }),
        );
      } catch (error) {
        // Another byline took the slug since it was checked.
        if (isUniqueViolation(error))
          throw validationError([{ field: 'slug', message: `"${slug}" is already used` }]);
        throw error;
      }
      const row = await repository.findById(id);
      if (!row) throw notFound('Author');
      return toAuthor(row);
    },
    async bySlug(slug: string): Promise<Author | undefined> {
      if (!canBeSlug(slug)) return undefined;
      const row = await repository.findBySlug(slug);
      return row && toAuthor(row);
    },
    async byId(id: string): Promise<Author | undefined> {
      const row = await repository.findById(id);
      return row && toAuthor(row);
    },
    /**
     * Changes the byline of a staff account (their own profile), inside the caller's
     * `events.withTransaction`; returns how many bylines changed (0 or 1).
     */
    async updateForUser(
      userId: string,
      change: BylineChange,
      trx: Kysely<AuthorsTables & EventsTables>,
    ): Promise<number> {
      const authorsTrx = narrow(trx).to<AuthorsTables>();
      const row = await repository.findByUserId(userId, authorsTrx);
      if (!row) return 0;
      const set = { ...profileColumns(change), updated_at: deps.clock.now().toISOString() };
      await repository.update(row.id, set, authorsTrx);
      await recordIn(trx, 'author.updated', row);
      return 1;
    },
    async byUserId(userId: string): Promise<Author | undefined> {
      const row = await repository.findByUserId(userId);
      return row && toAuthor(row);
    },
    async byIds(ids: readonly string[]): Promise<Author[]> {
      return (await repository.findByIds(ids)).map(toAuthor);
    },
    /** Deletes bylines; one still on a post cannot go (the database refuses), so remove its posts first. */
    async deleteMany(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      try {
        return await deps.events.withTransaction(deps.db, async (trx) => {
          const gone = await repository.deleteMany(ids, narrow(trx).to<AuthorsTables>());
          for (const author of gone) await recordIn(trx, 'author.deleted', author);
          return gone.length;
        });
      } catch (error) {
        if (isForeignKeyViolation(error))
          throw conflict('An author still has stories; reassign or delete them first');
        throw error;
      }
    },
    async list(): Promise<Author[]> {
      return (await repository.list()).map(toAuthor);
    },
  };
}

export type AuthorsService = ReturnType<typeof createAuthorsService>;
