import { z } from 'zod';

/** Who may be on a list: everyone, free members only, or members with paid access. */
export const newsletterAudienceSchema = z.enum(['all', 'free', 'paid']);
export const newsletterStatusSchema = z.enum(['active', 'archived']);
/** A send goes to the list's subscribers within a segment. */
export const emailSegmentSchema = z.enum(['all', 'free', 'paid']);

/** Where a subscription change came from; kept with it and in the member's history. */
export const subscriptionSourceSchema = z.enum([
  'signup',
  'newsletters-page',
  'story-page',
  'account',
  'import',
  'admin',
  'unsubscribe-link',
  'bounce',
  'complaint',
]);

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour)');

export const newsletterDesignSchema = z.object({
  headerImageUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  showSiteName: z.boolean().optional(),
  footerText: z.string().max(1000).optional(),
});

export const newsletterSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  /** How often it comes, as readers are told ("Every morning"). */
  cadence: z.string(),
  /** `HH:MM` in the newsroom's zone when it is a daily digest; null when sent story by story. */
  digestTime: z.string().nullable(),
  senderName: z.string().nullable(),
  replyTo: z.string().nullable(),
  audience: newsletterAudienceSchema,
  subscribeOnSignup: z.boolean(),
  status: newsletterStatusSchema,
  sortOrder: z.number().int(),
  design: newsletterDesignSchema,
  /** A daily list's intro line for its next digest (moved onto that email when it is made). */
  nextDigestIntro: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const newsletterCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  slug: z.string().trim().max(80).optional(),
  description: z.string().trim().max(2000).optional(),
  cadence: z.string().trim().max(120).optional(),
  digestTime: timeOfDay.nullable().optional(),
  senderName: z.string().trim().max(120).nullable().optional(),
  replyTo: z.email('must be an email address').max(254).nullable().optional(),
  audience: newsletterAudienceSchema.optional(),
  subscribeOnSignup: z.boolean().optional(),
  status: newsletterStatusSchema.optional(),
  sortOrder: z.number().int().min(0).max(1000).optional(),
  design: newsletterDesignSchema.optional(),
  nextDigestIntro: z.string().trim().max(500).nullable().optional(),
});

/** Every field optional; a slug is normalised like on create and must stay unique. */
export const newsletterUpdateSchema = newsletterCreateSchema.partial();

export type NewsletterDto = z.output<typeof newsletterSchema>;
export type NewsletterCreate = z.output<typeof newsletterCreateSchema>;
export type NewsletterUpdate = z.output<typeof newsletterUpdateSchema>;

/** "Send by email" on publish or schedule: which list, and which of its subscribers. */
export const emailRequestSchema = z.strictObject({
  newsletterId: z.string().min(1, 'must name a newsletter').max(64),
  segment: emailSegmentSchema.default('all'),
});

export const emailStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']);

/** An email's progress and outcome (the publish panel's bar, the report). */
export const emailProgressSchema = z.object({
  id: z.string(),
  newsletterId: z.string(),
  status: emailStatusSchema,
  recipientCount: z.number().int(),
  sentCount: z.number().int(),
  failedCount: z.number().int(),
  uncertainCount: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

/** The email report: progress plus what came back. */
export const emailReportSchema = emailProgressSchema.extend({
  postId: z.string().nullable(),
  subject: z.string(),
  segment: emailSegmentSchema,
  skippedCount: z.number().int(),
  /** Members who left the list through this email's unsubscribe link or since it was sent. */
  unsubscribeCount: z.number().int(),
  /** Addresses suppressed (hard bounce, complaint) among its recipients. */
  bounceCount: z.number().int(),
  /** The recipients that failed or are uncertain, with the server's reply (first 100). */
  problems: z.array(
    z.object({ address: z.string(), state: z.string(), reply: z.string().nullable() }),
  ),
  /** Opens (pixel loads, not people); null when the email was sent without open tracking. */
  openCount: z.number().int().nullable(),
  /** Clicks on its links; null when sent without click tracking. */
  clickCount: z.number().int().nullable(),
  /** The most clicked links (first 10); empty without click tracking. Counts only, no member. */
  topLinks: z.array(z.object({ url: z.string(), count: z.number().int() })),
});

export const emailRetrySchema = z
  .strictObject({
    /** Also resend to recipients whose hand-off may have happened (maybe delivered). */
    includeUncertain: z.boolean().default(false),
  })
  .optional();

export const newsletterTestSendSchema = z.strictObject({
  postId: z.string().min(1).max(64),
  /** Staff addresses (at most five). */
  emails: z.array(z.email('must be an email address')).min(1).max(5),
});

export const suppressionSchema = z.object({
  address: z.string(),
  reason: z.enum(['hard_bounce', 'complaint', 'manual', 'import']),
  source: z.enum(['smtp', 'ses', 'mailgun', 'admin', 'import']),
  detail: z.string().nullable(),
  createdAt: z.string(),
});

export const suppressionAddressSchema = z.strictObject({
  address: z.email('must be an email address').max(254),
  detail: z.string().trim().max(500).optional(),
});

export const suppressionImportReportSchema = z.object({
  imported: z.number().int(),
  alreadySuppressed: z.number().int(),
  duplicates: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});
