import pg from 'pg';

/** The login role the PostgreSQL lane reads through as its "replica". */
export const readReplicaRole = 'masthead_read_replica';

const ensured = new Map<string, Promise<void>>();

/**
 * A stand-in for a read replica on the same server: a login role whose every transaction is
 * read-only (`default_transaction_read_only = on`, as on a hot standby) and which otherwise has
 * the privileges of the tests' own role (a member of it). A write sent through it fails with
 * "cannot execute … in a read-only transaction". Created once per server, under an advisory
 * lock so parallel test files do not race.
 */
function ensureReadOnlyRole(postgresUrl: string): Promise<void> {
  let made = ensured.get(postgresUrl);
  if (!made) {
    made = (async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query('begin');
        await client.query(`select pg_advisory_xact_lock(hashtext('${readReplicaRole}'))`);
        const { rows } = await client.query<{ owner: string; exists: boolean }>(
          'select current_user as owner, exists (select from pg_roles where rolname = $1) as exists',
          [readReplicaRole],
        );
        const owner = rows[0]?.owner ?? 'postgres';
        if (!rows[0]?.exists) await client.query(`create role ${readReplicaRole} login`);
        await client.query(`alter role ${readReplicaRole} set default_transaction_read_only = on`);
        await client.query(`grant "${owner}" to ${readReplicaRole}`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        await client.end();
      }
    })();
    ensured.set(postgresUrl, made);
  }
  return made;
}

/** DATABASE_READ_URL for the tests' database: the same server and database, the read-only role. */
export async function readReplicaUrl(postgresUrl: string): Promise<string> {
  await ensureReadOnlyRole(postgresUrl);
  const url = new URL(postgresUrl);
  url.username = readReplicaRole;
  url.password = '';
  return url.toString();
}
