// The newsletter form's text values, and the API body they become, checked with the API's own
// schema (newsletterCreateSchema) before sending, so the form refuses what the API would.
import { newsletterCreateSchema } from '@shared/contracts/newsletters.js';
import type { BodyOf } from '../../api.js';
import type { Newsletter, NewsletterAudience } from '../../types.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';

export interface NewsletterFormValues {
  name: string;
  slug: string;
  description: string;
  cadence: string;
  /** `HH:MM` for a daily digest; empty when stories are sent one by one. */
  digestTime: string;
  senderName: string;
  replyTo: string;
  audience: NewsletterAudience;
  subscribeOnSignup: boolean;
  sortOrder: string;
  headerImageUrl: string;
  showSiteName: boolean;
  footerText: string;
  /** A daily list's line above its next digest; used up when that digest is made. */
  nextDigestIntro: string;
}

/** The fields the form shows, in its order (focus goes to the first with a problem). */
export const newsletterFields = [
  'name',
  'slug',
  'description',
  'cadence',
  'digestTime',
  'senderName',
  'replyTo',
  'audience',
  'subscribeOnSignup',
  'sortOrder',
  'design.headerImageUrl',
  'design.showSiteName',
  'design.footerText',
  'nextDigestIntro',
] as const;
export type NewsletterField = (typeof newsletterFields)[number];

export type NewsletterBody = BodyOf<'post', '/newsletters'>;

export function valuesOf(newsletter: Newsletter | null, nextOrder: number): NewsletterFormValues {
  return {
    name: newsletter?.name ?? '',
    slug: newsletter?.slug ?? '',
    description: newsletter?.description ?? '',
    cadence: newsletter?.cadence ?? '',
    digestTime: newsletter?.digestTime ?? '',
    senderName: newsletter?.senderName ?? '',
    replyTo: newsletter?.replyTo ?? '',
    audience: newsletter?.audience ?? 'all',
    subscribeOnSignup: newsletter?.subscribeOnSignup ?? false,
    sortOrder: String(newsletter?.sortOrder ?? nextOrder),
    headerImageUrl: newsletter?.design.headerImageUrl ?? '',
    showSiteName: newsletter?.design.showSiteName ?? true,
    footerText: newsletter?.design.footerText ?? '',
    nextDigestIntro: newsletter?.nextDigestIntro ?? '',
  };
}

/**
 * The body for POST /newsletters (PATCH takes the same), or the problems found before sending.
 * Empty optional text is null (sender, reply-to, digest time) or left out (slug, header image),
 * as the API reads "not set".
 */
export function bodyOf(
  values: NewsletterFormValues,
): { body: NewsletterBody } | { problems: FormErrors } {
  const text = (value: string) => value.trim();
  const orNull = (value: string) => text(value) || null;
  const order = text(values.sortOrder);
  const headerImageUrl = text(values.headerImageUrl);
  const body = {
    name: text(values.name),
    ...(text(values.slug) ? { slug: text(values.slug) } : {}),
    description: text(values.description),
    cadence: text(values.cadence),
    digestTime: orNull(values.digestTime),
    senderName: orNull(values.senderName),
    replyTo: orNull(values.replyTo),
    audience: values.audience,
    subscribeOnSignup: values.subscribeOnSignup,
    sortOrder: /^\d+$/.test(order) ? Number(order) : Number.NaN,
    design: {
      ...(headerImageUrl ? { headerImageUrl } : {}),
      showSiteName: values.showSiteName,
      footerText: text(values.footerText),
    },
    ...(text(values.digestTime) ? { nextDigestIntro: orNull(values.nextDigestIntro) } : {}),
  };
  const found = checkWithSchema(newsletterCreateSchema, body, {
    digestTime: 'Use a time of day such as 07:00, or leave it empty to send story by story.',
    replyTo: 'Use an email address, such as letters@newsroom.example.',
    sortOrder: 'Use a whole number from 0 to 1000.',
    'design.headerImageUrl': 'Use a web address starting with https://.',
  });
  if (!body.name) found.name = 'Give the newsletter a name.';
  const problems = problemsOnFields(found, newsletterFields);
  if (Object.keys(problems.fields).length > 0 || problems.general.length > 0) return { problems };
  return { body };
}

/** "Everyone", "Free members", "Paying members": who may be on the list. */
export const audienceLabel: Record<NewsletterAudience, string> = {
  all: 'All members',
  free: 'Free members only',
  paid: 'Paying members only',
};
