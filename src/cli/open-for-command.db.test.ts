import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { freshDatabaseUrl } from '../../test/helpers/test-database.js';
import { createLogger } from '../platform/logger.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { configFrom, withRuntime } from './open-for-command.js';

const statementTimeout = async (db: Kysely<unknown>): Promise<unknown> =>
  (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db)).rows[0]
    ?.statement_timeout;

describe('the database handle of a one-shot command [postgres]', () => {
  it('has no statement time limit (a 1M-story ANALYZE outlasts 5 s), while a server keeps its limit', async () => {
    const { url, dispose } = await freshDatabaseUrl('postgres');
    try {
      const io = captureIo({
        DATABASE_URL: url,
        MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-cli-media-')),
        LOG_LEVEL: 'silent',
        SECRET_KEYS: 'cli-test-key-0123456789abcdefghijklmnop',
      });
      expect(
        await withRuntime(io, (runtime) => statementTimeout(runtime.db as Kysely<unknown>)),
      ).toBe('0');
      const server = await openRuntime(configFrom(io), {
        logger: createLogger({ level: 'silent', pretty: false }),
      });
      try {
        expect(await statementTimeout(server.db as Kysely<unknown>)).toBe('5s');
      } finally {
        await server.close();
      }
    } finally {
      await dispose();
    }
  });
});
