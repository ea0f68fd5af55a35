import type { Kysely } from 'kysely';
import { beforeEach } from 'vitest';
import type { EmailSendTables } from '../../src/features/newsletters/email-send.repository.js';
import { createEmailSender, type SendRules } from '../../src/features/newsletters/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { narrow } from '../../src/platform/db/index.js';
import type { MemoryBulkMailer } from '../../src/platform/mail/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';
import type { TestDatabase } from '../helpers/test-database.js';
import { testLinks, testRenders } from './newsletter-fixture.js';

/**
 * The delivery engine over a suite's database, fresh for each test: an emptied database, a fake
 * clock, and `makeSender` wiring an engine to a memory mailer with a fixed render (counting how
 * often the engine asks for it).
 */
export function useEngineContext(getDb: () => TestDatabase) {
  const t = {
    db: undefined as unknown as Kysely<AppTables>,
    clock: new FakeClock(),
    /** How many times an engine asked for a render (once per send). */
    prepared: 0,
    makeSender(mailer: MemoryBulkMailer, rules: Partial<SendRules> = {}) {
      return createEmailSender({
        db: narrow(t.db).to<EmailSendTables>(),
        clock: t.clock,
        mailer,
        prepare: () => {
          t.prepared += 1;
          return Promise.resolve(testRenders());
        },
        links: testLinks,
        rules,
      });
    },
  };
  beforeEach(async () => {
    await getDb().truncate();
    t.db = getDb().database.db as Kysely<AppTables>;
    t.clock = new FakeClock('2026-01-15T09:00:00.000Z');
    t.prepared = 0;
  });
  return t;
}
