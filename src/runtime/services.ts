import type { Kysely } from 'kysely';
import { createAnalyticsService, type ConversionKind } from '../features/analytics/index.js';
import { createAuditService } from '../features/audit/index.js';
import { createAuthorsService, type AuthorsTables } from '../features/authors/index.js';
import { createCampaignsService } from '../features/campaigns/index.js';
import { createEventsService, type EventsTables } from '../features/events/index.js';
import { createMediaService } from '../features/media/index.js';
import { createMemberAuthService } from '../features/member-auth/index.js';
import { createMemberAdminService, createMembersService } from '../features/members/index.js';
import {
  createEmailSender,
  createEmailsService,
  createNewsletterImports,
  createNewslettersService,
  createSuppressionsService,
  createUnsubscribeService,
  createTrackingService,
} from '../features/newsletters/index.js';
import { createGiftsService, createMembershipPaymentsService } from '../features/payments/index.js';
import {
  createPostsService,
  createReferenceChecks,
  type PostIndexer,
} from '../features/posts/index.js';
import { createLiveService } from '../features/live/index.js';
import { createImportsService } from '../features/imports/index.js';
import { createNewsroomExports } from './newsroom-exports.js';
import { createSearchService } from '../features/search/index.js';
import type { SearchTables } from '../features/search/search.table.js';
import { createSettingsService, type WarningLog } from '../features/settings/index.js';
import { createStaffService } from '../features/staff/index.js';
import {
  createStaffAuthServices,
  createStaffSessionsService,
  type RunStaffAuthTransaction,
} from '../features/staff-auth/index.js';
import type { StaffAuthDbTables } from '../features/staff-auth/staff-auth.table.js';
import { createTagsService } from '../features/tags/index.js';
import { createTiersService } from '../features/tiers/index.js';
import { createTokensService } from '../features/tokens/index.js';
import type { TokensTables } from '../features/tokens/tokens.table.js';
import { createWebhooksService } from '../features/webhooks/index.js';
import type { Clock } from '../platform/clock.js';
import { narrow } from '../platform/db/index.js';
import { createOutboundClient } from '../platform/http/outbound.js';
import {
  createLimiter,
  createMemoryAttemptStore,
  createSqlAttemptStore,
  type AttemptStore,
} from '../platform/limits/index.js';
import { createMemoryMailer, type BulkMailer, type Mailer } from '../platform/mail/index.js';
import { createEmailPreparation } from '../web/email/email-preparation.js';
import {
  createMailgunEvents,
  createSnsEvents,
  createSnsHttpsFetch,
  mailgunTokenMemoryMs,
  type SnsFetch,
} from '../platform/mail/provider-events/index.js';
import { createDisabledPayments, type Payments } from '../platform/payments/index.js';
import type { SecretKeyring } from '../platform/security/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { AppTables } from './app-database.js';

/** Wires every feature service to the same database, clock and storage. No globals. */
export function createServices(
  deps: {
    db: Kysely<AppTables>;
    clock: Clock;
    storage: Storage;
    /** Outgoing mail; without one, messages are kept in memory (tests, scripts). */
    mailer?: Mailer;
    /** Newsletter mail (its own pooled transport); without one, sending newsletters is refused. */
    bulkMailer?: BulkMailer;
    /** Stripe (or a stand-in); without one, paid membership answers 503 PAYMENTS_NOT_CONFIGURED. */
    payments?: Payments;
    /** Where attempt limits count (Redis when configured); the database's table by default. */
    attempts?: AttemptStore;
    /** SECRET_KEYS: encrypts stored secrets (TOTP, webhook signing), signs tokens. */
    keyring: SecretKeyring;
    /** Where services report what an operator should fix (e.g. a stored setting that is not valid). */
    logger?: WarningLog;
  },
  options: {
    /** Lets webhooks target private and local addresses (development only); false by default. */
    allowPrivateWebhooks?: boolean;
    /**
     * Lets `import … --fetch-media` download from private and local addresses: tests only
     * (ALLOW_PRIVATE_MEDIA_FETCH, refused in production); false by default.
     */
    allowPrivateMediaFetch?: boolean;
    /** The site's public address, for Checkout return URLs and gift links in emails. */
    publicUrl?: string;
    /** MEDIA_PUBLIC_URL: media files are linked there (a CDN or the bucket) by storage key. */
    mediaPublicUrl?: string | undefined;
    /** Signed bounce and complaint webhooks; a provider left unset has none (404). */
    emailEvents?: EmailEventsOptions;
    /** ANALYTICS_RAW_DAYS: days raw page views are kept (30 by default). */
    analyticsRawDays?: number;
  } = {},
) {
  const { clock, storage, keyring } = deps;
  const mailer = deps.mailer ?? createMemoryMailer();
  const db = narrow(deps.db);
  // One limiter for every attempt limit: reserve before the work, fail closed.
  const limiter = createLimiter({ store: deps.attempts ?? createSqlAttemptStore(db.to()), clock });
  const events = createEventsService({ db: db.to(), clock });
  const authors = createAuthorsService({ db: db.to(), clock, events });
  const staff = createStaffService({ db: db.to(), clock, authors });
  const tokens = createTokensService({ db: db.to(), clock });
  // A staff-auth transaction also ends tokens and rewrites bylines: each owner gets its slice
  // of the same transaction here, where every table is known (staff-auth.transaction.ts).
  const staffAuthTransact: RunStaffAuthTransaction = (work) =>
    events.withTransaction(deps.db, (trx) =>
      work({
        db: narrow(trx).to<StaffAuthDbTables>(),
        revokeAdminTokensOf: (userId) =>
          tokens.revokeAdminTokensOf(userId, narrow(trx).to<TokensTables>()),
        updateBylineOf: (userId, change) =>
          authors.updateForUser(userId, change, narrow(trx).to<AuthorsTables & EventsTables>()),
      }),
    );
  const staffSessions = createStaffSessionsService({
    db: db.to(),
    clock,
    staff,
    authors,
    transact: staffAuthTransact,
  });
  const audit = createAuditService({ db: db.to(), clock });
  const tags = createTagsService({ db: db.to(), clock, events });
  const media = createMediaService({
    db: db.to(),
    clock,
    storage,
    events,
    logger: deps.logger,
    publicBase: options.mediaPublicUrl,
  });
  const search = createSearchService({ db: db.to() });
  const members = createMembersService({ db: db.to(), clock, events });
  const suppressions = createSuppressionsService({
    db: db.to(),
    clock,
    events,
    members,
    audit,
    providers: emailEventProviders(options.emailEvents, { clock, limiter }),
  });
  const settings = createSettingsService({
    db: db.to(),
    clock,
    events,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const campaigns = createCampaignsService({ db: db.to(), clock, events, members });
  const newsletters = createNewslettersService({ db: db.to(), clock, events, members });
  const newsletterImports = createNewsletterImports({ db: db.to(), clock });
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const tiers = createTiersService({ db: db.to(), clock });
  const gifts = createGiftsService({
    db: db.to(),
    clock,
    members,
    events,
    tiers,
    mailer,
    publicUrl,
  });
  // A sign-up's or a paid membership's conversion, with the story the reader read last: prepared
  // before, and written inside, the transaction that creates the member or grants the membership
  // (`analytics` is made further down, once posts exist; these run only later, on requests).
  const attributeConversion =
    (kind: ConversionKind) =>
    async (input: { fromStory: string | undefined; campaignId: string | null }) => {
      const conversion = await analytics.prepareConversion({
        kind,
        fromPath: input.fromStory,
        campaignId: input.campaignId,
      });
      return (trx: Kysely<EventsTables>) =>
        analytics.recordConversion(narrow(trx).to(), conversion);
    };
  const membershipPayments = createMembershipPaymentsService({
    db: db.to(),
    clock,
    payments: deps.payments ?? createDisabledPayments(),
    members,
    events,
    tiers,
    gifts,
    mailer,
    publicUrl,
    campaignExists: async (id) => (await campaigns.list()).some((c) => c.id === id),
    attributePaid: attributeConversion('paid'),
  });
  // Posts update the search index inside their own transactions (the handle is the same Kysely).
  const indexer: PostIndexer = {
    index: (trx, doc) => search.index(narrow(trx).to<SearchTables>(), doc),
    indexMany: (trx, docs) => search.indexMany(narrow(trx).to<SearchTables>(), docs),
    remove: (trx, postId) => search.remove(narrow(trx).to<SearchTables>(), postId),
    tables: search.tables,
  };
  const posts = createPostsService({
    db: db.to(),
    clock,
    events,
    refs: createReferenceChecks({ db: db.to(), authors, tags, media }),
    indexer,
    audit,
  });
  const live = createLiveService({ db: db.to(), clock, events, posts });
  const imports = createImportsService({
    db: db.to(),
    clock,
    services: { staff, authors, tags, media, posts, newsletters, settings, tiers },
    // Images an import downloads (--fetch-media): 30 s and the media library's 20 MB each.
    outbound: createOutboundClient({
      allowPrivate: options.allowPrivateMediaFetch ?? false,
      timeoutMs: 30_000,
      maxResponseBytes: 20 * 1024 * 1024,
    }),
  });
  const unsubscribe = createUnsubscribeService({ keyring, publicUrl, newsletters, members });
  // Newsletters: content and renders from the newsroom's data, the delivery engine on the bulk
  // mailer (none without SMTP: sending is then refused), and the emails editors ask for.
  const emailTracking = createTrackingService({
    db: db.to(),
    clock,
    keyring,
    publicUrl,
    settings: async () => {
      const current = await settings.get();
      return {
        isTrackingOpens: current.emailTrackOpens,
        isTrackingClicks: current.emailTrackClicks,
        isTrackingMembers: current.emailTrackMembers,
      };
    },
  });
  // Where a member manages their lists: every email's "manage" link.
  const accountUrl = `${publicUrl.replace(/\/+$/, '')}/account/`;
  const emailPreparation = createEmailPreparation({
    services: { posts, media, settings },
    publicUrl,
    now: () => clock.now(),
    trackingLinks: emailTracking.links,
  });
  const emailSender = deps.bulkMailer
    ? createEmailSender({
        db: db.to(),
        clock,
        mailer: deps.bulkMailer,
        // Tracking is what the settings say when the send starts, recorded on the email.
        prepare: async (emailId) => {
          const tracking = await emailTracking.startFor(emailId);
          return emailPreparation.render(await emails.byId(emailId), tracking);
        },
        links: {
          host: new URL(publicUrl).hostname,
          manageUrl: accountUrl,
          unsubscribeUrl: (ids) => unsubscribe.url(ids),
          trackingToken: (ids) => emailTracking.memberToken(ids),
        },
        onHardBounce: async ({ address, reply }) => {
          await suppressions.record([
            {
              provider: 'smtp',
              kind: 'hard_bounce',
              address,
              detail: reply,
              occurredAt: clock.now().toISOString(),
            },
          ]);
        },
      })
    : undefined;
  const emails = createEmailsService({
    db: db.to(),
    clock,
    newsletters,
    posts,
    sender: emailSender,
    timeZone: async () => (await settings.get()).timezone,
    hasDigestContent: () => emailPreparation.hasDigestContent(),
    render: (email) => emailPreparation.render(email),
    bulkMailer: deps.bulkMailer,
    manageUrl: accountUrl,
  });
  const memberAdmin = createMemberAdminService({
    db: db.to(),
    clock,
    members,
    events,
    // A member is deleted only once Stripe has stopped charging them.
    deleteMember: (id, actor) => membershipPayments.closeAccount(id, actor),
    monthlyRecurringRevenue: () => membershipPayments.monthlyRecurringRevenue(),
    // The members CSV's newsletters column: lists are the newsletters feature's (it depends on
    // members), so its functions are passed in here; imports write them in the same transaction.
    newsletters: {
      knownSlugs: () => newsletterImports.knownSlugs(),
      apply: (trx, rows) => newsletterImports.applyImported(trx, rows),
      tables: ['newsletter_subscriptions'],
      subscribedSlugsOf: (ids) => newsletterImports.subscribedSlugsOf(ids),
    },
  });
  // Page views: batched in memory, limited per address in memory (no write per view).
  const analytics = createAnalyticsService({
    db: db.to(),
    clock,
    timeZone: async () => (await settings.get()).timezone,
    siteHost: new URL(publicUrl).hostname.toLowerCase(),
    rawDays: options.analyticsRawDays ?? 30,
    limiter: createLimiter({ store: createMemoryAttemptStore(), clock }),
    posts: {
      publishedIdsBySlugs: (slugs) => posts.publishedIdsBySlugs(slugs),
      titlesByIds: (ids) => posts.titlesByIds(ids),
      publishedByIds: (ids) => posts.publishedByIds(ids),
    },
  });
  return {
    analytics,
    settings,
    authors,
    staff,
    staffSessions,
    staffAuth: createStaffAuthServices({
      db: db.to(),
      clock,
      staff,
      authors,
      transact: staffAuthTransact,
      sessions: staffSessions,
      audit,
      mailer,
      limiter,
      keyring,
    }),
    audit,
    mailer,
    events,
    tags,
    media,
    members,
    memberAdmin,
    newsroomExports: createNewsroomExports({
      db: deps.db,
      storage,
      clock,
      services: { settings, memberAdmin },
    }),
    memberAuth: createMemberAuthService({
      db: db.to(),
      clock,
      mailer,
      members,
      settings,
      campaigns,
      newsletters,
      limiter,
      events,
      attributeSignup: attributeConversion('signup'),
    }),
    newsletters,
    unsubscribe,
    emailTracking,
    emails,
    emailSender,
    emailPreparation,
    posts,
    live,
    tokens,
    campaigns,
    tiers,
    gifts,
    membershipPayments,
    search,
    imports,
    suppressions,
    webhooks: createWebhooksService({
      db: db.to(),
      clock,
      events,
      keyring,
      outbound: createOutboundClient({ allowPrivate: options.allowPrivateWebhooks ?? false }),
    }),
  };
}

export interface EmailEventsOptions {
  /** SES_SNS_TOPIC_ARN: SES bounces and complaints through this SNS topic. */
  sesTopicArn?: string | undefined;
  /** MAILGUN_WEBHOOK_SIGNING_KEY. */
  mailgunSigningKey?: string | undefined;
  /** Fetches SNS certificates and SubscribeURLs (https by default; tests hand their own). */
  fetchFromSns?: SnsFetch;
}

/**
 * The webhook verifiers of the configured providers. Mailgun tokens are remembered in the
 * attempt store (shared by every process: Redis or the database), each accepted once while its
 * timestamp could still pass.
 */
function emailEventProviders(
  options: EmailEventsOptions | undefined,
  deps: { clock: Clock; limiter: ReturnType<typeof createLimiter> },
) {
  const { clock, limiter } = deps;
  return {
    ses: options?.sesTopicArn
      ? createSnsEvents({
          topicArn: options.sesTopicArn,
          clock,
          fetchFromSns: options.fetchFromSns ?? createSnsHttpsFetch(),
        })
      : undefined,
    mailgun: options?.mailgunSigningKey
      ? createMailgunEvents({
          signingKey: options.mailgunSigningKey,
          clock,
          rememberToken: async (token) =>
            (await limiter.tryTake({
              name: 'mailgun-webhook-token',
              rule: { max: 1, windowMs: mailgunTokenMemoryMs },
              key: token,
            })) !== undefined,
        })
      : undefined,
  };
}

export type Services = ReturnType<typeof createServices>;

/**
 * The few services one part of the app uses. The web layer names its dependencies with this,
 * never with the whole `Services` bag (an ESLint rule in eslint.config.js keeps it so).
 */
export type ServicesOf<K extends keyof Services> = Pick<Services, K>;
