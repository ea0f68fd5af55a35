import { z } from 'zod';
import { accentContrastProblem } from '../../shared/colour-contrast.js';
import { isSafeImageSrc, isSafeLinkHref } from '../../shared/richtext/safe-urls.js';

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
  timezone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Kyiv'),
  locale: z.string().min(2).max(20),
  language: z.string().min(2).max(20),
  navigation: z.array(navigationItemSchema).max(12).nullable(),
  socialLinks: z.record(z.string().max(40), linkUrl(300)),
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
};
