import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SQLiteType from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type DatabaseConnection, type Dialect as KyselyDialect, type SqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../../config.js';
import { unstorableText } from '../text.js';
import { MIGRATIONS } from './migrations/index.js';
import { preparedName } from './prepared-names.js';
import { createFromSnapshot } from './migrations/snapshot.js';
import type { Database } from './schema.js';
import { createCheckpointer, FALLBACK_PAGES } from './sqlite-checkpointer.js';
import { GroupCommitSqliteDialect } from './sqlite-group-driver.js';
import { installLightTransactions } from './sqlite-transactions.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** SQLite files only: the background checkpoints so far (sqlite-checkpointer.ts). */
  checkpoints?: () => { checkpoints: number; failures: number; log: number; copied: number };
  /** PostgreSQL only: the pool (limiters shared across nodes, pool metrics). */
  pool?: import('pg').Pool;
  /** SQLite only: an empty database gets the migrations' schema in one step (migrations/snapshot.ts). */
  createFromSnapshot?: () => string[];
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * A query parameter holds text that PostgreSQL cannot store (a NUL character, an unpaired UTF-16
 * surrogate). Raised by both dialects before the statement runs, so SQLite refuses exactly what
 * PostgreSQL would: one rule for text on both databases. Requests are checked field by field at
 * the HTTP layer first (src/core/http/plugins/text-rules.ts); this is the storage-side backstop.
 */
export class UnstorableTextError extends Error {
  override name = 'UnstorableTextError';
  readonly statusCode = 400;
  constructor(readonly rule: string) {
    super(`a text value ${rule}`);
  }
}

/** Where the database's complaints go (pool and connection errors). */
export interface DbLogger {
  warn(obj: object, msg: string): void;
}

/** The error for a statement with a text parameter PostgreSQL cannot store, on either dialect. */
function unstorableParameter(parameters: readonly unknown[]): UnstorableTextError | undefined {
  for (const p of parameters) {
    if (typeof p === 'string') {
      const rule = unstorableText(p);
      if (rule) return new UnstorableTextError(rule);
    }
  }
  return undefined;
}

/**
 * Refuse text parameters that PostgreSQL cannot store, on every pooled PostgreSQL connection
 * (its `executeQuery` is wrapped once; statements without text cost a loop). The SQLite driver
 * checks them itself (`refuse`): it lends a new lease object each time, which this would wrap
 * again on every acquisition.
 */
function guardText(dialect: KyselyDialect): KyselyDialect {
  const guarded = new WeakSet<DatabaseConnection>();
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => {
        const conn = await acquire();
        if (!guarded.has(conn)) {
          guarded.add(conn);
          const execute = conn.executeQuery.bind(conn);
          conn.executeQuery = (query) => {
            const refused = unstorableParameter(query.parameters);
            return refused ? Promise.reject(refused) : execute(query);
          };
        }
        return conn;
      };
      return driver;
    },
  };
}

/**
 * better-sqlite3 under Kysely: Kysely's SQLite driver calls `prepare(sql)` for every query, and
 * preparing costs about as much as running our small queries. Hand it a view of the database
 * that reuses prepared statements per SQL text (bounded, least recently used first out). A
 * statement that is busy (an open `iterate()`) is never handed out twice; a fresh one is
 * prepared instead. SQLite re-prepares cached statements itself after a schema change.
 */
export function withStatementCache(raw: SQLiteType.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLiteType.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const stmt = raw.prepare(sqlText);
      if (!hit) {
        cache.set(sqlText, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

/** The first failure of the background checkpoint, logged once (later ones would repeat it). */
const onceLogged = (log: DbLogger | undefined) => {
  let logged = false;
  return (message: string) => {
    if (logged) return;
    logged = true;
    log?.warn({ err: { message } }, 'the background WAL checkpoint failed; the server checkpoints the WAL itself');
  };
};

// Defined as true by the build (scripts/build.ts).
declare const PLINTH_BUNDLED: boolean | undefined;

/**
 * better-sqlite3's native addon, for the driver's JavaScript that the CLI bundle carries. Loaded
 * from node_modules, the driver cost ~100 file-system look-ups and an uncached compile of its
 * modules at every start (~8 ms of the main thread's CPU before the first request, measured
 * 2026-12-03); bundled, it runs from the code cache, but its own search for the addon (the
 * `bindings` package) would look beside the bundle. So the addon is found here, in the driver's
 * package: where an install or `npm rebuild` puts it, and failing that by the driver's own search
 * rooted there. The sources (tests, dev) leave it to the driver.
 */
function nativeBinding(): object | undefined {
  if (typeof PLINTH_BUNDLED === 'undefined') return undefined;
  return loadSqliteAddon(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')));
}

/** The addon of the better-sqlite3 package at `root` (see `nativeBinding`). */
export function loadSqliteAddon(root: string): object {
  try {
    return createRequire(import.meta.url)(path.join(root, 'build', 'Release', 'better_sqlite3.node'));
  } catch (err) {
    // An addon that is there but cannot load (another Node's ABI) fails with its own error.
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    return createRequire(path.join(root, 'package.json'))('bindings')({ bindings: 'better_sqlite3.node', module_root: root });
  }
}

// Each driver is imported only when its dialect is used: start-up pays for one of them.
export async function openStore(cfg: DatabaseConfig, opts: { logger?: DbLogger; namedStatements?: boolean } = {}): Promise<Store> {
  if (cfg.kind === 'sqlite') {
    const SQLite = (await import('better-sqlite3')).default;
    if (!cfg.memory) mkdirSync(path.dirname(cfg.filename), { recursive: true });
    let raw: SQLiteType.Database;
    try {
      // An addon object is accepted as well as a path (lib/database.js); the types name only the path.
      raw = new SQLite(cfg.filename, { nativeBinding: nativeBinding() as string | undefined });
    } catch (err) {
      throw new DatabaseUnavailableError(`cannot open SQLite database ${cfg.filename}: ${(err as Error).message}`);
    }
    if (!cfg.memory) raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('busy_timeout = 5000');
    // Every grouped transaction runs in a SAVEPOINT, whose undo journal SQLite spills to a temp
    // file (/var/tmp/etilqs_*, created and unlinked) past 64 KiB: a FULL_SAAS project create
    // dirties more than that, so the provisioning flow opened a temp file every few commits and
    // a third of its file writes went there. In memory they cost no system call, and the server
    // needs no writable temp directory. Temp B-trees stay small: every list is paged.
    raw.pragma('temp_store = MEMORY');
    // Checkpoints run on a worker thread; the connection's own is the fallback (sqlite-checkpointer.ts).
    const checkpointer = cfg.memory ? undefined : createCheckpointer(path.resolve(cfg.filename), { onError: onceLogged(opts.logger) });
    if (checkpointer) raw.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    // Transactions that queue for the one connection share a COMMIT (sqlite-group-driver.ts).
    const dialect = new GroupCommitSqliteDialect({ raw, database: withStatementCache(raw), onCommit: checkpointer?.committed, refuse: unstorableParameter });
    const db = new Kysely<Database>({ dialect });
    installLightTransactions(db, dialect.driver!, dialect);
    return {
      db,
      dialect: 'sqlite',
      ping: async () => {
        raw.prepare('select 1').get();
      },
      checkpoints: checkpointer?.stats,
      createFromSnapshot: () => createFromSnapshot(raw),
      close: async () => {
        await checkpointer?.close();
        await db.destroy();
      },
    };
  }
  const pg = (await import('pg')).default;
  // COUNT(*) and BIGINT come back from pg as strings; our counts fit comfortably in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  // Requests fail fast while PostgreSQL is away (a refused connection fails at once; a server
  // that does not answer, after 3 s) and the pool opens fresh connections once it is back.
  const pool = new pg.Pool({ connectionString: cfg.url, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 10_000, keepAlive: true });
  // A connection that loses its server (restart, failover, network) emits 'error': while idle in
  // the pool on the pool, while checked out on the client itself. Both are logged; neither may
  // reach Node as an unhandled 'error' event (that ends the process). The pool drops the broken
  // connection (a checked-out one when it is released) and opens a new one on demand.
  const log = opts.logger;
  let lastLogged = 0;
  const logLost = (err: Error, where: string) => {
    // One line per second at most: a restart breaks every connection at once.
    const now = Date.now();
    if (now - lastLogged < 1000) return;
    lastLogged = now;
    log?.warn({ err: { message: err?.message, code: codeOf(err) }, where }, 'database connection lost; requests answer 503 until it is back');
  };
  pool.on('error', (err) => logLost(err, 'idle'));
  const named = opts.namedStatements ?? true;
  pool.on('connect', (client) => {
    client.on('error', (err) => logLost(err, 'in use'));
    if (named) prepareByName(client);
  });
  const db = new Kysely<Database>({ dialect: guardText(new PostgresDialect({ pool })) });
  const ping = async () => {
    await sql`select 1`.execute(db);
  };
  try {
    await ping();
  } catch (err) {
    await db.destroy().catch(() => {});
    const u = new URL(cfg.url);
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}: ${(err as Error).message}`);
  }
  return { db, dialect: 'postgres', ping, close: () => db.destroy(), pool };
}

/**
 * The precompiled statements run as named prepared statements on this connection: pg parses
 * each once per connection and then only binds and executes it (precompiled.ts,
 * prepared-names.ts). Kysely calls `query(text, values)`; any other call goes through unchanged.
 */
function prepareByName(client: PoolClient) {
  const query = client.query as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = function (this: PoolClient, ...args: unknown[]) {
    const name = args.length === 2 && typeof args[0] === 'string' && Array.isArray(args[1]) ? preparedName(args[0]) : undefined;
    return name ? query.call(this, { name, text: args[0], values: args[1] }) : query.apply(this, args);
  };
}

/**
 * Apply every pending migration. Kysely's migrator takes a lock, so concurrent nodes are safe.
 * Returns the migrations applied now.
 */
export async function migrateToLatest(store: Pick<Store, 'db' | 'dialect' | 'createFromSnapshot'>): Promise<string[]> {
  const { db, dialect } = store;
  const created = store.createFromSnapshot?.() ?? [];
  // On PostgreSQL the bookkeeping tables live in the connection's current schema (search_path),
  // so several deployments (or test runs) can share one database in separate schemas. Whether the
  // migrator's table exists there comes with it (querying a missing table logs an error on the server).
  const pg =
    dialect === 'postgres'
      ? (await sql<{ s: string; present: boolean }>`select current_schema() as s, to_regclass(quote_ident(current_schema()) || '.kysely_migration') is not null as present`.execute(db)).rows[0]
      : undefined;
  const schema = pg?.s;
  // Every start of an up-to-date database: one query instead of the migrator's table listing,
  // lock and bookkeeping (10–15 ms of a SQLite start on this VM).
  if (pg?.present !== false && (await upToDate(db, schema))) return created;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's Migrator looks for its bookkeeping tables through the introspector, which lists the
  // tables of every schema of the database; a schema dropped meanwhile by someone else (parallel
  // test runs sharing a database) fails that listing. Nothing was migrated then: try again.
  for (let attempt = 1; error && dialect === 'postgres' && /schema "[^"]*" does not exist|relation "[^"]*" does not exist/.test(String((error as Error).message)) && attempt <= 5; attempt++) {
    await new Promise((r) => setTimeout(r, 50 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`);
  }
  return [...created, ...(results ?? []).map((r) => r.migrationName)];
}

/**
 * Whether the database records exactly the migrations this build has. Anything else (no
 * bookkeeping table yet, a pending migration, one this build does not know) is the migrator's
 * to handle, with its lock and its errors. A migration's row commits with its changes (both
 * databases run DDL in transactions), so a recorded migration is a finished one.
 */
async function upToDate(db: Db, schema: string | undefined): Promise<boolean> {
  let names: string[];
  try {
    names = (await sql<{ name: string }>`select name from ${sql.table(schema ? `${schema}.kysely_migration` : 'kysely_migration')}`.execute(db)).rows.map((r) => r.name);
  } catch {
    return false; // SQLite without the table yet
  }
  const known = Object.keys(MIGRATIONS);
  return names.length === known.length && names.every((n) => n in MIGRATIONS);
}

function codeOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|driver has already been destroyed|Query read timeout)/;

/**
 * The database cannot serve the statement now, but may again soon: it refused or dropped the
 * connection, is shutting down or starting up, the pool could not connect in time, or SQLite
 * stayed locked past its busy timeout. The HTTP layer answers 503 with Retry-After. Causes are
 * followed (a wrapped error counts as its cause).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = codeOf(e);
    if (code) {
      // PostgreSQL: class 08 (connection exception), 57P01-03 (admin/crash shutdown, cannot
      // connect now), 53300 (too many connections).
      if (/^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
      if (UNAVAILABLE_ERRNO.has(code)) return true;
      if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) return true;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

/** PostgreSQL refused text it cannot store (22021 NUL / invalid byte, 22P05 untranslatable); the same rule as `UnstorableTextError`. */
export function isUnstorableText(err: unknown): boolean {
  const c = codeOf(err);
  return err instanceof UnstorableTextError || c === '22021' || c === '22P05';
}

export function isUniqueViolation(err: unknown): boolean {
  const c = codeOf(err);
  return c === '23505' || c === 'SQLITE_CONSTRAINT_UNIQUE' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const c = codeOf(err);
  return c === '23503' || c === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export const nowIso = (clock: () => Date = () => new Date()) => clock().toISOString();
