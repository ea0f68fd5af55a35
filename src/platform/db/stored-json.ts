import type { z } from 'zod';

/**
 * A JSON text column read back, parsed with its schema rather than cast: give the schema
 * defaults (or `.catch`) so rows written by older versions, or edited by hand, still read.
 * Text that is not JSON reaches the schema as undefined, so its fallback applies too.
 */
export function parseStoredJson<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  return schema.parse(value);
}
