import type { ByteRangeRequest } from '../platform/storage/index.js';

/**
 * The one byte range of a `Range: bytes=…` header, or undefined for anything else: no header,
 * another unit, several ranges, or a malformed one. RFC 9110 lets a server ignore a Range it
 * does not serve, answering 200 with the whole file, which every client understands.
 */
export function parseRangeHeader(value: string | undefined): ByteRangeRequest | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  // 16 digits is past any file we hold; longer numbers would lose precision.
  if (from.length > 15 || to.length > 15) return undefined;
  if (from === '') return { suffix: Number(to) };
  return to === '' ? { start: Number(from) } : { start: Number(from), end: Number(to) };
}
