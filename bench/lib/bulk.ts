import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchDb } from './targets.js';

/**
 * Fast bulk load straight into the database while no server runs: multi-row prepared INSERTs
 * in transactions on SQLite (better-sqlite3), `INSERT … SELECT FROM unnest($1::text[], …)`
 * batches on PostgreSQL (one statement per 10,000 rows), then ANALYZE on PostgreSQL (what
 * autovacuum would do shortly after such a load anyway).
 *
 * The projects table is known. Other tables (connections) are filled generically from their
 * column list, so the loader keeps working when the connections issue lands; see `valueFor`.
 */

export interface Column {
  name: string;
  /** SQLite declared type or PostgreSQL udt_name. */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  /** Table this column references, if it is a foreign key. */
  references?: string;
}

interface Loader {
  tables(): Promise<string[]>;
  columns(table: string): Promise<Column[]>;
  one<T>(sql: string): Promise<T | undefined>;
  insert(table: string, cols: Column[], rows: (n: number) => unknown[][], count: number): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

const BASE_TIME = Date.parse('2020-01-01T00:00:00.000Z');
export const iso = (i: number) => new Date(BASE_TIME + i * 10).toISOString();

function sqliteLoader(file: string): Loader {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  return {
    async tables() {
      return (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    },
    async columns(table) {
      const fks = db.prepare(`pragma foreign_key_list(${table})`).all() as { table: string; from: string }[];
      return (db.prepare(`pragma table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[]).map(
        (c) => ({
          name: c.name,
          type: c.type.toLowerCase(),
          notNull: c.notnull === 1 || c.pk === 1,
          hasDefault: c.dflt_value !== null,
          references: fks.find((f) => f.from === c.name)?.table,
        }),
      );
    },
    async one<T>(sql: string) {
      return db.prepare(sql).get() as T | undefined;
    },
    async insert(table, cols, rows, count) {
      const perStmt = Math.max(1, Math.min(500, Math.floor(32_000 / cols.length)));
      const tuple = `(${cols.map(() => '?').join(',')})`;
      const stmtFor = (n: number) => db.prepare(`insert into ${table} (${cols.map((c) => c.name).join(',')}) values ${Array(n).fill(tuple).join(',')}`);
      const full = stmtFor(perStmt);
      const batch = 20_000;
      const tx = db.transaction((start: number, end: number) => {
        for (let i = start; i < end; i += perStmt) {
          const n = Math.min(perStmt, end - i);
          const flat = rows(n).flat();
          // rows(n) yields the next n rows of the sequence
          (n === perStmt ? full : stmtFor(n)).run(...flat);
        }
      });
      for (let start = 0; start < count; start += batch) tx(start, Math.min(count, start + batch));
    },
    async finish() {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      db.close();
    },
  };
}

async function pgLoader(url: string): Promise<Loader> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const schema = (await c.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
  return {
    async tables() {
      return (await c.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = $1`, [schema])).rows.map((r) => r.t);
    },
    async columns(table) {
      const fks = (
        await c.query<{ col: string; ref: string }>(
          `select a.attname as col, cf.relname as ref
             from pg_constraint k
             join pg_class cl on cl.oid = k.conrelid
             join pg_namespace ns on ns.oid = cl.relnamespace
             join pg_class cf on cf.oid = k.confrelid
             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
            where k.contype = 'f' and ns.nspname = $1 and cl.relname = $2`,
          [schema, table],
        )
      ).rows;
      const cols = await c.query<{ column_name: string; udt_name: string; is_nullable: string; column_default: string | null }>(
        `select column_name, udt_name, is_nullable, column_default from information_schema.columns
          where table_schema = $1 and table_name = $2 order by ordinal_position`,
        [schema, table],
      );
      return cols.rows.map((r) => ({
        name: r.column_name,
        type: r.udt_name,
        notNull: r.is_nullable === 'NO',
        hasDefault: r.column_default !== null,
        references: fks.find((f) => f.col === r.column_name)?.ref,
      }));
    },
    async one<T>(sql: string) {
      return (await c.query(sql)).rows[0] as T | undefined;
    },
    async insert(table, cols, rows, count) {
      const batch = 10_000;
      const sql = `insert into ${table} (${cols.map((x) => `"${x.name}"`).join(',')})
                   select * from unnest(${cols.map((x, i) => `$${i + 1}::${x.type}[]`).join(',')})`;
      for (let start = 0; start < count; start += batch) {
        const n = Math.min(batch, count - start);
        const data = rows(n);
        const arrays = cols.map((_, j) => data.map((r) => r[j]));
        await c.query('begin');
        await c.query(sql, arrays);
        await c.query('commit');
      }
    },
    async finish() {
      await c.query('analyze');
    },
    async close() {
      await c.end();
    },
  };
}

async function open(db: BenchDb): Promise<Loader> {
  return db.kind === 'sqlite' ? sqliteLoader(db.where) : pgLoader(db.url);
}

export interface BulkResult {
  projects: number;
  projectIds: string[];
  projectsMs: number;
  connections: { table: string; rows: number; ms: number } | { skipped: string };
}

/** Candidate names of the connections table the connections issue will add. */
const CONNECTION_TABLES = ['connections', 'project_connections'];

/**
 * A value for column `c` of generated row `i`, by naming convention. Unknown NOT NULL columns
 * without a default get 'x' (text) or 0 (numbers); a NOT NULL foreign key to a table other than
 * projects/accounts cannot be generated and stops the load with a clear reason.
 */
function valueFor(c: Column, i: number, ctx: { accountId: string; projectIds: string[]; table: string }): unknown {
  const n = c.name.toLowerCase();
  const numeric = /int|real|numeric|float|double|bool/.test(c.type);
  if (n === 'id') return randomUUID();
  if (n === 'project_id') return ctx.projectIds[i % ctx.projectIds.length];
  if (n === 'account_id') return ctx.accountId;
  if (n === 'name') return `bulk-conn-${i}`;
  if (/(_at|_date|date)$/.test(n)) return iso(i);
  if (/platform_connection_type/.test(n)) return 'COMPONENT_BASIC';
  if (/auth_type/.test(n)) return 'GENERIC_SECRET';
  if (/auth_provider/.test(n)) return 'NONE';
  if (/created_by|updated_by/.test(n)) return '00000000-0000-4000-8000-000000000000';
  if (/description/.test(n)) return 'bulk';
  if (/json|details|properties|location|overrides/.test(n)) return c.type.includes('bool') ? false : '{}';
  if (c.references) {
    if (!c.notNull) return null;
    throw new Error(`column ${ctx.table}.${c.name} references ${c.references}; the generic loader cannot fill it`);
  }
  if (!c.notNull || c.hasDefault) return null;
  if (c.type.includes('bool')) return false;
  return numeric ? 0 : 'x';
}

export async function bulkLoad(db: BenchDb, opts: { projects: number; connections: number }): Promise<BulkResult> {
  const l = await open(db);
  try {
    const acc = await l.one<{ id: string }>(`select id from accounts where slug = 'default'`);
    if (!acc) throw new Error('no default account: start the server once before loading');
    const accountId = acc.id;

    const t0 = performance.now();
    const projectIds: string[] = [];
    const pcols = (await l.columns('projects')).filter((c) => c.notNull || ['description'].includes(c.name));
    let p = 0;
    await l.insert(
      'projects',
      pcols,
      (k) => {
        const out: unknown[][] = [];
        for (let j = 0; j < k; j++, p++) {
          const id = randomUUID();
          projectIds.push(id);
          const row: Record<string, unknown> = {
            id,
            account_id: accountId,
            name: `bulk-project-${String(p).padStart(7, '0')}`,
            description: p % 3 === 0 ? null : `bulk project ${p}`,
            warehouse: p % 2 ? 'SNOWFLAKE' : 'REDSHIFT',
            agent_deployment_type: 'HYBRID',
            created_at: iso(p),
            updated_at: iso(p),
          };
          out.push(pcols.map((c) => (c.name in row ? row[c.name] : valueFor(c, p, { accountId, projectIds, table: 'projects' }))));
        }
        return out;
      },
      opts.projects,
    );
    // Builds that keep per-account counters for list totals (account_counts, migration 0005)
    // need them to include the rows loaded around the server.
    if ((await l.tables()).includes('account_counts')) {
      await l.one(
        `insert into account_counts (account_id, slot, projects) values ('${accountId.replace(/'/g, "''")}', 0, ${Number(opts.projects)})
         on conflict (account_id, slot) do update set projects = account_counts.projects + excluded.projects returning account_id`,
      );
    }
    const projectsMs = performance.now() - t0;

    let connections: BulkResult['connections'] = { skipped: 'no connections table in this build' };
    const tables = await l.tables();
    const table = CONNECTION_TABLES.find((t) => tables.includes(t));
    if (table && opts.connections > 0) {
      const t1 = performance.now();
      const cols = (await l.columns(table)).filter((c) => c.notNull || c.name === 'project_id' || !c.hasDefault);
      let i = 0;
      const ctx = { accountId, projectIds, table };
      await l.insert(
        table,
        cols,
        (k) => {
          const out: unknown[][] = [];
          for (let j = 0; j < k; j++, i++) out.push(cols.map((c) => valueFor(c, i, ctx)));
          return out;
        },
        opts.connections,
      );
      connections = { table, rows: opts.connections, ms: performance.now() - t1 };
    }
    await l.finish();
    return { projects: opts.projects, projectIds, projectsMs, connections };
  } finally {
    await l.close();
  }
}
