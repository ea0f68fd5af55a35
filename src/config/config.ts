import { dirname, join } from 'node:path';
import { parseTopicArn } from '../platform/mail/provider-events/sns.js';
import { cdnConfig, type CdnConfig } from './cdn-config.js';
import { envSchema, type Env } from './config-schema.js';
import {
  mediaStorageConfig,
  mediaStorageProblems,
  type MediaStorageConfig,
} from './media-storage-config.js';

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | {
      readonly dialect: 'postgres';
      readonly url: string;
      /**
       * DATABASE_READ_URL and DATABASE_READ_LAG_MS: a read replica for cached reader pages, and
       * how long after a change those render from the primary instead (replication lag).
       */
      readonly readReplica?: { readonly url: string; readonly lagMs: number };
    };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database: DatabaseConfig;
  readonly redisUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** SMTP_POOL: connections newsletters send over at once (transactional mail has its own). */
  readonly smtpPool: number;
  /** MAIL_RATE: newsletter messages a second across the pool; undefined = as fast as the pool goes. */
  readonly mailRate: number | undefined;
  readonly stripe:
    | {
        readonly secretKey: string;
        readonly webhookSecret: string | undefined;
        /** A Stripe stand-in for tests and demos (STRIPE_API_BASE); never in production. */
        readonly host?: string;
        readonly port?: number;
        readonly protocol?: 'http' | 'https';
      }
    | undefined;
  readonly mediaDir: string;
  /** MEDIA_STORAGE, S3_* and MEDIA_PUBLIC_URL: where media files live and are linked from. */
  readonly media: MediaStorageConfig;
  readonly logLevel: string;
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly loadDemo: boolean;
  /** Webhooks may target loopback and private addresses (development only). */
  readonly allowPrivateWebhooks: boolean;
  /** Imports' `--fetch-media` may reach private and local addresses (tests only; not in production). */
  readonly allowPrivateMediaFetch: boolean;
  /** Fastify's trustProxy: false, true, a hop count, or a list of proxy addresses/CIDRs whose X-Forwarded-For is believed. */
  readonly trustProxy: boolean | number | string[];
  /**
   * SECRET_KEYS: the first encrypts and signs, every one decrypts and verifies. Always set in
   * production; elsewhere, when unset, the runtime generates one into `secretKeysFile`.
   */
  readonly secretKeys: readonly string[] | undefined;
  /** Where development keeps its generated key: the data folder (the SQLite file's, else MEDIA_DIR's parent). */
  readonly secretKeysFile: string;
  /** Signed bounce and complaint webhooks; a provider is undefined when not configured. */
  readonly emailEvents: EmailEventsConfig;
  /** CDN_PURGE and its provider's settings; undefined when no CDN is purged. */
  readonly cdn: CdnConfig;
  /** WORKERS: app processes `masthead start` runs on this machine (1: no cluster). */
  readonly workers: number;
  /** Prometheus metrics; undefined when neither METRICS_TOKEN nor METRICS_PORT is set. */
  readonly metrics: MetricsConfig | undefined;
}

export interface MetricsConfig {
  /** METRICS_TOKEN: required as a Bearer token wherever /metrics is served. */
  readonly token: string | undefined;
  /** METRICS_PORT: /metrics on this port only (not on the site); METRICS_HOST is its interface. */
  readonly listen: { readonly port: number; readonly host: string } | undefined;
}

function metricsConfig(env: Env): MetricsConfig | undefined {
  if (!env.METRICS_TOKEN && env.METRICS_PORT === undefined) return undefined;
  return Object.freeze({
    token: env.METRICS_TOKEN,
    listen:
      env.METRICS_PORT === undefined
        ? undefined
        : Object.freeze({ port: env.METRICS_PORT, host: env.METRICS_HOST ?? '127.0.0.1' }),
  });
}

export interface EmailEventsConfig {
  /** SES_SNS_TOPIC_ARN, and its region: certificates come only from sns.<region>.amazonaws.com. */
  readonly ses: { readonly topicArn: string; readonly region: string } | undefined;
  /** MAILGUN_WEBHOOK_SIGNING_KEY. */
  readonly mailgun: { readonly signingKey: string } | undefined;
}

function emailEventsConfig(env: Env): EmailEventsConfig {
  const topic = env.SES_SNS_TOPIC_ARN ? parseTopicArn(env.SES_SNS_TOPIC_ARN) : undefined;
  return Object.freeze({
    ses: topic ? Object.freeze({ topicArn: topic.arn, region: topic.region }) : undefined,
    mailgun: env.MAILGUN_WEBHOOK_SIGNING_KEY
      ? Object.freeze({ signingKey: env.MAILGUN_WEBHOOK_SIGNING_KEY })
      : undefined,
  });
}

/** Every problem with the environment, one line each, naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** STRIPE_API_BASE as the Stripe SDK takes it: host, port and protocol. */
function stripeApiBase(value: string | undefined) {
  if (!value) return {};
  const url = new URL(value);
  const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
  const file = value.startsWith('file://') ? new URL(value).pathname : value;
  return { dialect: 'sqlite', file };
}

/**
 * The only place that reads the environment (the caller passes it in). Validates everything,
 * reports every problem at once, and returns a frozen object the rest of the program trusts.
 */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  // Empty variables count as unset, as most shells and .env tools produce them.
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      // Secrets (and database URLs, which may hold a password) are never echoed back; other
      // values are, to make the mistake obvious.
      const raw = present[name];
      const shown =
        raw === undefined || /SECRET|KEY|PASSWORD|TOKEN|DATABASE_(READ_)?URL/.test(name)
          ? ''
          : ` (got "${raw}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) {
    problems.push('STRIPE_SECRET_KEY: must be set when STRIPE_WEBHOOK_SECRET is set');
  }
  if (env.STRIPE_API_BASE && !env.STRIPE_SECRET_KEY) {
    problems.push('STRIPE_SECRET_KEY: must be set when STRIPE_API_BASE is set');
  }
  if (env.STRIPE_API_BASE && env.NODE_ENV === 'production') {
    problems.push('STRIPE_API_BASE: a Stripe stand-in is for tests only; unset it in production');
  }
  if (env.ALLOW_PRIVATE_MEDIA_FETCH === 'true' && env.NODE_ENV === 'production') {
    problems.push(
      'ALLOW_PRIVATE_MEDIA_FETCH: lets imports download from private addresses, for tests only; unset it in production',
    );
  }
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    problems.push('PUBLIC_URL: must be set in production (links in emails and feeds use it)');
  }
  if (env.NODE_ENV === 'production' && !env.SECRET_KEYS) {
    problems.push(
      'SECRET_KEYS: must be set in production (a random key of at least 32 characters, e.g. from "openssl rand -base64 32"; it encrypts stored secrets)',
    );
  }
  problems.push(...mediaStorageProblems(env));
  const cdn = cdnConfig(env, problems);
  if (env.METRICS_HOST && env.METRICS_PORT === undefined) {
    problems.push('METRICS_PORT: must be set when METRICS_HOST is set');
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (metrics get a port of their own)');
  }
  const primary = parseDatabaseUrl(env.DATABASE_URL);
  if (env.DATABASE_READ_URL && primary.dialect !== 'postgres') {
    problems.push(
      'DATABASE_READ_URL: needs a PostgreSQL DATABASE_URL (a SQLite file has no read replicas)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const database: DatabaseConfig =
    primary.dialect === 'postgres' && env.DATABASE_READ_URL
      ? {
          ...primary,
          readReplica: Object.freeze({
            url: env.DATABASE_READ_URL,
            lagMs: env.DATABASE_READ_LAG_MS,
          }),
        }
      : primary;
  const dataDir =
    database.dialect === 'sqlite' && database.file !== ':memory:'
      ? dirname(database.file)
      : dirname(env.MEDIA_DIR);
  const publicHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const publicUrl = (env.PUBLIC_URL ?? `http://${publicHost}:${env.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    database: Object.freeze(database),
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? `Masthead <noreply@${new URL(publicUrl).hostname}>`,
    smtpPool: env.SMTP_POOL,
    mailRate: env.MAIL_RATE,
    stripe: env.STRIPE_SECRET_KEY
      ? Object.freeze({
          secretKey: env.STRIPE_SECRET_KEY,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET,
          ...stripeApiBase(env.STRIPE_API_BASE),
        })
      : undefined,
    mediaDir: env.MEDIA_DIR,
    media: mediaStorageConfig(env),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    loadDemo: env.DEMO === 'auto',
    allowPrivateWebhooks: env.ALLOW_PRIVATE_WEBHOOKS === 'true',
    allowPrivateMediaFetch: env.ALLOW_PRIVATE_MEDIA_FETCH === 'true',
    trustProxy:
      env.TRUST_PROXY === undefined || env.TRUST_PROXY === 'false'
        ? false
        : env.TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(env.TRUST_PROXY)
            ? Number(env.TRUST_PROXY)
            : env.TRUST_PROXY.split(',').map((entry) => entry.trim()),
    secretKeys: env.SECRET_KEYS ? Object.freeze([...env.SECRET_KEYS]) : undefined,
    secretKeysFile: join(dataDir, 'secret-keys'),
    emailEvents: emailEventsConfig(env),
    cdn,
    workers: env.WORKERS,
    metrics: metricsConfig(env),
  });
}
