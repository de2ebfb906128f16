import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type SQLiteType from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../../config.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL only: the pool (limiters shared across nodes, pool metrics). */
  pool?: import('pg').Pool;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
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

// Each driver is imported only when its dialect is used: start-up pays for one of them.
export async function openStore(cfg: DatabaseConfig): Promise<Store> {
  if (cfg.kind === 'sqlite') {
    const SQLite = (await import('better-sqlite3')).default;
    if (!cfg.memory) mkdirSync(path.dirname(cfg.filename), { recursive: true });
    let raw: SQLiteType.Database;
    try {
      raw = new SQLite(cfg.filename);
    } catch (err) {
      throw new DatabaseUnavailableError(`cannot open SQLite database ${cfg.filename}: ${(err as Error).message}`);
    }
    if (!cfg.memory) raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    return {
      db,
      dialect: 'sqlite',
      ping: async () => {
        raw.prepare('select 1').get();
      },
      close: () => db.destroy(),
    };
  }
  const pg = (await import('pg')).default;
  // COUNT(*) and BIGINT come back from pg as strings; our counts fit comfortably in a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: cfg.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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

/** Apply every pending migration. Kysely's migrator takes a lock, so concurrent nodes are safe. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables live in the connection's current schema (search_path),
  // so several deployments (or test runs) can share one database in separate schemas.
  const schema =
    dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

function codeOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
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
