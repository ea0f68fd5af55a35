import type { z } from 'zod';
import { validationError } from '../platform/errors.js';

/**
 * Parses request input with a Zod schema; failures become a 400 naming every bad field.
 * `where` prefixes nothing for bodies and names the parameter for query strings.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (unknownKeys.length > 0) {
        return {
          field: [path, unknownKeys[0]].filter(Boolean).join('.'),
          message: `unknown field${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.join(', ')}`,
        };
      }
      return { field: path || 'body', message: issue.message };
    }),
  );
}
