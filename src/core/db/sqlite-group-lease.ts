import type SQLiteType from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { KeyUse } from './sqlite-deferred-keys.js';

/** What a lease asks of the group-commit driver (sqlite-group-driver.ts). */
interface LeaseDriver {
  execute(lease: Lease, query: CompiledQuery): Promise<QueryResult<unknown>>;
  prepareFor(lease: Lease, query: CompiledQuery): SQLiteType.Statement;
}

/** A FIFO lock that hands the connection straight to the next waiter. */
export class ConnectionMutex {
  #locked = false;
  #waiters: (() => void)[] = [];
  get locked() {
    return this.#locked;
  }
  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
  unlock() {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/**
 * One acquisition of the connection. Kysely releases a transaction's connection only after its
 * commit promise settles, but a grouped transaction gives the connection up before that (its
 * promise waits for the group's COMMIT, which may need the next holders to finish): the lease
 * says which acquisition a release belongs to, so that late release is not taken for another's.
 */
export class Lease implements DatabaseConnection {
  inTransaction = false;
  released = false;
  statements = 0;
  keys: KeyUse = { checkAll: false };
  alone = false;
  constructor(private readonly driver: LeaseDriver) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.driver.prepareFor(this, query);
    if (!stmt.reader) throw new Error('Sqlite driver only supports streaming of select queries');
    for (const row of stmt.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}

export const leaseOf = (c: DatabaseConnection) => c as Lease;
