/**
 * A byte range as a client asks for it (HTTP `Range: bytes=…`): from `start` to `end`
 * (inclusive; open-ended without it), or the last `suffix` bytes.
 */
export type ByteRangeRequest = { start: number; end?: number } | { suffix: number };

/** A range resolved against a file's size: both ends inclusive and inside the file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The part of a `size`-byte file a request covers, or undefined when it covers none of it
 * (HTTP 416). An end past the file is cut to its last byte, as RFC 9110 says.
 */
export function resolveByteRange(request: ByteRangeRequest, size: number): ByteRange | undefined {
  if ('suffix' in request) {
    if (request.suffix <= 0 || size === 0) return undefined;
    return { start: Math.max(0, size - request.suffix), end: size - 1 };
  }
  if (request.start >= size) return undefined;
  const end = Math.min(request.end ?? size - 1, size - 1);
  return end < request.start ? undefined : { start: request.start, end };
}
