import { isIP } from 'node:net';
import { z } from 'zod';
import { parseTopicArn } from '../platform/mail/provider-events/sns.js';
import { cdnEnv } from './cdn-config.js';
import { minSecretKeyLength, splitSecretKeys } from '../platform/security/secret-keyring.js';

/** Parses a port number from its string form; Zod's coerce would accept "" as 0. */
const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be between 1 and 65535');

const urlWithProtocols = (protocols: string[], hint: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, hint);

/** A SQLite file path (or `:memory:`), or a postgres:// URL. Anything with another scheme is refused. */
const databaseUrl = z.string().refine((value) => {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return value.length > 0;
  return scheme === 'postgres' || scheme === 'postgresql' || scheme === 'file';
}, 'must be a SQLite file path or a postgres:// URL');

/** An interface to listen on: an IP address or a host name (RFC 1123 labels). */
const hostname =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const host = z
  .string()
  .min(1)
  .refine(
    (value) => isIP(value) !== 0 || hostname.test(value),
    'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name',
  );

/** Names proxy-addr understands for whole address ranges. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One TRUST_PROXY entry: an address, an address/prefix, or a range name. */
function isProxyEntry(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-* headers to believe: `true`, `false`, a hop count, or a
 * comma-separated list of addresses, CIDR ranges and range names (loopback, linklocal, uniquelocal).
 */
const trustProxy = z
  .string()
  .max(200)
  .refine(
    (value) =>
      value === 'true' ||
      value === 'false' ||
      /^\d{1,2}$/.test(value) ||
      value.split(',').every((entry) => isProxyEntry(entry.trim())),
    'must be true, false, a number of proxies, or addresses/CIDR ranges separated by commas (e.g. 10.0.0.0/8,loopback)',
  );

/** SECRET_KEYS: one or more keys separated by commas, each long enough, none repeated. */
const secretKeys = z
  .string()
  .transform(splitSecretKeys)
  .refine(
    (keys) =>
      keys.length > 0 &&
      keys.every((key) => key.length >= minSecretKeyLength) &&
      new Set(keys).size === keys.length,
    `must be one or more distinct keys of at least ${minSecretKeyLength} characters, separated by commas (make one with: openssl rand -base64 32)`,
  );

/** SMTP_POOL: connections the newsletter sender keeps open at once. */
const smtpPool = z
  .string()
  .regex(/^\d+$/, 'must be a whole number of connections')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 50, 'must be between 1 and 50');

/** MAIL_RATE: newsletter messages a second, across the whole pool (0.5 = one every two seconds). */
const mailRate = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number of messages a second, like 10 or 0.5')
  .transform(Number)
  .refine((n) => n > 0, 'must be more than 0 (leave it unset for no limit)');

/** WORKERS: app processes `masthead start` forks on one machine (node:cluster), sharing its port. */
const workers = z
  .string()
  .regex(/^\d+$/, 'must be a whole number of processes')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 64, 'must be between 1 and 64');

/** DATABASE_READ_LAG_MS: how long after a change cached pages render from the primary (0–10 min). */
const readLagMs = z
  .string()
  .regex(/^\d+$/, 'must be a whole number of milliseconds')
  .transform(Number)
  .refine((n) => n <= 600_000, 'must be at most 600000 (ten minutes)');

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Signed bounce and complaint webhooks (issue #13, docs/security.md): SES through an SNS topic,
 * whose region pins the certificate host, and Mailgun's HMAC key. Each is off while unset.
 */
const emailEventsEnv = {
  SES_SNS_TOPIC_ARN: z
    .string()
    .refine(
      (value) => parseTopicArn(value) !== undefined,
      'must be an SNS topic ARN: arn:aws:sns:<region>:<12-digit account>:<topic>',
    )
    .optional(),
  MAILGUN_WEBHOOK_SIGNING_KEY: z
    .string()
    .min(16, 'must be the HTTP webhook signing key from Mailgun (Sending → Webhooks)')
    .optional(),
};

/**
 * Media on S3-compatible object storage (issue #14, docs/decisions/0012-s3-media-storage.md).
 * The S3_* variables are read whenever S3_BUCKET is set, so `masthead media copy --to s3` can
 * fill the bucket while the site still serves from disk; MEDIA_STORAGE=s3 switches serving.
 */
const mediaStorageEnv = {
  MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
    )
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, 'must be a region name like eu-central-1 (or auto for R2)')
    .default('us-east-1'),
  S3_ENDPOINT: urlWithProtocols(
    ['http:', 'https:'],
    'must be an http(s) URL (MinIO, R2, Spaces…); leave unset for AWS',
  ).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  MEDIA_PUBLIC_URL: urlWithProtocols(
    ['http:', 'https:'],
    'must be an http(s) URL: the CDN or bucket address media files are read from',
  ).optional(),
};

/**
 * Prometheus metrics (docs/operations.md "Metrics"): `/metrics` is on the public site only with
 * METRICS_TOKEN (Bearer), or on a port of its own with METRICS_PORT (METRICS_HOST, loopback by
 * default); with neither, metrics are off.
 */
const metricsEnv = {
  METRICS_TOKEN: z
    .string()
    .regex(/^\S+$/, 'must not contain spaces')
    .min(16, 'must be at least 16 characters (make one with: openssl rand -hex 24)')
    .optional(),
  METRICS_PORT: port.optional(),
  METRICS_HOST: host.optional(),
};

/** The environment as Masthead reads it: every variable optional, with the embedded defaults. */
export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: host.default('127.0.0.1'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:'], 'must be an http(s) URL').optional(),
  DATABASE_URL: databaseUrl.default('./data/masthead.db'),
  // Read replicas (issue #14): reader pages, feeds, search and the Content API read there.
  DATABASE_READ_URL: urlWithProtocols(
    ['postgres:', 'postgresql:'],
    'must be a postgres:// URL (a read replica of DATABASE_URL)',
  ).optional(),
  DATABASE_READ_LAG_MS: readLagMs.default(2000),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'must be a redis:// URL').optional(),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SMTP_POOL: smtpPool.default(5),
  MAIL_RATE: mailRate.optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must look like sk_test_… or sk_live_…')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must look like whsec_…')
    .optional(),
  STRIPE_API_BASE: urlWithProtocols(['http:', 'https:'], 'must be an http(s) URL').optional(),
  MEDIA_DIR: z.string().min(1).default('./data/media'),
  LOG_LEVEL: logLevel.optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DEMO: z.enum(['auto', 'off']).default('auto'),
  ALLOW_PRIVATE_WEBHOOKS: z.enum(['true', 'false']).default('false'),
  ALLOW_PRIVATE_MEDIA_FETCH: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: trustProxy.optional(),
  SECRET_KEYS: secretKeys.optional(),
  ...emailEventsEnv,
  ...cdnEnv,
  // Many processes (issue #14): worker processes per machine.
  WORKERS: workers.default(1),
  ...mediaStorageEnv,
  ...metricsEnv,
});

export type Env = z.infer<typeof envSchema>;
