import { isCompilable, Transaction, type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult } from 'kysely';

type Done = '' | 'committed' | 'rolled back';

/**
 * `db.transaction().execute(fn)` on the SQLite store, without what Kysely builds for every
 * transaction (a builder, an executor with its own connection provider and a `Transaction`, most
 * of them frozen copies of the instance's properties) and without its executor layers under each
 * statement: a precompiled statement (precompiled.ts, `db.executeQuery`) runs on the
 * transaction's connection directly. Interleaved A/B on POST …/connections, one transaction of
 * two precompiled statements a request: 195 → 171 and 198 → 173 µs of server CPU a request.
 *
 * The driver sees the same calls as from Kysely's `TransactionBuilder.execute`: the connection
 * is acquired and released through the instance's executor, then begin, the callback, commit, and
 * rollback when anything after begin throws. Anything else the callback asks of its handle (a
 * query builder, `sql`…`.execute(trx)`) is answered by a real `Transaction` on the same connection,
 * made the first time the transaction needs one. As with Kysely's, a handle used after its
 * transaction ended throws instead of running outside it.
 *
 * PostgreSQL keeps Kysely's own transactions: there the round trips, not these objects, are the
 * cost.
 */
export function installLightTransactions(db: Kysely<any>, driver: Driver, dialect: Dialect): void {
  const executor = db.getExecutor();
  const props = { config: { dialect }, driver, dialect };

  // A connection from the driver itself, not through Kysely's provider and RuntimeDriver (three
  // async layers, ~1.5 µs a request in the bench's profile). Kysely initialises the driver on
  // its first connection (the migrations, before anything else): until one has been lent that
  // way, connections still come through Kysely.
  let initialised = false;
  const provide = async <T>(consume: (connection: DatabaseConnection) => Promise<T>): Promise<T> => {
    if (!initialised) {
      const result = await executor.provideConnection(consume);
      initialised = true;
      return result;
    }
    const connection = await driver.acquireConnection();
    try {
      return await consume(connection);
    } finally {
      await driver.releaseConnection(connection);
    }
  };

  const execute = <T>(fn: (trx: Kysely<any>) => Promise<T>): Promise<T> =>
    provide(async (connection) => {
      let done: Done = '';
      const open = () => {
        if (done) throw new Error(`Transaction is already ${done}`);
      };
      let real: Kysely<any> | undefined;
      const realTransaction = () =>
        (real ??= new Transaction<any>({
          ...props,
          executor: executor.withConnectionProvider({
            provideConnection: (consume) => {
              open();
              return consume(connection);
            },
          }),
        }));
      const light = {
        executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
          if (done) return Promise.reject(new Error(`Transaction is already ${done}`));
          return connection.executeQuery(query);
        },
      };
      const trx = new Proxy(light, {
        get(target, key) {
          if (key in target) return target[key as keyof typeof target];
          // Not a thenable: returning the handle from an async function must not build a Transaction.
          if (key === 'then') return undefined;
          const t = realTransaction();
          const v: unknown = Reflect.get(t, key, t);
          // Kysely's methods read private fields, which a proxy does not have.
          return typeof v === 'function' ? v.bind(t) : v;
        },
      }) as unknown as Kysely<any>;
      let begun = false;
      try {
        await driver.beginTransaction(connection, {});
        begun = true;
        const result = await fn(trx);
        await driver.commitTransaction(connection);
        done = 'committed';
        return result;
      } catch (err) {
        if (begun) {
          await driver.rollbackTransaction(connection);
          done = 'rolled back';
        }
        throw err;
      }
    });

  const builder = { execute };
  // An own property in front of Kysely's method: every `db.transaction()` of this instance.
  Object.defineProperty(db, 'transaction', { value: () => builder, configurable: true });

  // A compiled statement outside a transaction (precompiled.ts) the same way. The instance has
  // no plugins, so Kysely's executor would return the driver's result as it is; anything else
  // (a query builder, a plugin) keeps Kysely's path.
  // Kysely's own test of what it was given (`Kysely.executeQuery` compiles a Compilable first).
  const kyselyExecute = db.executeQuery.bind(db);
  const lightExecute = (query: CompiledQuery | { compile(): CompiledQuery }) =>
    !isCompilable(query) && executor.plugins.length === 0 ? provide((connection) => connection.executeQuery(query)) : kyselyExecute(query as CompiledQuery);
  Object.defineProperty(db, 'executeQuery', { value: lightExecute, configurable: true });
}
