import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type LogEvent,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { CatalogSafePostgresDialect } from './catalog-safe-dialect.js';
import { routeReads, type ReadSide } from './read-routing.js';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | {
      readonly dialect: 'postgres';
      readonly url: string;
      readonly searchPath?: string;
      /** DATABASE_READ_URL: a read replica that `readSide.run` sends its queries to. */
      readonly readUrl?: string;
    };

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Database<DB = unknown> {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** The PostgreSQL schema this handle is confined to, when it is not the default. */
  readonly schema: string | undefined;
  /** Answers true when a trivial query succeeds within the timeout (readiness checks). */
  ping(timeoutMs?: number): Promise<boolean>;
  /** The connection pool now (metrics); undefined on SQLite, which has one connection and no pool. */
  poolStats(): DatabasePoolStats | undefined;
  /** With a read replica: where reader pages read (see read-routing.ts); undefined without one. */
  readonly readSide: ReadSide | undefined;
  /** The replica's answer to a trivial query (readiness); undefined without one. */
  readonly pingReplica?: (timeoutMs?: number) => Promise<boolean>;
  /** The replica's pool now (metrics); undefined without one. */
  replicaPoolStats(): DatabasePoolStats | undefined;
  close(): Promise<void>;
}

export interface DatabasePoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

// pg returns int8/numeric as strings; counts and sums here fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * SQLite transactions begin IMMEDIATE (taking the write lock at once). A deferred transaction
 * that reads and then writes while another process writes the same file (`masthead user create`
 * beside the running server) fails with "database is locked": busy_timeout does not cover that
 * upgrade, since its snapshot is stale. Waiting for the lock at BEGIN makes it wait instead.
 * Within one process Kysely already runs one transaction at a time on the one connection.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

function openSqlite(
  file: string,
  options: OpenOptions,
): { kysely: Kysely<unknown>; close: () => void } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers proceed during a write; foreign keys are off by default in SQLite;
  // a busy timeout makes a second writer wait instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return {
    kysely: new Kysely<unknown>({
      dialect: new ImmediateSqliteDialect({ database: sqlite }),
      ...(options.onQuery ? { log: options.onQuery } : {}),
    }),
    close: () => sqlite.close(),
  };
}

/**
 * How long PostgreSQL work may take. A request must never hang on a frozen or overloaded
 * database holding a pool connection: the server cancels a statement after `statementMs`, the
 * client gives up on an answer after `queryMs` (a frozen server never cancels anything) and
 * discards that connection, and a request waits at most `acquireMs` for a connection (new or
 * from the pool). Each failure is a driver error that the HTTP layer answers with 503 and
 * Retry-After, so every request is answered within 10 s whatever the database does.
 */
export const postgresTimeouts = { statementMs: 5_000, queryMs: 6_000, acquireMs: 3_000 };

const postgresPoolSize = 10;

function openPool(url: string, options: OpenOptions, searchPath?: string): pg.Pool {
  const timeouts = { ...postgresTimeouts, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: url,
    max: postgresPoolSize,
    connectionTimeoutMillis: timeouts.acquireMs,
    // Startup parameters, so they hold even when DATABASE_URL carries its own `options`.
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idleTimeoutMillis: 30_000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client that loses its server emits 'error'; without a listener it crashes the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    // A client that is checked out when its server goes away emits 'error' too (besides failing
    // its query, which is how the request learns of it); the pool listens only on idle clients,
    // so without this the process would crash when PostgreSQL drops connections mid-request.
    client.on('error', () => undefined);
    discardOnQueryTimeout(client);
  });
  return pool;
}

function openPostgres(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  options: OpenOptions,
) {
  const pool = openPool(target.url, options, target.searchPath);
  const primary = new CatalogSafePostgresDialect({ pool });
  const log = options.onQuery ? { log: options.onQuery } : {};
  if (target.readUrl === undefined) {
    return { kysely: new Kysely<unknown>({ dialect: primary, ...log }), pool, replica: undefined };
  }
  // The replica is reached with the same schema and timeouts; one Kysely routes between both.
  const replicaPool = openPool(target.readUrl, options, target.searchPath);
  const routed = routeReads({
    primary,
    replica: new CatalogSafePostgresDialect({ pool: replicaPool }),
  });
  return {
    kysely: new Kysely<unknown>({ dialect: routed.dialect, ...log }),
    pool,
    replica: { pool: replicaPool, readSide: routed.readSide },
  };
}

/**
 * pg's query_timeout fails the query but keeps its connection, whose late answer would then hold
 * up the next query on it. A connection that timed out is discarded instead: ended (so the pool
 * drops it on release) and its socket destroyed (a frozen server never acknowledges a goodbye).
 */
function discardOnQueryTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'Query read timeout') return;
        void client.end().catch(() => undefined);
        // pg's documented types do not expose the socket; it is there on every client.
        (
          client as unknown as { connection?: { stream?: { destroy(): void } } }
        ).connection?.stream?.destroy();
      });
    return result;
  };
}

/** Options for a handle: `onQuery` hears every statement (slow-query logs, query-plan tests). */
export interface OpenOptions {
  onQuery?: (event: LogEvent) => void;
  /** PostgreSQL only: override postgresTimeouts (tests of a frozen database use short ones). */
  timeouts?: Partial<typeof postgresTimeouts>;
}

export function openDatabase<DB = unknown>(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Database<DB> {
  if (target.dialect === 'sqlite') {
    const { kysely, close } = openSqlite(target.file, options);
    return {
      db: kysely as Kysely<DB>,
      dialect: 'sqlite',
      schema: undefined,
      ping: () => pingWith(kysely, 1000),
      poolStats: () => undefined,
      readSide: undefined,
      replicaPoolStats: () => undefined,
      close: async () => {
        await kysely.destroy();
        close();
      },
    };
  }
  const { kysely, pool, replica } = openPostgres(target, options);
  return {
    db: kysely as Kysely<DB>,
    dialect: 'postgres',
    schema: target.searchPath,
    ping: (timeoutMs = 1000) => pingWith(kysely, timeoutMs),
    poolStats: () => statsOf(pool),
    readSide: replica?.readSide,
    ...(replica
      ? {
          pingReplica: (timeoutMs = 1000) =>
            replica.readSide.run(() => pingWith(kysely, timeoutMs)),
        }
      : {}),
    replicaPoolStats: () => (replica ? statsOf(replica.pool) : undefined),
    close: () => kysely.destroy(),
  };
}

function statsOf(pool: pg.Pool): DatabasePoolStats {
  return {
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: pool.options.max,
  };
}

async function pingWith(kysely: Kysely<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1 as ok`.execute(kysely).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
