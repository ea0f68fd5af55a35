import { tokenCreateSchema } from '@shared/contracts/tokens.js';
import type { In } from '../../types.js';
import { checkWithSchema } from '../../ui/schema-check.js';

export type TokenCreate = In<typeof tokenCreateSchema>;
export type Kind = NonNullable<TokenCreate['kind']>;
export type Role = NonNullable<TokenCreate['role']>;

/** How long a token lives: presets in days, none, or a time the person picks. */
export const lifetimes = [
  { value: 'never', text: 'Never' },
  { value: '7', text: 'In 7 days' },
  { value: '30', text: 'In 30 days' },
  { value: '90', text: 'In 90 days' },
  { value: '365', text: 'In a year' },
  { value: 'at', text: 'At a time I choose' },
] as const;
export type Lifetime = (typeof lifetimes)[number]['value'];
const dayMs = 86_400_000;

/** What the token form holds. */
export interface TokenFormValues {
  name: string;
  kind: Kind;
  role: Role;
  lifetime: Lifetime;
  /** The picked time, as a `datetime-local` value in the newsroom's zone. */
  expiresInput: string;
}

/**
 * The request as the API takes it. A picked time that is not one is sent as '' for the schema
 * to refuse (checkTokenBody), so the form and the API refuse the same things.
 */
export function tokenBodyOf(
  values: TokenFormValues,
  time: { fromInput: (value: string) => string | null; now: number },
): TokenCreate {
  const { lifetime } = values;
  const expiresAt =
    lifetime === 'never'
      ? undefined
      : lifetime === 'at'
        ? (time.fromInput(values.expiresInput) ?? '')
        : new Date(time.now + Number(lifetime) * dayMs).toISOString();
  return {
    name: values.name.trim(),
    kind: values.kind,
    ...(values.kind === 'admin' ? { role: values.role } : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

/** Checks before sending with the API's own schema (the API checks again), in the form's words. */
export function checkTokenBody(body: TokenCreate): Partial<Record<string, string>> {
  const found = checkWithSchema(tokenCreateSchema, body, {
    expiresAt: 'Choose the date and time the token stops working.',
  });
  // An empty name has its own words; other problems with it keep the schema's.
  if (!body.name) found.name = 'Name the token after the app or person that will use it.';
  return found;
}
