import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';

/**
 * Whole-database state for the test controls: reset to empty, named snapshots and their
 * restore. Works on every table the migrations created, discovered from the catalog (so a
 * resource that adds a table is covered without a change here), in foreign-key order.
 *
 * Kept across reset and restore: the migration bookkeeping, the token signing keys and the
 * internal secrets (`signing_keys`, `system_secrets`: tokens a test holds stay verifiable and
 * stored secret hashes stay checkable) and the rate-limit counters' table (cleared separately).
 * Reset also keeps the default account and the rows `keep` names (the bootstrap credential);
 * the caller re-runs the identity bootstrap afterwards.
 *
 * A snapshot is a copy of every other table's rows in this process's memory (columns are
 * portable text and integers, so a row read back is a row to insert). Restore replaces the
 * tables' contents with it inside one transaction: children deleted first, parents inserted
 * first, multi-row INSERTs. On SQLite that is a few milliseconds for a test-sized database.
 */

const KEPT = new Set(['kysely_migration', 'kysely_migration_lock', 'signing_keys', 'system_secrets', 'plinth_rate_limits']);

export interface Snapshot {
  name: string;
  createdAt: string;
  tables: Map<string, Record<string, unknown>[]>;
  rows: number;
}

export interface ResetKeep {
  /** Rows to keep, per table: the column and its values. */
  [table: string]: { column: string; values: string[] };
}

export interface DatabaseState {
  /** Tables in insertion order (parents before children). */
  tables(): Promise<string[]>;
  snapshot(name: string, createdAt: string): Promise<Snapshot>;
  restore(snapshot: Snapshot, inTransaction?: (trx: Db) => Promise<void>): Promise<void>;
  reset(keep: ResetKeep, inTransaction?: (trx: Db) => Promise<void>): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function discover(db: Db, dialect: Dialect): Promise<{ tables: string[]; parents: Map<string, Set<string>> }> {
  const parents = new Map<string, Set<string>>();
  let tables: string[];
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    tables = rows.rows.map((r) => r.name).filter((t) => !KEPT.has(t));
    for (const t of tables) {
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      parents.set(t, new Set(fks.rows.map((r) => r.table).filter((p) => p !== t)));
    }
  } else {
    const rows = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
    tables = rows.rows.map((r) => r.name).filter((t) => !KEPT.has(t));
    const fks = await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
    for (const t of tables) parents.set(t, new Set());
    for (const r of fks.rows) if (r.child !== r.parent) parents.get(r.child)?.add(r.parent);
  }
  // Parents first (a table after every table it references).
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (placed.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) if (tables.includes(p)) visit(p, path);
    path.delete(t);
    placed.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return { tables: ordered, parents };
}

// PostgreSQL allows 65535 bind parameters per statement, SQLite 32766; stay well below both.
const MAX_PARAMS = 10_000;

async function insertRows(trx: Db, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = sql.raw(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = sql.join(chunk.map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`));
    await sql`${head}${values}`.execute(trx);
  }
}

export function createDatabaseState(db: Db, dialect: Dialect): DatabaseState {
  // The schema does not change while the app runs (migrations run before it serves).
  let order: Promise<string[]> | undefined;
  const tables = () => (order ??= discover(db, dialect).then((d) => d.tables));

  // `tables()` is read before each transaction opens (on SQLite the transaction holds the one connection).
  const clearAll = async (trx: Db, ordered: string[], keep: ResetKeep = {}) => {
    if (dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    for (const t of [...ordered].reverse()) {
      const k = keep[t];
      if (k && k.values.length > 0) {
        await sql`delete from ${sql.raw(quote(t))} where ${sql.raw(quote(k.column))} not in (${sql.join(k.values)})`.execute(trx);
      } else {
        await sql`delete from ${sql.raw(quote(t))}`.execute(trx);
      }
    }
  };

  return {
    tables,
    async snapshot(name, createdAt) {
      const out = new Map<string, Record<string, unknown>[]>();
      let rows = 0;
      const ordered = await tables();
      // One transaction, so the copy is consistent (on PostgreSQL, repeatable read).
      await db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`set transaction isolation level repeatable read`.execute(trx);
        for (const t of ordered) {
          const r = await sql<Record<string, unknown>>`select * from ${sql.raw(quote(t))}`.execute(trx);
          out.set(t, r.rows);
          rows += r.rows.length;
        }
      });
      return { name, createdAt, tables: out, rows };
    },
    async restore(snapshot, inTransaction) {
      const ordered = await tables();
      await db.transaction().execute(async (trx) => {
        await clearAll(trx, ordered);
        for (const t of ordered) await insertRows(trx, t, snapshot.tables.get(t) ?? []);
        await inTransaction?.(trx);
      });
    },
    async reset(keep, inTransaction) {
      const ordered = await tables();
      await db.transaction().execute(async (trx) => {
        await clearAll(trx, ordered, keep);
        await inTransaction?.(trx);
      });
    },
  };
}
