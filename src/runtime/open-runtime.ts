import type { Kysely } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Config } from '../config/index.js';
import { systemClock, type Clock } from '../platform/clock.js';
import {
  databaseOpenError,
  isUpToDate,
  migrateToLatest,
  narrow,
  openDatabase,
  type Database,
} from '../platform/db/index.js';
import { createRedisAttemptStore, createSqlAttemptStore } from '../platform/limits/index.js';
import { OperatorError } from '../platform/errors.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { createLogMailer, createSmtpBulkMailer, createSmtpMailer } from '../platform/mail/index.js';
import { createDisabledPayments, createStripePayments } from '../platform/payments/index.js';
import type { SecretKeyring } from '../platform/security/index.js';
import type { Storage } from '../platform/storage/index.js';
import { countedBulkMailer, type Metrics } from '../platform/metrics/index.js';
import type { AppTables } from './app-database.js';
import { openMediaStorage } from './media-storage.js';
import { jobQueueDepths, metricsFor } from './metrics-endpoint.js';
import { keyringFor } from './secret-keys.js';
import { createServices, type Services } from './services.js';

/** Everything a front door (server, CLI command, worker) needs, opened from one config. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database<AppTables>;
  readonly db: Kysely<AppTables>;
  readonly services: Services;
  /** The media storage MEDIA_STORAGE names (exports and imports copy files through it). */
  readonly storage: Storage;
  readonly clock: Clock;
  /** SECRET_KEYS (or development's generated key): encrypts stored secrets, signs tokens. */
  readonly keyring: SecretKeyring;
  /** Prometheus metrics when configured (METRICS_TOKEN or METRICS_PORT); see metrics-endpoint.ts. */
  readonly metrics: Metrics | undefined;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  options: {
    migrate?: boolean;
    logger?: Logger;
    clock?: Clock;
    keyring?: SecretKeyring;
    /**
     * One-shot operator work (a CLI command: a demo load, an import, an export), whose statements
     * may rightly run long (ANALYZE of a million-story table, a full sitemap refresh): no request
     * time limits on its database handle. Servers keep them.
     */
    isBulkWork?: boolean;
  } = {},
): Promise<Runtime> {
  // Before the database: a missing key is a configuration problem, reported as one.
  const keyring = options.keyring ?? keyringFor(config)?.keyring;
  if (!keyring) throw new OperatorError('SECRET_KEYS: must be set in production');
  const logger =
    options.logger ??
    // Development: readable lines (also when piped, e.g. `npm start | tee`); production: JSON.
    createLogger({ level: config.logLevel, pretty: !config.isProduction });
  const target =
    config.database.dialect === 'sqlite'
      ? ({ dialect: 'sqlite', file: config.database.file } as const)
      : ({ dialect: 'postgres', url: config.database.url } as const);
  // The serving handle also reaches the read replica (DATABASE_READ_URL); migrations never do.
  const servingTarget =
    config.database.dialect === 'postgres' && config.database.readReplica
      ? { ...target, readUrl: config.database.readReplica.url }
      : target;
  let opened: Database<AppTables> | undefined;
  try {
    opened = openDatabase<AppTables>(
      servingTarget,
      options.isBulkWork ? { timeouts: { statementMs: 0, queryMs: 0 } } : {},
    );
    // A database already up to date costs one query here; otherwise migrations may run long
    // (an index on a big table): on a handle of their own, without the serving handle's
    // request timeouts.
    if (options.migrate !== false && !(await isUpToDate(opened.db, migrations))) {
      const migrating = openDatabase(target, { timeouts: { statementMs: 0, queryMs: 0 } });
      try {
        const applied = await migrateToLatest(migrating.db, migrations);
        if (applied.length > 0) logger.info({ applied }, 'applied migrations');
      } finally {
        await migrating.close().catch(() => undefined);
      }
    }
  } catch (error) {
    await opened?.close().catch(() => undefined);
    throw databaseOpenError(error, config.database);
  }
  const database = opened;
  const clock = options.clock ?? systemClock;
  const metrics = metricsFor(config);
  metrics?.watchPool('primary', () => database.poolStats());
  if (database.readSide) metrics?.watchPool('replica', () => database.replicaPoolStats());
  const media = await openMediaStorage(config.media);
  const { storage } = media;
  // SMTP when configured; otherwise each email goes to the log (development: click its links;
  // production logs only who it was for, since the links are credentials).
  const mailer = config.smtpUrl
    ? createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom })
    : createLogMailer((text) => logger.info(text), { isBodyHidden: config.isProduction });
  // Newsletters get their own pooled SMTP transport (SMTP_POOL connections, MAIL_RATE a second),
  // so a send never delays a sign-in link; without SMTP_URL, sending newsletters is refused.
  const smtpBulkMailer = config.smtpUrl
    ? createSmtpBulkMailer({
        url: config.smtpUrl,
        from: config.mailFrom,
        poolSize: config.smtpPool,
        ...(config.mailRate !== undefined ? { ratePerSecond: config.mailRate } : {}),
      })
    : undefined;
  // Each newsletter message's outcome is counted at the port (the sender never knows).
  const bulkMailer =
    smtpBulkMailer && metrics ? countedBulkMailer(smtpBulkMailer, metrics) : smtpBulkMailer;
  // Stripe when keys are configured; otherwise paid membership is off (503 PAYMENTS_NOT_CONFIGURED).
  const payments = config.stripe ? createStripePayments(config.stripe) : createDisabledPayments();
  // Attempt limits count in Redis when it is configured (shared by every app process), else in
  // the database; either way, if the store cannot answer, limited requests get 503.
  const attempts = config.redisUrl
    ? createRedisAttemptStore({
        url: config.redisUrl,
        onError: (error) => logger.warn({ err: error }, 'attempt limits store (Redis)'),
      })
    : createSqlAttemptStore(narrow(database.db).to());
  const services = createServices(
    {
      db: database.db,
      clock,
      storage,
      mailer,
      ...(bulkMailer ? { bulkMailer } : {}),
      payments,
      attempts,
      keyring,
      logger,
    },
    {
      allowPrivateWebhooks: config.allowPrivateWebhooks,
      allowPrivateMediaFetch: config.allowPrivateMediaFetch,
      publicUrl: config.publicUrl,
      mediaPublicUrl: config.media.publicUrl,
      analyticsRawDays: config.analyticsRawDays,
      emailEvents: {
        sesTopicArn: config.emailEvents.ses?.topicArn,
        mailgunSigningKey: config.emailEvents.mailgun?.signingKey,
      },
    },
  );
  metrics?.watchQueues(jobQueueDepths(services));
  return {
    config,
    logger,
    database,
    db: database.db,
    services,
    storage,
    clock,
    keyring,
    metrics,
    close: async () => {
      await bulkMailer?.close();
      await attempts.close();
      media.close();
      await database.close();
    },
  };
}
