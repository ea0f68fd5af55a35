import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { build, isBuildStale } from '../scripts/build.js';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Once per run: name this run so that every PostgreSQL test schema it makes can be dropped at the end. Schemas are not
 * dropped while other files still run: Kysely's migrator reads the whole catalog, and a schema
 * dropped under it fails that read.
 */
export default function setup(): () => Promise<void> {
  // The process suites run the compiled program; build once here, not in each worker. A build
  // that fails (code mid-edit) fails those suites only, with the compiler's message.
  if (isBuildStale()) {
    try {
      build({ quiet: true });
    } catch {
      console.warn(
        '\n⚠️  The build failed: the suites that run the compiled masthead program will fail.\n',
      );
    }
  }
  const runId = randomBytes(4).toString('hex');
  process.env.MASTHEAD_TEST_RUN = runId;
  return async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
    } catch {
      return; // No PostgreSQL: nothing was created.
    }
    try {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where nspname like $1',
        [`mh_test_${runId}_%`],
      );
      for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
