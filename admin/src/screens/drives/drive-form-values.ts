// The drive form's values (text as typed, times as wall-clock date-times in the newsroom's zone)
// and the checks and conversions that turn them into the API's body.
import type { Campaign } from '../../types.js';
import { driveMessageProblem } from '@shared/drive-message.js';
import { fromZonedInput, toZonedInput } from '@shared/zoned-time.js';
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

export const isSiteLink = (url: string): boolean =>
  /^\/(?!\/)/.test(url) || /^https?:\/\/\S+$/.test(url);

/** The goal as a number when it is a whole number from 1 up; undefined otherwise. */
export function goalOf(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const goal = Number(text);
  return goal >= 1 && goal <= 100_000_000 ? goal : undefined;
}

/** The API body, or what is wrong (by the API's field names) before sending. */
export function bodyOf(
  values: DriveFormValues,
  timeZone: string,
): { body: DriveInput } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (!values.name.trim()) problems.name = 'Give the drive a name.';
  if (!values.headline.trim()) problems.headline = 'Write a headline for the banner.';
  const goal = goalOf(values.goal);
  if (goal === undefined) problems.goal = 'Enter a whole number of at least 1.';
  const startsAt = fromLocalInput(values.startsAt, timeZone);
  const endsAt = fromLocalInput(values.endsAt, timeZone);
  if (!startsAt) problems.startsAt = 'Choose when the drive starts.';
  if (!endsAt) problems.endsAt = 'Choose when the drive ends.';
  else if (startsAt && endsAt <= startsAt) problems.endsAt = 'The end must be after the start.';
  // The texts are ICU messages; the API refuses one it cannot render, and the form shows the
  // API's words (as it shows them when the API answers).
  const messages = {
    headline: values.headline,
    body: values.body,
    'texts.running': values.texts.running,
    'texts.reached': values.texts.reached,
    'texts.ended': values.texts.ended,
  };
  for (const [field, text] of Object.entries(messages)) {
    const problem = driveMessageProblem(text.trim());
    if (problem) problems[field] ??= problem;
  }
  values.buttons.forEach((b, i) => {
    if (!b.label.trim()) problems[`buttons.${i}.label`] = 'Write the button’s text.';
    if (!isSiteLink(b.url.trim()))
      problems[`buttons.${i}.url`] = 'Use a site path such as /membership/ or an http(s) address.';
  });
  if (Object.keys(problems).length > 0 || goal === undefined || !startsAt || !endsAt)
    return { problems };
  return {
    body: {
      name: values.name.trim(),
      headline: values.headline.trim(),
      body: values.body.trim(),
      goal,
      metric: values.metric,
      startsAt,
      endsAt,
      buttons: values.buttons.map((b) => ({ label: b.label.trim(), url: b.url.trim() })),
      placements: values.placements,
      texts: values.texts,
    },
  };
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
