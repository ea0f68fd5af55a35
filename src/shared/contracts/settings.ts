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
  postalAddress: z.string(),
  /** Newsletter tracking, off by default: opens (a pixel) and clicks, counted per email. */
  emailTrackOpens: z.boolean(),
  emailTrackClicks: z.boolean(),
  /** Off by default: with opens or clicks on, each member's are also kept on their record. */
  emailTrackMembers: z.boolean(),
});

/**
 * What the server is connected to, for the Settings screen's read-only "Services" panel. Built
 * at start-up from the configuration with only these fields, so no key, password or user name
 * can reach an answer (SMTP user names are often API keys themselves, e.g. Postmark's).
 */
export const servicesStatusSchema = z.object({
  mail: z.object({
    /** False: emails are written to the server log instead of being sent. */
    isConfigured: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    /** smtps:// (TLS from the first byte); plain smtp:// may still upgrade with STARTTLS. */
    isImplicitTls: z.boolean().nullable(),
    fromAddress: z.string(),
  }),
  payments: z.object({
    isConfigured: z.boolean(),
    /** From the key's prefix (sk_test_…, rk_live_…); null when no key is set. */
    mode: z.enum(['test', 'live']).nullable(),
    /** A restricted key (rk_…) rather than a full secret key (sk_…). */
    isRestrictedKey: z.boolean().nullable(),
    hasWebhookSecret: z.boolean(),
  }),
});
