import { createHash } from 'node:crypto';
import type { WarningLog } from '../../platform/logger.js';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import type { Page } from '../../platform/pagination.js';
import { type ByteRangeRequest, type Storage } from '../../platform/storage/index.js';
import type { MediaListQuery } from '../../shared/contracts/media.js';
import type { EventsService, EventsTables } from '../events/index.js';
import { normaliseImage, renderVariant } from './image-processing.js';
import { extensionOf, mimeOf, sniffImageType } from './image-type.js';
import {
  availableWidths,
  limits,
  originalKey,
  originalUrl,
  variantKey,
  variantsOf,
  type MediaItem,
  type MediaMeta,
  type VariantFormat,
} from './media-item.js';
import { fileOfBuffer, openStoredFile, variantMime, type MediaFile } from './media-file.js';
import { createResizedCopies } from './media-copies.js';
import { createMediaRepository } from './media.repository.js';
import type { MediaTable, MediaTables } from './media.table.js';

/** A client's file name, kept for search only: control characters dropped, 200 characters at most. */
// eslint-disable-next-line no-control-regex
const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);

/** A temporary file this old is a leftover of a crash, not a write in flight. */
const staleTemporaryFileMs = 60 * 60 * 1000;

const extOfMime = (mime: string) => mime.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';

const toMediaItem = (row: Selectable<MediaTable>, publicBase: string | null): MediaItem => ({
  id: row.id,
  mime: row.mime,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  alt: row.alt,
  caption: row.caption,
  credit: row.credit,
  focalPoint: { x: row.focal_x, y: row.focal_y },
  originalName: row.original_name,
  createdAt: row.created_at,
  url: originalUrl(
    { id: row.id, storageKey: row.storage_key, ext: extOfMime(row.mime) },
    publicBase,
  ),
  widths: availableWidths(row.width),
  publicBase,
});

export function createMediaService(deps: {
  db: Kysely<MediaTables & EventsTables>;
  clock: Clock;
  storage: Storage;
  /** Changes and deletions record `media.*` events: the page cache drops pages that showed them. */
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  /** Hears about files a deletion could not remove (the item itself is gone). */
  logger?: WarningLog;
  /**
   * MEDIA_PUBLIC_URL: pages link files there by storage key. Nothing can make a resized copy on
   * request there, so every copy is made at upload.
   */
  publicBase?: string | undefined;
}) {
  const repository = createMediaRepository(narrow(deps.db).to<MediaTables>());
  const { storage } = deps;
  const publicBase = deps.publicBase ?? null;
  const itemOf = (row: Selectable<MediaTable>) => toMediaItem(row, publicBase);
  const { variant, fillVariants } = createResizedCopies({ repository, storage });

  async function byId(id: string): Promise<MediaItem | undefined> {
    const row = await repository.findById(id);
    return row && itemOf(row);
  }

  /** Deletes items and their files; posts and profiles that used them lose the image (set null). */
  async function deleteMany(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await deps.events.withTransaction(deps.db, async (trx) => {
      const gone = await repository.deleteMany(ids, narrow(trx).to<MediaTables>());
      for (const row of gone)
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type: 'media.deleted',
          subjectId: row.id,
          payload: {},
          actor: 'staff',
        });
      return gone;
    });
    // The items are gone once their rows are: a file that cannot be removed now (a full or
    // read-only disk) is left for the operator, logged, rather than failing a deletion that
    // already happened (a retry would only find 404).
    for (const row of rows) {
      const keys = [
        row.storage_key,
        ...variantsOf(row.width).map((v) => variantKey(row.id, v.width, v.format)),
      ];
      for (const key of keys) {
        try {
          await storage.delete(key);
        } catch (error) {
          deps.logger?.warn(
            { err: error, mediaId: row.id, key },
            'a deleted media item left a file that could not be removed',
          );
        }
      }
    }
    return rows.length;
  }

  return {
    byId,
    fillVariants,
    /** How many media items there are (for a progress bar). */
    count: () => repository.count(),

    /** Throws (a StorageError when full or read-only) unless media storage takes writes now. */
    checkStorage: () => storage.check(),

    /**
     * Removes temporary files that writes interrupted by a crash left in media storage, older
     * than an hour (younger ones may be writes in flight); returns how many. Run at start.
     */
    removeStaleTemporaryFiles: () =>
      storage.removeStaleTemporaryFiles({
        olderThan: new Date(deps.clock.now().getTime() - staleTemporaryFileMs),
      }),

    async byIds(ids: readonly string[]): Promise<MediaItem[]> {
      return (await repository.findByIds(ids)).map(itemOf);
    },

    /**
     * Stores an uploaded image. The type comes from the bytes; identical uploads (same bytes)
     * return the existing item instead of a copy.
     */
    async upload(input: {
      bytes: Buffer;
      originalName?: string;
      uploadedBy?: string | null;
      /** Parsed with `mediaUpdateSchema` at the front door. */
      meta?: MediaMeta;
    }) {
      const meta = input.meta ?? {};
      if (input.bytes.length === 0)
        throw validationError([{ field: 'file', message: 'file is empty' }]);
      if (input.bytes.length > limits.maxBytes) {
        throw new AppError({
          code: 'FILE_TOO_LARGE',
          status: 413,
          message: `file is larger than ${limits.maxBytes / 1024 / 1024} MB`,
          problems: [{ field: 'file', message: 'too large' }],
        });
      }
      const type = sniffImageType(input.bytes);
      if (type === 'svg') {
        throw validationError([
          {
            field: 'file',
            message: 'SVG images are not accepted; upload PNG, JPEG, WebP, AVIF or GIF',
          },
        ]);
      }
      if (!type) {
        throw new AppError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          status: 415,
          message: 'file is not a JPEG, PNG, WebP, AVIF or GIF image',
          problems: [{ field: 'file', message: 'unsupported file type' }],
        });
      }
      const hash = createHash('sha256').update(input.bytes).digest('hex');
      const existing = await repository.findByHash(hash);
      if (existing) return { media: itemOf(existing), isDuplicate: true };

      const image = await normaliseImage(input.bytes, type);
      const id = newId();
      const at = deps.clock.now();
      const key = originalKey(id, extensionOf[type], at);
      // All or nothing: the files first (a failed put leaves no file, not even a temporary
      // one), then the row, whose failure removes the files again. Resized copies are made on
      // first request when the app serves media; on a public base, all of them now.
      await storage.put(key, image.data, mimeOf[type]);
      const copies = publicBase ? variantsOf(image.width) : [];
      const written = [key];
      const removeWritten = () =>
        Promise.all(written.map((k) => storage.delete(k).catch(() => undefined)));
      try {
        for (const copy of copies) {
          const copyKey = variantKey(id, copy.width, copy.format);
          const bytes = await renderVariant(image.data, copy.width, copy.format);
          await storage.put(copyKey, bytes, variantMime(copy.format));
          written.push(copyKey);
        }
      } catch (error) {
        await removeWritten();
        throw error;
      }
      const row = {
        id,
        hash,
        mime: mimeOf[type],
        width: image.width,
        height: image.height,
        bytes: image.data.length,
        storage_key: key,
        variants: '[]',
        alt: meta.alt ?? '',
        caption: meta.caption ?? '',
        credit: meta.credit ?? '',
        focal_x: meta.focalPoint?.x ?? 0.5,
        focal_y: meta.focalPoint?.y ?? 0.5,
        original_name: cleanName(input.originalName ?? ''),
        uploaded_by: input.uploadedBy ?? null,
        created_at: at.toISOString(),
      };
      try {
        await repository.insert(row);
      } catch (error) {
        // Two identical uploads at once: the loser returns the winner's row.
        const winner = await repository.findByHash(hash);
        // Best effort: the error to report is the insert's, not a second storage failure.
        await removeWritten();
        if (winner) return { media: itemOf(winner), isDuplicate: true };
        throw error;
      }
      return { media: itemOf(row), isDuplicate: false };
    },

    /** The library, newest first, optionally filtered by `q`; keyset cursor pagination. */
    async list(query: MediaListQuery): Promise<Page<MediaItem> & { limit: number }> {
      const page = await repository.list(query);
      return { items: page.items.map(itemOf), next: page.next, limit: query.limit };
    },

    /**
     * Deletes one item and its files. The database sets posts' lead image, tags' image and
     * authors' avatar to null (foreign keys ON DELETE SET NULL) without touching those rows'
     * versions. Figures inside article bodies keep their src and lose their resized copies, so
     * they point at a missing file: replace them before deleting an image that is in use.
     */
    async remove(id: string): Promise<void> {
      if ((await deleteMany([id])) === 0) throw notFound('Media');
    },

    deleteMany,

    async updateMeta(id: string, p: MediaMeta): Promise<MediaItem> {
      if (Object.keys(p).length === 0) {
        const unchanged = await byId(id);
        if (!unchanged) throw notFound('Media');
        return unchanged;
      }
      await deps.events.withTransaction(deps.db, async (trx) => {
        const isFound = await repository.updateMeta(
          id,
          {
            ...(p.alt !== undefined ? { alt: p.alt } : {}),
            ...(p.caption !== undefined ? { caption: p.caption } : {}),
            ...(p.credit !== undefined ? { credit: p.credit } : {}),
            ...(p.focalPoint ? { focal_x: p.focalPoint.x, focal_y: p.focalPoint.y } : {}),
          },
          narrow(trx).to<MediaTables>(),
        );
        if (!isFound) throw notFound('Media');
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type: 'media.updated',
          subjectId: id,
          payload: {},
          actor: 'staff',
        });
      });
      const item = await byId(id);
      if (!item) throw notFound('Media');
      return item;
    },

    /**
     * The original as a stream, whole or the range asked for (`Range` requests from audio
     * players and resumed downloads); undefined when there is no such item or file.
     */
    async openOriginal(id: string, range?: ByteRangeRequest): Promise<MediaFile | undefined> {
      const row = await repository.findFile(id);
      return row && openStoredFile(storage, row.storage_key, row.mime, range);
    },

    /** A resized copy as a stream (made first if it is not stored yet); see openOriginal. */
    async openVariant(
      id: string,
      width: number,
      format: VariantFormat,
      range?: ByteRangeRequest,
    ): Promise<MediaFile | undefined> {
      const row = await repository.findFile(id);
      if (!row || !availableWidths(row.width).includes(width)) return undefined;
      const stored = await openStoredFile(
        storage,
        variantKey(id, width, format),
        variantMime(format),
        range,
      );
      if (stored) return stored;
      const bytes = await variant(id, width, format);
      return bytes && fileOfBuffer(bytes, variantMime(format), range);
    },

    /** The original's bytes and type. */
    async original(id: string): Promise<{ bytes: Buffer; mime: string } | undefined> {
      const row = await repository.findFile(id);
      if (!row) return undefined;
      const bytes = await storage.get(row.storage_key);
      return bytes && { bytes, mime: row.mime };
    },

    variant,
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
