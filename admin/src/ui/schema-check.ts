// Client checks from the server's own schema: a form builds its request body and parses it with
// the shared Zod schema of that payload (src/shared/contracts), so what the form refuses before
// sending is exactly what the API would answer 400 for; the two cannot drift apart.
import type { z } from 'zod';
import { sentence } from './form-errors.js';

/**
 * The schema's problems with `body`, one message per field, keyed by the API's field path
 * (`name`, `buttons.0.url`) as the server's 400 names them. `messages` words a field's problem
 * for people (by its path or its top-level field); otherwise the schema's message is used.
 */
export function checkWithSchema(
  schema: z.ZodType,
  body: unknown,
  messages: Partial<Record<string, string>> = {},
): Partial<Record<string, string>> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const found: Partial<Record<string, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const top = field.split('.')[0] ?? field;
    found[field] ??= messages[field] ?? messages[top] ?? sentence(issue.message);
  }
  return found;
}
