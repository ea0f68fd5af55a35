import { z } from 'zod';
import type { ImportProblem } from '../../shared/contracts/member-admin.js';
import { memberEmailSchema, type Member } from './member.js';

/** Ghost-compatible member CSV columns, in the order an export writes them. */
export const memberCsvColumns = [
  'email',
  'name',
  'note',
  'subscribed_to_emails',
  'complimentary_plan',
  'stripe_customer_id',
  'created_at',
  'labels',
  'newsletters',
] as const;

/** A member as an import row describes them, validated. */
export interface ImportedMember {
  row: number;
  email: string;
  name: string;
  note: string;
  subscribedToEmails: boolean;
  isComplimentary: boolean;
  stripeCustomerId: string | null;
  createdAt: string | null;
  labels: string[];
  /**
   * The newsletter slugs of a non-empty `newsletters` cell (known slugs, lower case, each once);
   * undefined when the cell is empty or the column absent (or no lists are wired in).
   */
  newsletters: string[] | undefined;
  /**
   * What the row sets on a member who already exists (update and upsert modes): only the columns
   * the file has, and a newsletter cell left empty changes nothing. Status, Stripe customer and
   * join date belong to payments and history, so an import never changes them.
   */
  changes: MemberChanges;
}

/**
 * One member's newsletters as an import row sets them. A new member goes on exactly `slugs`
 * when the row names some, else on the default lists when `subscribedToEmails` is true (an
 * empty cell or no column: Ghost's default), else on none. An existing member is put on exactly
 * `slugs` (off their other lists), or off every list on an explicit `false`. An explicit `false`
 * wins over a `newsletters` cell in the same row: a row that says "no email" is never mailed.
 */
export interface ImportedSubscriptions {
  memberId: string;
  slugs: string[] | undefined;
  subscribedToEmails: boolean | undefined;
  isNew: boolean;
  /** Paid (or complimentary) access: which default lists the member may join. */
  hasPaidAccess: boolean;
}

export interface MemberChanges {
  name?: string;
  note?: string;
  subscribedToEmails?: boolean;
  labels?: string[];
}

const truthy = new Set(['true', '1', 'yes', 'y']);
const falsy = new Set(['false', '0', 'no', 'n']);

function parseBoolean(value: string, fallback: boolean): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  return undefined;
}

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * One CSV row to an ImportedMember, or the problems with it (each naming its column). Ghost
 * exports are accepted as they are: extra columns are ignored, labels are comma-separated.
 * `knownSlugs` are every newsletter's slugs (archived ones too, so an export imports back);
 * without them the `newsletters` column is ignored like any other extra column.
 */
export function validateImportRow(
  row: number,
  values: Record<string, string>,
  context: { knownSlugs?: ReadonlySet<string> | undefined } = {},
): { member: ImportedMember; problems?: undefined } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ row, field, message });
  const email = memberEmailSchema.safeParse(values.email ?? '');
  if (!email.success)
    problem(
      'email',
      (values.email ?? '').trim() === '' ? 'is required' : 'must be an email address',
    );
  const name = (values.name ?? '').trim();
  if (name.length > 120) problem('name', 'must be at most 120 characters');
  const note = values.note ?? '';
  if (note.length > 2000) problem('note', 'must be at most 2000 characters');
  const subscribed = parseBoolean(values.subscribed_to_emails ?? '', true);
  if (subscribed === undefined) problem('subscribed_to_emails', 'must be true or false');
  const comp = parseBoolean(values.complimentary_plan ?? '', false);
  if (comp === undefined) problem('complimentary_plan', 'must be true or false');
  const stripe = (values.stripe_customer_id ?? '').trim();
  if (stripe !== '' && !/^cus_[A-Za-z0-9]{1,250}$/.test(stripe))
    problem('stripe_customer_id', 'must be a Stripe customer id (cus_…)');
  const createdRaw = (values.created_at ?? '').trim();
  let createdAt: string | null = null;
  if (createdRaw !== '') {
    // Ghost writes "2024-01-31T10:00:00.000Z"; spreadsheets often "2024-01-31 10:00:00".
    const normalised = createdRaw.replace(' ', 'T');
    const withZone = /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(normalised) ? `${normalised}Z` : normalised;
    if (!isoDate.safeParse(withZone).success || Number.isNaN(Date.parse(withZone)))
      problem('created_at', 'must be an ISO 8601 date');
    else createdAt = new Date(withZone).toISOString();
  }
  const labels = [
    ...new Set(
      (values.labels ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
  if (labels.some((l) => l.length > 100))
    problem('labels', 'each label must be at most 100 characters');
  if (labels.length > 50) problem('labels', 'at most 50 labels');
  let newsletters: string[] | undefined;
  if (context.knownSlugs) {
    const slugs = [
      ...new Set(
        (values.newsletters ?? '')
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s !== ''),
      ),
    ];
    const unknown = slugs.filter((s) => !context.knownSlugs!.has(s));
    if (unknown.length > 0)
      problem(
        'newsletters',
        `${unknown.map((s) => `"${s}"`).join(', ')} ${unknown.length === 1 ? 'is not a newsletter' : 'are not newsletters'}`,
      );
    else if (slugs.length > 0) newsletters = slugs;
  }
  if (problems.length > 0 || !email.success) return { problems };
  const has = (column: string) => Object.hasOwn(values, column);
  const changes: MemberChanges = {
    ...(has('name') ? { name } : {}),
    ...(has('note') ? { note } : {}),
    ...((values.subscribed_to_emails ?? '').trim() !== ''
      ? { subscribedToEmails: subscribed ?? true }
      : {}),
    ...(has('labels') ? { labels } : {}),
  };
  return {
    member: {
      row,
      email: email.data,
      name,
      note,
      subscribedToEmails: subscribed ?? true,
      isComplimentary: comp ?? false,
      stripeCustomerId: stripe === '' ? null : stripe,
      createdAt,
      labels,
      newsletters,
      changes,
    },
  };
}

/**
 * A member as an export row, in memberCsvColumns order. `newsletters` are the slugs of the lists
 * the member is on: `subscribed_to_emails` is then "on any list" (without them, when no lists are
 * wired in, the member's own flag and an empty `newsletters` cell).
 */
export function memberCsvRecord(member: Member, newsletters?: readonly string[]): string[] {
  const isSubscribed = newsletters ? newsletters.length > 0 : member.subscribedToEmails;
  return [
    member.email,
    member.name,
    member.note,
    isSubscribed ? 'true' : 'false',
    member.status === 'comped' ? 'true' : 'false',
    member.stripeCustomerId ?? '',
    member.createdAt,
    member.labels.join(', '),
    (newsletters ?? []).join(', '),
  ];
}
