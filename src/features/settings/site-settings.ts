import { z } from 'zod';
import { accentContrastProblem } from '../../shared/colour-contrast.js';
import { isSafeImageSrc, isSafeLinkHref } from '../../shared/richtext/safe-urls.js';
import {
  canonicalTag,
  canonicalTimeZone,
  formattingLocaleProblem,
  pageLanguageProblem,
} from './region-values.js';

// Written into every page's links and images: only web addresses, site paths and mailto.
const linkUrl = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isSafeLinkHref, 'must be an http(s) or mailto: URL, or a site path starting with /');
const imageUrl = z
  .string()
  .trim()
  .max(500)
  .refine(isSafeImageSrc, 'must be an http(s) URL or a site path starting with /');

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a5fb4');

/** White text sits on it (buttons) and it sits on white (links): AA contrast both ways. */
const accentColour = hexColour.superRefine((colour, ctx) => {
  const problem = accentContrastProblem(colour);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An IANA zone, stored with the letter case Intl gives it. */
const timeZone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone !== undefined) return zone;
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Kyiv' });
    return z.NEVER;
  });

/** A BCP 47 tag that passes `problemOf`, stored in canonical form (`en-us` → `en-US`). */
const languageTag = (problemOf: (value: string) => string | undefined) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const problem = problemOf(value);
      if (problem === undefined) return canonicalTag(value) ?? value;
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    });

export const navigationItemSchema = z.strictObject({
  label: z.string().trim().min(1).max(40),
  url: linkUrl(300),
});

/** The newsroom's public identity and locale; stored as one JSON value per key. */
export const siteSettingsSchema = z.strictObject({
  siteName: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300),
  logoUrl: imageUrl.nullable(),
  accentColor: accentColour,
  timezone: timeZone,
  locale: languageTag(formattingLocaleProblem),
  language: languageTag(pageLanguageProblem),
  navigation: z.array(navigationItemSchema).max(12).nullable(),
  socialLinks: z.record(z.string().max(40), linkUrl(300)),
  /** The newsroom's postal address, printed in every newsletter's footer (anti-spam laws ask it). */
  postalAddress: z.string().trim().max(300),
  /**
   * Newsletter tracking (issue #13 §8), off by default: an open pixel, and links through signed
   * redirects. Counted per email; read when a send starts.
   */
  emailTrackOpens: z.boolean(),
  emailTrackClicks: z.boolean(),
  /**
   * The newsroom's opt-in to per-member tracking (off by default): with opens or clicks on, each
   * recipient's are also kept on their record (a signed token in the tracking URLs).
   */
  emailTrackMembers: z.boolean(),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
export const siteSettingsPatchSchema = siteSettingsSchema.partial();
export type SiteSettingsPatch = z.infer<typeof siteSettingsPatchSchema>;

export const defaultSiteSettings: SiteSettings = {
  siteName: 'Masthead',
  description: 'Independent journalism, funded by its readers.',
  logoUrl: null,
  accentColor: '#b3261e',
  timezone: 'UTC',
  locale: 'en-US',
  language: 'en',
  navigation: null,
  socialLinks: {},
  postalAddress: '',
  emailTrackOpens: false,
  emailTrackClicks: false,
  emailTrackMembers: false,
};
