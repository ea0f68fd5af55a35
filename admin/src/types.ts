// The Admin API's answers and inputs, as the app sees them: inferred from the same Zod schemas
// the server validates with and documents in /api/admin/v1/openapi.json (type-only imports, so
// no schema code reaches the bundle). `Out<…>` is what the server sends, `In<…>` what it takes.
import type { z } from 'zod';
import type {
  staffUserSchema,
  sessionSchema,
  signInResponseSchema,
  profileSchema,
  invitationSchema,
} from '@shared/contracts/staff.js';
import type {
  postSchema,
  postCreateSchema,
  postUpdateSchema,
  postKindSchema,
  postStatusSchema,
  visibilitySchema,
  revisionSummarySchema,
  revisionSchema,
  revisionDiffSchema,
  correctionKindSchema,
} from '@shared/contracts/posts.js';
import type { authorSchema } from '@shared/contracts/authors.js';
import type { tagSchema } from '@shared/contracts/tags.js';
import type { mediaSchema } from '@shared/contracts/media.js';
import type { siteSettingsResponseSchema } from '@shared/contracts/settings.js';
import type { campaignSchema, campaignStatsSchema } from '@shared/contracts/campaigns.js';
import type { tierSchema } from '@shared/contracts/tiers.js';
import type {
  memberSchema,
  memberEventSchema,
  memberStatsSchema,
  memberImportReportSchema,
} from '@shared/contracts/member-admin.js';
import type { apiTokenSchema, tokenCreatedSchema } from '@shared/contracts/tokens.js';
import type {
  webhookSchema,
  webhookWithSecretSchema,
  webhookDeliverySchema,
} from '@shared/contracts/webhooks.js';
import type { auditEntrySchema } from '@shared/contracts/audit.js';
import type {
  emailProgressSchema,
  emailReportSchema,
  emailSegmentSchema,
  newsletterAudienceSchema,
  newsletterSchema,
  subscriptionSourceSchema,
  suppressionImportReportSchema,
  suppressionSchema,
} from '@shared/contracts/newsletters.js';

export type Out<S extends z.ZodType> = z.output<S>;
export type In<S extends z.ZodType> = z.input<S>;

export type StaffUser = Out<typeof staffUserSchema>;
export type Session = Out<typeof sessionSchema>;
export type SignInAnswer = Out<typeof signInResponseSchema>;
export type Profile = Out<typeof profileSchema>;
export type Invitation = Out<typeof invitationSchema>;

export type Post = Out<typeof postSchema>;
export type PostKind = Out<typeof postKindSchema>;
export type PostStatus = Out<typeof postStatusSchema>;
export type Visibility = Out<typeof visibilitySchema>;
export type PostCreate = In<typeof postCreateSchema>;
export type PostUpdate = In<typeof postUpdateSchema>;
export type RevisionSummary = Out<typeof revisionSummarySchema>;
export type Revision = Out<typeof revisionSchema>;
export type RevisionDiff = Out<typeof revisionDiffSchema>;
export type CorrectionKind = Out<typeof correctionKindSchema>;

export type Author = Out<typeof authorSchema>;
export type Tag = Out<typeof tagSchema>;
export type Media = Out<typeof mediaSchema>;
export type SiteSettings = Out<typeof siteSettingsResponseSchema>;
export type Campaign = Out<typeof campaignSchema>;
export type CampaignStats = Out<typeof campaignStatsSchema>;
export type Tier = Out<typeof tierSchema>;
export type Member = Out<typeof memberSchema>;
export type MemberEvent = Out<typeof memberEventSchema>;
export type MemberStats = Out<typeof memberStatsSchema>;
export type MemberImportReport = Out<typeof memberImportReportSchema>;
export type ApiToken = Out<typeof apiTokenSchema>;
export type TokenCreated = Out<typeof tokenCreatedSchema>;
export type Webhook = Out<typeof webhookSchema>;
export type WebhookWithSecret = Out<typeof webhookWithSecretSchema>;
export type WebhookDelivery = Out<typeof webhookDeliverySchema>;
export type AuditEntry = Out<typeof auditEntrySchema>;
/** A newsletter as the Admin API lists it: with the members subscribed now. */
export type Newsletter = Out<typeof newsletterSchema> & { subscriberCount: number };
export type NewsletterAudience = Out<typeof newsletterAudienceSchema>;
export type EmailSegment = Out<typeof emailSegmentSchema>;
export type EmailProgress = Out<typeof emailProgressSchema>;
export type EmailReport = Out<typeof emailReportSchema>;
export type SubscriptionSource = Out<typeof subscriptionSourceSchema>;
/** An address that is not mailed, and why. */
export type Suppression = Out<typeof suppressionSchema>;
export type SuppressionImportReport = Out<typeof suppressionImportReportSchema>;

/** Every list answer: the items under their plural name, and a cursor for the next page. */
export interface Paginated {
  meta: { pagination: { next: string | null; limit: number } };
}
export type PostList = { posts: Post[] } & Paginated;
