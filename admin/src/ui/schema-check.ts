// Client checks from the server's own schema: a form builds its request body and parses it with
// the shared Zod schema of that payload (src/shared/contracts), so what the form refuses before
// sending is exactly what the API would answer 400 for; the two cannot drift apart.
import type { z } from 'zod';
import { sentence } from './form-errors.js';

/**
 * Words for a field's problem: by its path or its top-level field, or a function of the path
 * and the schema's issue (undefined keeps the schema's message as a sentence).
 */
export type ProblemWording =
  | Partial<Record<string, string>>
  | ((field: string, issue: z.core.$ZodIssue) => string | undefined);

/**
 * The schema's problems with `body`, one message per field, keyed by the API's field path
 * (`name`, `buttons.0.url`) as the server's 400 names them. `messages` words a field's problem
 * for people; otherwise the schema's message is used.
 */
export function checkWithSchema(
  schema: z.ZodType,
  body: unknown,
  messages: ProblemWording = {},
): Partial<Record<string, string>> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const found: Partial<Record<string, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const top = field.split('.')[0] ?? field;
    const worded =
      typeof messages === 'function' ? messages(field, issue) : (messages[field] ?? messages[top]);
    found[field] ??= worded ?? sentence(issue.message);
  }
  return found;
}
