import { z } from 'zod';

/** The newsroom's site settings as the Admin API shows them. */
export const siteSettingsResponseSchema = z.object({
  siteName: z.string(),
  description: z.string(),
  logoUrl: z.string().nullable(),
  accentColor: z.string(),
  timezone: z.string(),
  locale: z.string(),
  language: z.string(),
  navigation: z.array(z.object({ label: z.string(), url: z.string() })).nullable(),
  socialLinks: z.record(z.string(), z.string()),
});

/**
 * A settings change: any subset of the keys, unknown keys refused. The settings service checks
 * each value's rules (colour format, time zone…) and names the field at fault.
 */
export const siteSettingsPatchBodySchema = z.strictObject(
  siteSettingsResponseSchema.partial().shape,
);
