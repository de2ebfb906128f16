import path from 'node:path';
import type SQLiteType from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type SqliteDatabase,
} from 'kysely';
import { deferredKeys, quote } from './sqlite-deferred-keys.js';
import { ConnectionMutex, Lease, leaseOf } from './sqlite-group-lease.js';

/**
 * Group commit for SQLite. The app has one better-sqlite3 connection, so Kysely serialises every
 * transaction on it. Much of a small write's cost is its COMMIT: the WAL append of every page it
 * touched (the same hot pages — counters, index tails — again and again) and the checkpoints that
 * follow. So a transaction that ends leaves its work in the open SQLite transaction, and the
 * transactions that take the connection next — queued already, or arriving within the same turn
 * of the event loop — continue it; one COMMIT then covers the whole group (at most `maxGroup`).
 * Each transaction runs inside its own SAVEPOINT, so a failing one rolls back alone.
 *
 * Why wait for the end of the turn rather than group only what is queued: better-sqlite3 is
 * synchronous, so a transaction's statements run back to back in microtasks and the lock is
 * almost never contended — measured in process, 50 requests in flight, nothing was ever queued
 * at a commit. Requests advance between turns; the group's COMMIT runs in `setImmediate` (the
 * check phase, after the turn's I/O callbacks), so a lone write waits for at most the rest of
 * the current turn.
 *
 * Durability is unchanged: a transaction's commit promise — hence its HTTP response, the
 * acknowledgement — settles only after the group's real COMMIT, and rejects if that COMMIT fails.
 * Isolation from the outside is kept too: a write outside a transaction runs as a transaction of
 * its own (`execute`), any other statement outside a transaction (DDL, a pragma) first commits
 * the open group, and a read outside a transaction gives the connection up until the group's
 * COMMIT, so nothing ever sees, or joins, work that has not been acknowledged —
 * except the transactions of the same group, which are acknowledged only with it (if the COMMIT
 * fails they all fail together).
 *
 * Two things act on the whole SQLite transaction rather than on a savepoint, and are handled:
 * - DEFERRABLE INITIALLY DEFERRED foreign keys are checked at COMMIT only, so a transaction that
 *   may leave one violated is checked before it joins a group, and fails alone if it does: by
 *   looking up the child rows it inserted, or (`KeyUse.checkAll`: a key column assigned, a parent
 *   deleted) by a scan of every child row, after which it ends its group (sqlite-deferred-keys.ts).
 * - `pragma defer_foreign_keys` (src/core/db/state.ts) defers every key until COMMIT: it must be
 *   the first statement of its transaction, which then runs in a SQLite transaction of its own.
 *
 * Known limits. A transaction's callback must not wait for another request's transaction to
 * finish (that one waits for a COMMIT that waits for this callback); waiting for the database
 * from inside a transaction already deadlocks on the one connection, so the code has no such
 * waits. Another process writing the same file (the CLI) waits, through busy_timeout, for the end
 * of the turn at most, as the group holds the write lock until its COMMIT.
 */
export interface GroupCommitOptions {
  /** The connection itself: transaction state and control statements. */
  raw: SQLiteType.Database;
  /** The statement source for queries (the statement cache of db.ts over `raw`). */
  database: SqliteDatabase;
  /**
   * Most transactions per COMMIT (raw better-sqlite3: 10 per COMMIT saves ~40%, 50 ~50%). 128:
   * with 100 connections creating projects, groups of 55–60 formed and the server answered 9%
   * more than with 32 (groups of 24); a group never outlives its turn of the event loop anyway.
   */
  maxGroup?: number;
  /** Called after each write reaches the WAL (a group's COMMIT, a write outside a transaction): the background checkpoint. */
  onCommit?: () => void;
  /** A statement's parameters the database must not be given: the error to fail it with instead (db.ts, the text rule). */
  refuse?: (parameters: readonly unknown[]) => Error | undefined;
}

export class GroupCommitSqliteDialect implements Dialect {
  /** The driver Kysely asked for (it asks once, when the instance is made). */
  driver: GroupCommitSqliteDriver | undefined;
  constructor(private readonly opts: GroupCommitOptions) {}
  createDriver(): Driver {
    return (this.driver = new GroupCommitSqliteDriver(this.opts));
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/** The one savepoint a grouped transaction runs in (only one transaction holds the connection at a time). */
const SP = '"plinth_grouped_tx"';
// Built once: the control statements are looked up by their text (#stmt), and a template built
// on every call is a new string to hash each time.
const SAVEPOINT = `savepoint ${SP}`;
const ROLLBACK_TO = `rollback to ${SP}`;
const RELEASE = `release ${SP}`;
const DEFER_ALL_KEYS = /^\s*pragma\s+defer_foreign_keys\b/i;
const DDL = /^\s*(create|alter|drop)\s/i;
const WRITE = /^\s*(insert|update|delete|replace)\s/i;
// Taken at load: a test that fakes timers must not stop commits (a write would never be acknowledged).
const nextTurn = globalThis.setImmediate;

interface Member {
  resolve(): void;
  reject(err: unknown): void;
}


/**
 * Open connections per database file in this process. Two apps of one process on one file (the
 * two-node tests on SQLite) must not group: better-sqlite3 waits for a lock synchronously
 * (busy_timeout), on the same event loop that would run the other connection's COMMIT, so a
 * group held to the end of the turn would time the other connection out. They commit each
 * transaction at once, as Kysely's own driver does. Other processes wait on their own threads.
 */
const openFiles = new Map<string, number>();

/** Counts over every group-commit driver of the process (bench/group-commit.ts prints the mean group). */
export const groupCommitStats = { commits: 0, transactions: 0 };

export class GroupCommitSqliteDriver implements Driver {
  readonly #raw: SQLiteType.Database;
  readonly #db: SqliteDatabase;
  readonly #max: number;
  readonly #mutex = new ConnectionMutex();
  readonly #control = new Map<string, SQLiteType.Statement>();
  /** The transactions released into the open SQLite transaction, waiting for its COMMIT; undefined when none is open. */
  #group: Member[] | undefined;
  /** The deferred foreign keys (sqlite-deferred-keys.ts). */
  readonly #deferred: ReturnType<typeof deferredKeys>;
  #schemaVersion = -1;
  #flushScheduled = false;
  /** Whether a statement of the open group changed rows (its COMMIT then reaches the WAL). */
  #groupChanged = false;
  /** Reads outside a transaction waiting for the open group's COMMIT (`execute`). */
  #parked: (() => void)[] = [];

  readonly #file: string | undefined;
  readonly #onCommit: (() => void) | undefined;
  readonly #refuse: GroupCommitOptions['refuse'];

  constructor(opts: GroupCommitOptions) {
    this.#refuse = opts.refuse;
    this.#raw = opts.raw;
    this.#db = opts.database;
    this.#deferred = deferredKeys(this.#raw, (text) => this.#stmt(text));
    this.#max = opts.maxGroup ?? 128;
    this.#onCommit = opts.onCommit;
    this.#file = opts.raw.memory ? undefined : path.resolve(opts.raw.name);
    if (this.#file) openFiles.set(this.#file, (openFiles.get(this.#file) ?? 0) + 1);
  }

  /** Whether another connection of this process has the same file open (see `openFiles`). */
  #shared() {
    return this.#file !== undefined && (openFiles.get(this.#file) ?? 0) > 1;
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new Lease(this);
  }

  async beginTransaction(connection: DatabaseConnection) {
    const lease = leaseOf(connection);
    // Deferred BEGIN, as Kysely's own driver: the write lock is taken at the first write.
    if (!this.#group) this.#open();
    this.#exec(SAVEPOINT);
    Object.assign(lease, { inTransaction: true, statements: 0, keys: { checkAll: false }, alone: false });
  }

  async commitTransaction(connection: DatabaseConnection) {
    const lease = leaseOf(connection);
    const group = this.#group;
    if (!group) {
      lease.inTransaction = false;
      throw lostError();
    }
    if (this.#deferred.violatedBy(lease.keys, group.length > 0)) {
      this.#exec(ROLLBACK_TO);
      this.#exec(RELEASE);
      lease.inTransaction = false;
      throw Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    }
    this.#exec(RELEASE);
    lease.inTransaction = false;
    const committed = new Promise<void>((resolve, reject) => group.push({ resolve, reject }));
    if (!lease.alone && !lease.keys.checkAll && group.length < this.#max && !this.#shared()) {
      // Keep the group open for whoever comes next; Kysely's release of this lease comes later, a no-op.
      lease.released = true;
      this.#leave();
    } else {
      this.#commitGroup();
    }
    return committed;
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const lease = leaseOf(connection);
    if (!lease.inTransaction) return;
    lease.inTransaction = false;
    // SQLite already rolled the whole transaction back (see `run`): nothing left to undo.
    if (!this.#group || !this.#raw.inTransaction) return;
    try {
      this.#exec(ROLLBACK_TO);
      this.#exec(RELEASE);
    } catch (err) {
      this.#abandon(err);
    }
  }

  async savepoint(connection: DatabaseConnection, name: string) {
    this.run(leaseOf(connection), CompiledQuery.raw(`savepoint ${quote(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    this.run(leaseOf(connection), CompiledQuery.raw(`rollback to ${quote(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    this.run(leaseOf(connection), CompiledQuery.raw(`release ${quote(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection) {
    const lease = leaseOf(connection);
    if (lease.released) return;
    lease.released = true;
    // A controlled transaction dropped without commit or rollback: its work must not join the group.
    if (lease.inTransaction) await this.rollbackTransaction(lease);
    if (this.#group && this.#group.length >= this.#max) this.#commitGroup();
    this.#leave();
  }

  async destroy() {
    // Work released by transactions that finished is committed if nobody holds the connection.
    if (this.#group && !this.#mutex.locked) this.#commitGroup();
    const group = this.#group;
    this.#group = undefined;
    this.#groupChanged = false;
    if (group) for (const m of group) m.reject(new Error('the database was closed before the transaction committed'));
    this.#wakeParked();
    if (this.#file && this.#raw.open) {
      const n = (openFiles.get(this.#file) ?? 1) - 1;
      if (n > 0) openFiles.set(this.#file, n);
      else openFiles.delete(this.#file);
    }
    this.#raw.close();
  }

  /**
   * Runs one statement for `lease` (which holds the connection). Outside a transaction, while a
   * group is open: a read gives the connection up until the group's COMMIT, then runs (run now,
   * it would see the group's unacknowledged work; committing the group first cut groups short: in
   * the provisioning flow, where requests read between their writes, groups averaged under two
   * transactions, and reads waiting instead measured 1.3x flows/s); an INSERT, UPDATE or DELETE
   * runs as a transaction of its own that joins the group (in autocommit it would commit the
   * group first, then pay a COMMIT of its own). DDL and pragmas still commit the group first.
   */
  execute(lease: Lease, query: CompiledQuery): Promise<QueryResult<unknown>> {
    try {
      const refused = this.#refuse?.(query.parameters);
      if (refused) return Promise.reject(refused);
      if (!lease.inTransaction) {
        if (this.#group && (this.#db.prepare(query.sql) as unknown as SQLiteType.Statement).readonly) return this.#afterGroup().then(() => this.run(lease, query));
        if (!this.#shared() && WRITE.test(query.sql)) return this.#runGrouped(lease, query);
      }
      return Promise.resolve(this.run(lease, query));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Gives the connection up until the open group has committed (or failed), so the turn's transactions keep joining it, then takes it back. */
  async #afterGroup() {
    const woken = new Promise<void>((resolve) => this.#parked.push(resolve));
    this.#leave();
    await woken;
    // A group opened meanwhile is committed by the statement (`prepareFor`): one wait at most.
    await this.#mutex.lock();
  }

  /** One write as a transaction: acknowledged only once its group has committed, rolled back alone if it fails. */
  async #runGrouped(lease: Lease, query: CompiledQuery): Promise<QueryResult<unknown>> {
    await this.beginTransaction(lease);
    let result: QueryResult<unknown>;
    try {
      result = this.run(lease, query);
    } catch (err) {
      await this.rollbackTransaction(lease);
      throw err;
    }
    await this.commitTransaction(lease);
    return result;
  }

  #wakeParked() {
    const parked = this.#parked;
    this.#parked = [];
    for (const wake of parked) wake();
  }

  /** Runs one statement for `lease` (which holds the connection), as it comes. */
  run(lease: Lease, query: CompiledQuery): QueryResult<unknown> {
    const stmt = this.prepareFor(lease, query);
    const parameters = query.parameters as unknown[];
    try {
      if (stmt.reader) return { rows: (query as { [ROWS_AS_ARRAYS]?: true })[ROWS_AS_ARRAYS] ? allAsArrays(stmt, parameters) : stmt.all(parameters) };
      const { changes, lastInsertRowid } = stmt.run(parameters);
      if (changes > 0) {
        if (lease.inTransaction) this.#groupChanged = true;
        else this.#onCommit?.();
      }
      return {
        numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
        insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
        rows: [],
      };
    } catch (err) {
      // Some errors (disk full, I/O, out of memory) make SQLite roll back the whole transaction,
      // the group's released work included: those transactions fail rather than report a commit.
      if (this.#group && !this.#raw.inTransaction) this.#abandon(err);
      throw err;
    }
  }

  /** The statement for `query`, after what running it for `lease` requires of the group. */
  prepareFor(lease: Lease, query: CompiledQuery): SQLiteType.Statement {
    const text = query.sql;
    if (DDL.test(text)) this.#deferred.reset();
    if (!lease.inTransaction) {
      if (this.#group) this.#commitGroup();
    } else {
      if (!this.#group) throw lostError();
      if (DEFER_ALL_KEYS.test(text)) this.#runAlone(lease);
      else this.#deferred.note(lease.keys, text);
      lease.statements++;
    }
    return this.#db.prepare(text) as unknown as SQLiteType.Statement;
  }

  /**
   * Gives the connection up, the group (if any) still open. The transactions behind are queued
   * already, or arrive within this turn of the event loop: the group's COMMIT runs once the
   * connection is free at the end of the turn (setImmediate), or at once when a statement outside
   * a transaction needs it, or when the group is full.
   */
  #leave() {
    if (this.#group && !this.#flushScheduled) {
      this.#flushScheduled = true;
      nextTurn(this.#flush);
    }
    this.#mutex.unlock();
  }

  readonly #flush = () => {
    this.#flushScheduled = false;
    if (!this.#group) return;
    // Held: the holder leaves through #leave, which schedules this again.
    if (this.#mutex.locked) return;
    this.#commitGroup();
  };

  #open() {
    this.#exec('begin');
    this.#group = [];
    // Another process may have migrated the schema meanwhile: re-read the deferred keys then.
    const version = this.#stmt('pragma schema_version').pluck().get() as number;
    if (version !== this.#schemaVersion) {
      this.#schemaVersion = version;
      this.#deferred.reset();
    }
  }

  #commitGroup() {
    const members = this.#group!;
    const changed = this.#groupChanged;
    this.#group = undefined;
    this.#groupChanged = false;
    groupCommitStats.commits++;
    groupCommitStats.transactions += members.length;
    try {
      this.#exec('commit');
    } catch (err) {
      // A failed COMMIT (a deferred key, SQLITE_BUSY) leaves the transaction open: undo all of it.
      try {
        if (this.#raw.inTransaction) this.#exec('rollback');
      } catch {
        // The transaction is gone either way; every member is told below.
      }
      this.#wakeParked();
      for (const m of members) m.reject(err);
      return;
    }
    // A group that changed no row (an INSERT OR IGNORE that ignored) wrote nothing to the WAL.
    if (changed) this.#onCommit?.();
    // The waiting reads first: they queue for the connection before the members' requests go on.
    this.#wakeParked();
    for (const m of members) m.resolve();
  }

  /** The open SQLite transaction is lost (rolled back, or cannot be undone in part): fail its members. */
  #abandon(cause: unknown) {
    const members = this.#group ?? [];
    this.#group = undefined;
    this.#groupChanged = false;
    try {
      if (this.#raw.inTransaction) this.#exec('rollback');
    } catch {
      // Nothing more to undo.
    }
    const err = lostError(cause);
    this.#wakeParked();
    for (const m of members) m.reject(err);
  }

  /**
   * `pragma defer_foreign_keys` holds for the SQLite transaction until COMMIT, so it would defer
   * the keys of every later member, and one violation would fail them all: its transaction gets a
   * SQLite transaction of its own. As the first statement, nothing of it is lost by committing
   * the group before it.
   */
  #runAlone(lease: Lease) {
    if (lease.statements > 0) throw new Error('pragma defer_foreign_keys must be the first statement of its transaction');
    lease.alone = true;
    if (this.#group!.length === 0) return;
    this.#exec(RELEASE);
    this.#commitGroup();
    this.#open();
    this.#exec(SAVEPOINT);
  }

  #stmt(text: string) {
    let s = this.#control.get(text);
    if (!s) this.#control.set(text, (s = this.#raw.prepare(text)));
    return s;
  }

  #exec(text: string) {
    this.#stmt(text).run();
  }
}

/** Set on a compiled query whose rows should come back as arrays (`precompile(…).arrays`). */
export const ROWS_AS_ARRAYS = Symbol('plinth.rowsAsArrays');

/** The statement is shared through the statement cache by its text: its mode is put back. */
function allAsArrays(stmt: SQLiteType.Statement, parameters: unknown[]) {
  stmt.raw(true);
  try {
    return stmt.all(parameters);
  } finally {
    stmt.raw(false);
  }
}

function lostError(cause?: unknown) {
  const e = new Error('the SQLite transaction was rolled back (a statement of its commit group failed it)', { cause });
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? Object.assign(e, { code }) : e;
}
