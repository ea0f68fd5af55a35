import type { z } from 'zod';
import { validationError, zodValidationError, type ProblemNaming } from './errors.js';

/**
 * The one parse every front door uses (HTTP routes, reader forms, CLI commands, jobs): a value
 * from outside becomes the schema's output type, or a 400 VALIDATION_FAILED naming every bad
 * field. Services take the parsed types and never parse again.
 *
 * A missing value parses as `{}` (an absent body or query). An issue about the whole value is
 * named `body` unless `naming` says otherwise (`prefix` goes before every field, e.g.
 * `data.object` for a Stripe event's object). Strings holding NUL are refused first, on both
 * databases alike: PostgreSQL cannot store one in text, and no legitimate input needs it.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  naming: ProblemNaming = { rootField: 'body' },
): z.output<S> {
  const nul = findNul(value, '');
  if (nul !== undefined) {
    const field = [naming.prefix ?? '', nul || (naming.rootField ?? '')].filter(Boolean).join('.');
    throw validationError([{ field: field || 'body', message: 'must not contain NUL characters' }]);
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw zodValidationError(result.error, naming);
}

/** The path of the first string (or key) holding a NUL character. */
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
