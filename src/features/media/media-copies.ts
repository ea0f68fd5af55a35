import { notFound } from '../../platform/errors.js';
import { isStorageError, type Storage } from '../../platform/storage/index.js';
import { renderVariant } from './image-processing.js';
import { variantMime } from './media-file.js';
import {
  availableWidths,
  variantKey,
  variantsOf,
  variantWidths,
  type VariantFormat,
} from './media-item.js';
import type { createMediaRepository } from './media.repository.js';

/** Items read at a time by `fillVariants`. */
const fillPageSize = 200;

/**
 * The resized copies of media items (`variants/<id>/w<width>.<format>` in storage): made on
 * request when the app serves media, or all at once for items that lack them.
 */
export function createResizedCopies(deps: {
  repository: Pick<ReturnType<typeof createMediaRepository>, 'findFile' | 'filesAfter'>;
  storage: Storage;
}) {
  const { repository, storage } = deps;
  const inFlight = new Map<string, Promise<Buffer>>();

  /**
   * A resized copy, made on first request and stored; concurrent requests for the same copy
   * share one render.
   */
  async function variant(
    id: string,
    width: number,
    format: VariantFormat,
  ): Promise<Buffer | undefined> {
    if (!(variantWidths as readonly number[]).includes(width)) return undefined;
    const row = await repository.findFile(id);
    if (!row || !availableWidths(row.width).includes(width)) return undefined;
    const key = variantKey(id, width, format);
    const stored = await storage.get(key);
    if (stored) return stored;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = (async () => {
        const original = await storage.get(row.storage_key);
        if (!original) throw notFound('Media file');
        const bytes = await renderVariant(original, width, format);
        try {
          await storage.put(key, bytes, variantMime(format));
        } catch (error) {
          // A full or read-only disk must not take images off reader pages: the copy is
          // served, just not kept (made again next time); /readyz reports the storage.
          if (!isStorageError(error)) throw error;
        }
        return bytes;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  /**
   * Makes every resized copy missing from storage, item by item in id order. Pages on a public
   * base (MEDIA_PUBLIC_URL) link copies that nothing can make on request, so media uploaded while
   * the app served its own files need theirs made once. Safe to repeat: copies already stored are
   * skipped. An item whose original is missing or unreadable is counted as failed, not fatal.
   */
  async function fillVariants(
    options: { onProgress?: (done: number) => void; signal?: AbortSignal } = {},
  ): Promise<{
    items: number;
    made: number;
    failed: { id: string; error: unknown }[];
    complete: boolean;
  }> {
    const report = {
      items: 0,
      made: 0,
      failed: [] as { id: string; error: unknown }[],
      complete: false,
    };
    let after: string | undefined;
    for (;;) {
      const rows = await repository.filesAfter(after, fillPageSize);
      if (rows.length === 0) return { ...report, complete: true };
      for (const row of rows) {
        // Stopped between items (a server shutting down): what is made is kept.
        if (options.signal?.aborted) return report;
        try {
          let original: Buffer | undefined;
          for (const copy of variantsOf(row.width)) {
            const key = variantKey(row.id, copy.width, copy.format);
            if (await storage.exists(key)) continue;
            original ??= await storage.get(row.storage_key);
            if (!original) throw notFound('Media file');
            const bytes = await renderVariant(original, copy.width, copy.format);
            await storage.put(key, bytes, variantMime(copy.format));
            report.made += 1;
          }
        } catch (error) {
          report.failed.push({ id: row.id, error });
        }
        report.items += 1;
        options.onProgress?.(report.items);
      }
      after = rows.at(-1)!.id;
    }
  }

  return { variant, fillVariants };
}
