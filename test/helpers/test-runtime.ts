import type { CdnPurger } from '../../src/platform/cdn/index.js';
import type { WarningLog } from '../../src/platform/logger.js';
import type { Kysely } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventsTables } from '../../src/features/events/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { narrow } from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/logger.js';
import type { BulkMailer, Mailer } from '../../src/platform/mail/index.js';
import type { Payments } from '../../src/platform/payments/index.js';
import type { SecretKeyring } from '../../src/platform/security/index.js';
import {
  LocalDiskStorage,
  type Storage,
  type StorageFs,
} from '../../src/platform/storage/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import { buildApp } from '../../src/web/app.js';
import type { TestDatabase } from './test-database.js';
import { testKeyring } from './test-keyring.js';

export interface TestContext {
  services: Services;
  clock: FakeClock;
  db: Kysely<AppTables>;
  mediaDir: string;
}

/** Feature services over a test database, with a fake clock and media in a temp folder. */
export function servicesFor(
  testDb: TestDatabase,
  clock = new FakeClock(),
  options: {
    mailer?: Mailer;
    /** Newsletter mail (none by default: sending newsletters is then refused). */
    bulkMailer?: BulkMailer;
    /** The Stripe port (disabled by default; the stand-in's in payments suites). */
    payments?: Payments;
    /** The file system media storage writes through (a faulty one in storage-fault tests). */
    storageFs?: StorageFs;
    /** Media storage other than the temp folder (S3 against s3rver). */
    storage?: Storage;
    /** MEDIA_PUBLIC_URL: media linked there by storage key. */
    mediaPublicUrl?: string;
    /** The keyring stored secrets are encrypted with (a test key by default). */
    keyring?: SecretKeyring;
    /** Hears what services warn the operator about (nothing by default). */
    logger?: WarningLog;
  } = {},
): TestContext {
  const mediaDir = mkdtempSync(join(tmpdir(), 'masthead-media-'));
  const db = testDb.database.db as Kysely<AppTables>;
  return {
    services: createServices(
      {
        keyring: options.keyring ?? testKeyring(),
        db,
        clock,
        storage:
          options.storage ??
          new LocalDiskStorage(mediaDir, options.storageFs ? { fs: options.storageFs } : {}),
        ...(options.mailer ? { mailer: options.mailer } : {}),
        ...(options.bulkMailer ? { bulkMailer: options.bulkMailer } : {}),
        ...(options.payments ? { payments: options.payments } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      },
      { mediaPublicUrl: options.mediaPublicUrl },
    ),
    clock,
    db,
    mediaDir,
  };
}

/**
 * Test set-up written through services that take a transaction handle (`members.setAccess`,
 * `members.recordEvent`): one transaction whose events are announced after commit, as in the app.
 */
export function inTransaction<T>(
  ctx: Pick<TestContext, 'services' | 'db'>,
  work: (trx: Kysely<EventsTables>) => Promise<T>,
): Promise<T> {
  return ctx.services.events.withTransaction(ctx.db, (trx) => work(narrow(trx).to<EventsTables>()));
}

/** The whole HTTP app over a test database, driven in-process with inject(). */
export async function appFor(
  testDb: TestDatabase,
  context = servicesFor(testDb),
  options: { isProduction?: boolean; cdnPurger?: CdnPurger } = {},
) {
  const app = await buildApp({
    cdnPurger: options.cdnPurger,
    services: context.services,
    logger: createLogger({ level: 'silent', pretty: false }),
    ping: () => testDb.database.ping(),
    publicUrl: 'http://localhost:3000',
    isProduction: options.isProduction ?? false,
    // Pages are cached by the same clock the services use, so tests can move time for both.
    clock: context.clock,
    // PostgreSQL lane: cached pages render through the read-only replica role (read-replica.ts).
    // No lag window: the "replica" is the same database, and every render should go there.
    readReplica: replicaOf(testDb),
  });
  return { app, ...context };
}

function replicaOf(testDb: TestDatabase) {
  const { readSide, pingReplica } = testDb.database;
  if (!readSide || !pingReplica) return undefined;
  return { readSide, lagMs: 0, ping: () => pingReplica() };
}

/** Headers that authenticate as an Admin API token with the given role. */
export async function tokenHeaders(
  services: Services,
  role: 'administrator' | 'editor' | 'author' | 'contributor',
): Promise<Record<string, string>> {
  const { secret } = await services.tokens.create({ name: `test ${role}`, kind: 'admin', role });
  return { authorization: `Bearer ${secret}` };
}
