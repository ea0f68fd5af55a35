// A schema check's problems (`checkWithSchema`, keyed by the API's field paths such as
// `benefits.3` or `events.0`) placed on the fields a form shows, the way `formErrorsOf` places
// the API's own 400: under the longest shown field a path equals or starts with, the rest in the
// form's alert with their field name, so none is lost.
import type { FormErrors } from './form-errors.js';

export function problemsOnFields(
  found: Partial<Record<string, string>>,
  shown: readonly string[],
): FormErrors {
  const byLength = [...shown].sort((a, b) => b.length - a.length);
  const errors: FormErrors = { fields: {}, general: [] };
  for (const [path, message] of Object.entries(found)) {
    if (!message) continue;
    const target = byLength.find((f) => path === f || path.startsWith(`${f}.`));
    if (target) errors.fields[target] ??= message;
    else errors.general.push(`${path}: ${message}`);
  }
  return errors;
}
