// An API failure split for a form: a message under each field the form shows (the API's 4xx
// answers name fields such as `email`, `links.website` or `buttons.0.url`), the rest for the
// form-level alert, plus the focus and `aria-describedby` helpers every form uses with them.
import { ApiError } from '../api.js';

/** A form's problems: messages under named fields, and the rest for the form-level alert. */
export interface FormErrors {
  fields: Partial<Record<string, string>>;
  general: string[];
}

export const noErrors: FormErrors = { fields: {}, general: [] };

export const hasErrors = (errors: FormErrors): boolean =>
  errors.general.length > 0 || Object.values(errors.fields).some(Boolean);

/** `must not be empty` → `Must not be empty.`: the API's terse messages read as sentences. */
export const sentence = (message: string): string => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/**
 * Which API fields the form shows: either the form's field names, where an API field matches
 * the longest name it equals or starts with (`buttons.0.url` goes to `buttons.0.url` if shown,
 * else to `buttons`), or a test on the API's field path, which then keys the message as is.
 */
export type ShownFields = readonly string[] | ((field: string) => boolean);

/**
 * The API's problems split onto the form's fields; a problem no field shows goes to the alert
 * with its field name, so it is never lost. `asSentences` capitalises and ends the field
 * messages (`Must not be empty.`).
 */
export function formErrorsOf(
  caught: unknown,
  shown: ShownFields,
  options: { asSentences?: boolean } = {},
): FormErrors {
  if (!(caught instanceof ApiError))
    return { fields: {}, general: [caught instanceof Error ? caught.message : String(caught)] };
  const found: FormErrors = { fields: {}, general: [] };
  const targetOf =
    typeof shown === 'function'
      ? (field: string) => (shown(field) ? field : undefined)
      : longestMatch([...shown].sort((a, b) => b.length - a.length));
  for (const item of caught.errors) {
    const target = item.field ? targetOf(item.field) : undefined;
    if (target)
      found.fields[target] ??= options.asSentences ? sentence(item.message) : item.message;
    else found.general.push(item.field ? `${item.field}: ${item.message}` : item.message);
  }
  return found;
}

const longestMatch =
  (byLength: readonly string[]) =>
  (field: string): string | undefined =>
    byLength.find((f) => field === f || field.startsWith(`${f}.`));

/** The element id of a form field: `profile` + `links.website` → `profile-links-website`. */
export const fieldId = (prefix: string, field: string): string =>
  `${prefix}-${field.replace(/\./g, '-')}`;

/** The element ids of the fields in `order` that have a problem, in that order. */
export const problemIds = (
  errors: FormErrors,
  order: readonly string[],
  idOf: (field: string) => string,
): string[] => order.filter((field) => errors.fields[field]).map(idOf);

/**
 * Moves focus to the first element with one of these ids (see `problemIds`), else to the alert,
 * after React has drawn the messages, so a keyboard or screen reader user lands on what to fix.
 */
export function focusFirstProblem(ids: readonly string[], alert: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const first = ids.map((id) => document.getElementById(id)).find((el) => el !== null);
    (first ?? alert)?.focus();
  });
}

/** `aria-describedby` from ids that may be missing (no hint, no error). */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;
