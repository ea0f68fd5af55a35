import type { z } from 'zod';
import { validationError, zodValidationError } from '../platform/errors.js';

/**
 * Parses request input with a Zod schema; failures become a 400 naming every bad field.
 * `where` prefixes nothing for bodies and names the parameter for query strings.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const nul = findNul(value, '');
  if (nul !== undefined)
    throw validationError([{ field: nul || 'body', message: 'must not contain NUL characters' }]);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw zodValidationError(result.error, { rootField: 'body' });
}

/**
 * The path of the first string holding a NUL character: PostgreSQL cannot store one in text,
 * and no legitimate input needs it, so it is refused at the door on both databases alike.
 */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
