// The drive form's values (text as typed, times as wall-clock date-times in the newsroom's zone)
// and the checks and conversions that turn them into the API's body.
import type { Campaign } from '../../types.js';
import { campaignInputSchema } from '@shared/contracts/campaigns.js';
import { fromZonedInput, toZonedInput } from '@shared/zoned-time.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import type { DriveInput, DriveMetric, DrivePlacement } from './types.js';

export const metrics: { value: DriveMetric; label: string }[] = [
  { value: 'paying_members', label: 'Paying members' },
  { value: 'new_paying_members', label: 'New paying members since the start' },
  { value: 'all_members', label: 'All members, free ones included' },
];

export const placements: { value: DrivePlacement; label: string }[] = [
  { value: 'banner', label: 'Banner on every page' },
  { value: 'home', label: 'Home page' },
  { value: 'story_end', label: 'End of each story' },
];

export interface DriveFormValues {
  name: string;
  headline: string;
  body: string;
  goal: string;
  metric: DriveMetric;
  /** `YYYY-MM-DDTHH:mm` in the newsroom's time zone (a datetime-local input's value). */
  startsAt: string;
  endsAt: string;
  buttons: { label: string; url: string }[];
  placements: DrivePlacement[];
  texts: { running: string; reached: string; ended: string };
}

/** An instant as a datetime-local value in the newsroom's zone. */
export function toLocalInput(iso: string | Date, timeZone: string): string {
  return toZonedInput(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
}

/** A datetime-local value, read in the newsroom's zone, as an ISO instant; undefined if not a time. */
export function fromLocalInput(value: string, timeZone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  return fromZonedInput(value.slice(0, 16), timeZone)?.toISOString();
}

/** A new drive starts now (to the minute, so it is running at once) and runs 30 days. */
export function valuesOf(
  drive: Campaign | null,
  timeZone: string,
  now = new Date(),
): DriveFormValues {
  if (drive)
    return {
      name: drive.name,
      headline: drive.headline,
      body: drive.body,
      goal: String(drive.goal),
      metric: drive.metric,
      startsAt: toLocalInput(drive.startsAt, timeZone),
      endsAt: toLocalInput(drive.endsAt, timeZone),
      buttons: drive.buttons.map((b) => ({ ...b })),
      placements: [...drive.placements],
      texts: { ...drive.texts },
    };
  // The end: 23:59 on the newsroom's calendar day thirty days from now.
  const endDay = toLocalInput(new Date(now.getTime() + 30 * 24 * 3600_000), timeZone).slice(0, 10);
  return {
    name: '',
    headline: '',
    body: '',
    goal: '',
    metric: 'paying_members',
    startsAt: toLocalInput(now, timeZone),
    endsAt: `${endDay}T23:59`,
    buttons: [
      { label: 'Become a member', url: '/membership/' },
      { label: 'Gift membership', url: '/membership/gift/' },
    ],
    placements: ['banner'],
    texts: { running: '', reached: '', ended: '' },
  };
}

/** The goal as typed, as a number for the API's schema to judge (not a whole number: NaN). */
const typedGoal = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The goal for the banner preview when it is one the API would take; undefined otherwise. */
export function goalOf(text: string): number | undefined {
  const goal = campaignInputSchema.shape.goal.safeParse(typedGoal(text));
  return goal.success ? goal.data : undefined;
}

/** The form's words for the schema's problems; an ICU text the API cannot render keeps its words. */
const wording = (field: string, issue: { code: string; message: string }): string | undefined => {
  if (field.endsWith('.label')) return 'Write the button’s text.';
  if (field.endsWith('.url')) return 'Use a site path such as /membership/ or an http(s) address.';
  if (field === 'endsAt' && issue.code === 'custom') return 'The end must be after the start.';
  if (issue.code === 'custom') return issue.message;
  return {
    name: 'Give the drive a name.',
    headline: 'Write a headline for the banner.',
    goal: 'Enter a whole number of at least 1.',
    startsAt: 'Choose when the drive starts.',
    endsAt: 'Choose when the drive ends.',
  }[field];
};

/** The API body, or what is wrong (by the API's field names), checked with the API's own schema. */
export function bodyOf(
  values: DriveFormValues,
  timeZone: string,
): { body: DriveInput } | { problems: Record<string, string> } {
  const body = {
    name: values.name.trim(),
    headline: values.headline.trim(),
    body: values.body.trim(),
    goal: typedGoal(values.goal),
    metric: values.metric,
    startsAt: fromLocalInput(values.startsAt, timeZone) ?? '',
    endsAt: fromLocalInput(values.endsAt, timeZone) ?? '',
    buttons: values.buttons.map((b) => ({ label: b.label.trim(), url: b.url.trim() })),
    placements: values.placements,
    texts: values.texts,
  };
  const problems = checkWithSchema(campaignInputSchema, body, wording);
  const found = Object.entries(problems).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return found.length > 0 ? { problems: Object.fromEntries(found) } : { body };
}

/** The form's fields in screen order, by the API's names, for focusing the first problem. */
export const fieldOrder = (values: DriveFormValues): string[] => [
  'name',
  'headline',
  'body',
  'goal',
  'metric',
  'startsAt',
  'endsAt',
  ...values.buttons.flatMap((_, i) => [`buttons.${i}.label`, `buttons.${i}.url`]),
  'buttons',
  'placements',
  'texts.running',
  'texts.reached',
  'texts.ended',
];

/** The element id of a field: `drive-buttons-0-url` for `buttons.0.url`. */
export const idOf = (field: string): string => `drive-${field.replace(/\./g, '-')}`;
