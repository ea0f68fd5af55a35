import { Readable } from 'node:stream';
import {
  resolveByteRange,
  type ByteRange,
  type ByteRangeRequest,
  type Storage,
} from '../../platform/storage/index.js';
import type { VariantFormat } from './media-item.js';

/**
 * A stored file opened for an HTTP answer: `body` holds the whole file or `range` of it; a
 * null body means the range asked for lies outside the file (416).
 */
export interface MediaFile {
  mime: string;
  size: number;
  body: Readable | null;
  range?: ByteRange;
}

export const variantMime = (format: VariantFormat) =>
  format === 'webp' ? 'image/webp' : 'image/jpeg';

/** Bytes already in memory (a copy just made) answered like a stored file. */
export function fileOfBuffer(bytes: Buffer, mime: string, request?: ByteRangeRequest): MediaFile {
  if (!request) return { mime, size: bytes.length, body: Readable.from([bytes]) };
  const range = resolveByteRange(request, bytes.length);
  if (!range) return { mime, size: bytes.length, body: null };
  return {
    mime,
    size: bytes.length,
    body: Readable.from([bytes.subarray(range.start, range.end + 1)]),
    range,
  };
}

/** A stored file opened for an answer; a range is resolved against its size first. */
export async function openStoredFile(
  storage: Storage,
  key: string,
  mime: string,
  request: ByteRangeRequest | undefined,
): Promise<MediaFile | undefined> {
  if (!request) {
    const file = await storage.read(key);
    return file && { mime, size: file.size, body: file.body };
  }
  const found = await storage.stat(key);
  if (!found) return undefined;
  const range = resolveByteRange(request, found.size);
  if (!range) return { mime, size: found.size, body: null };
  const file = await storage.read(key, range);
  return file && { mime, size: file.size, body: file.body, range };
}
