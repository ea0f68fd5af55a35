import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  DialectAdapter,
  Dialect as KyselyDialect,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';

/**
 * The read side of a database with a replica (DATABASE_READ_URL): work run through it sends
 * every query it makes to the replica — transactions too, so a write there fails loudly
 * ("cannot execute INSERT in a read-only transaction") instead of going unnoticed.
 */
export interface ReadSide {
  /** Runs `work` with its queries on the read replica. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` on the primary, also inside `run` (a write a render cannot avoid). */
  onPrimary<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * One Kysely over two pools: a connection comes from the replica's driver when the caller is
 * inside `readSide.run`, else from the primary's; each connection is handed back to the driver
 * it came from. The SQL dialect (compiler, adapter, introspector) is the primary's: both sides
 * speak the same PostgreSQL. Chosen per connection, not per query, so a transaction never
 * spans both sides.
 */
export function routeReads(options: { primary: KyselyDialect; replica: KyselyDialect }): {
  dialect: KyselyDialect;
  readSide: ReadSide;
} {
  const scope = new AsyncLocalStorage<'replica' | 'primary'>();
  const { primary, replica } = options;
  const dialect: KyselyDialect = {
    createDriver: () =>
      new RoutingDriver({
        primary: primary.createDriver(),
        replica: replica.createDriver(),
        isReplica: () => scope.getStore() === 'replica',
      }),
    createQueryCompiler: (): QueryCompiler => primary.createQueryCompiler(),
    createAdapter: (): DialectAdapter => primary.createAdapter(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector =>
      primary.createIntrospector(db),
  };
  return {
    dialect,
    readSide: {
      run: (work) => scope.run('replica', work),
      onPrimary: (work) => scope.run('primary', work),
    },
  };
}

class RoutingDriver implements Driver {
  readonly #primary: Driver;
  readonly #replica: Driver;
  readonly #isReplica: () => boolean;
  readonly #owners = new WeakMap<DatabaseConnection, Driver>();

  constructor(options: { primary: Driver; replica: Driver; isReplica: () => boolean }) {
    this.#primary = options.primary;
    this.#replica = options.replica;
    this.#isReplica = options.isReplica;
  }

  async init(): Promise<void> {
    await Promise.all([this.#primary.init(), this.#replica.init()]);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const driver = this.#isReplica() ? this.#replica : this.#primary;
    const connection = await driver.acquireConnection();
    this.#owners.set(connection, driver);
    return connection;
  }

  #ownerOf(connection: DatabaseConnection): Driver {
    const owner = this.#owners.get(connection);
    if (!owner) throw new Error('read routing: a connection this driver did not hand out');
    return owner;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#ownerOf(connection).beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#ownerOf(connection).commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#ownerOf(connection).rollbackTransaction(connection);
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.#ownerOf(connection).savepoint?.(connection, name, compileQuery);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.#ownerOf(connection).rollbackToSavepoint?.(connection, name, compileQuery);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.#ownerOf(connection).releaseSavepoint?.(connection, name, compileQuery);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#ownerOf(connection).releaseConnection(connection);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.#primary.destroy(), this.#replica.destroy()]);
  }
}
