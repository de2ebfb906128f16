import { randomBytes, randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchDb } from './targets.js';

/**
 * Fast bulk load straight into the database while no server runs: multi-row prepared INSERTs
 * in transactions on SQLite (better-sqlite3), `INSERT … SELECT FROM unnest($1::text[], …)`
 * batches on PostgreSQL (one statement per 10,000 rows), then ANALYZE on PostgreSQL (what
 * autovacuum would do shortly after such a load anyway).
 *
 * Writing rows behind the server's back is only sound if the loader knows every table and
 * column: a later migration could add a NOT NULL column, or a table the server keeps in step
 * with projects/connections (a per-project counter, say), and rows inserted without it would
 * leave a database the server never produces. So `checkSchema` compares the live schema (tables,
 * columns, applied migrations) with `KNOWN_SCHEMA` below and refuses to load anything when they
 * differ, naming what is new. Teaching the loader a new migration means: add its tables and
 * columns to `KNOWN_SCHEMA`, give every new projects/connections column a value in `rowFor`,
 * and fill (or recompute after the load) any table derived from those rows.
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
  all<T>(sql: string): Promise<T[]>;
  insert(table: string, cols: Column[], rows: (n: number) => unknown[][], count: number): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

const BASE_TIME = Date.parse('2020-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

function sqliteLoader(file: string): Loader {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  // The server is stopped and the database is a throwaway: a big page cache (the three
  // connections indexes do not fit the 2 MB default) and no fsync per transaction.
  db.pragma('cache_size = -524288');
  db.pragma('synchronous = OFF');
  return {
    async tables() {
      return (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`).all() as { name: string }[]).map((r) => r.name);
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
    async all<T>(sql: string) {
      return db.prepare(sql).all() as T[];
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
  // A throwaway database: do not wait for the WAL flush at each batch's commit.
  await c.query('set synchronous_commit = off');
  return {
    async tables() {
      return (await c.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [schema])).rows.map((r) => r.t);
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
    async all<T>(sql: string) {
      return (await c.query(sql)).rows as T[];
    },
    async insert(table, cols, rows, count) {
      const batch = 10_000;
      const sql = `insert into ${table} (${cols.map((x) => `"${x.name}"`).join(',')})
                   select * from unnest(${cols.map((x, i) => `$${i + 1}::${x.type}[]`).join(',')})`;
      // One statement (so one transaction) per batch; the next batch is generated while
      // PostgreSQL inserts the current one.
      let data = rows(Math.min(batch, count));
      for (let start = 0; start < count; start += batch) {
        const arrays = cols.map((_, j) => data.map((r) => r[j]));
        const inserting = c.query(sql, arrays);
        const next = start + batch < count ? rows(Math.min(batch, count - start - batch)) : [];
        await inserting;
        data = next;
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
  connections: { rows: number; ms: number };
}

/**
 * The schema as of migration 0004 (src/store/migrations), every table with its columns, and
 * what a bulk load of projects and connections means for it. Bookkeeping tables of Kysely's
 * migrator are not listed (they are read, not compared).
 */
export const KNOWN_MIGRATIONS = [
  '0001_foundation',
  '0002_agents_secrets',
  '0003_connections_environments',
  '0004_repositories',
  '0005_account_counts',
  '0006_agent_credential_secrets',
  '0007_people',
  '0008_memberships',
  '0009_audit_events',
  '0010_scim',
  '0011_artifacts',
  '0012_pipeline_executions',
  '0013_schedules_streaming',
  '0014_console_sessions',
  '0015_user_token_generation',
  '0016_agent_counts',
];
const KNOWN_SCHEMA: Record<string, { columns: string[]; load: string; optional?: boolean }> = {
  accounts: { columns: ['id', 'slug', 'name', 'created_at'], load: 'read: the default account owns the loaded projects' },
  api_credentials: { columns: ['client_id', 'account_id', 'name', 'role', 'kind', 'agent_id', 'secret_hash', 'created_at', 'secret_sealed', 'secret_generation'], load: 'untouched' },
  signing_keys: { columns: ['kid', 'generation', 'private_key', 'public_jwk', 'created_at'], load: 'untouched' },
  system_secrets: { columns: ['name', 'value', 'created_at'], load: 'untouched' },
  projects: {
    columns: ['id', 'account_id', 'name', 'description', 'warehouse', 'agent_deployment_type', 'created_at', 'updated_at'],
    load: 'filled (HYBRID projects, so no hosted agent is owed)',
  },
  agents: {
    columns: ['id', 'account_id', 'name', 'description', 'agent_type', 'cloud_provider', 'deployment', 'status', 'hosted', 'project_id', 'enable_auto_updates', 'restricted_access', 'track_name', 'paused_until', 'allowlist', 'created_at', 'updated_at'],
    load: 'untouched (only FULL_SAAS projects have an agent row)',
  },
  hosted_secrets: { columns: ['id', 'account_id', 'agent_id', 'name', 'type', 'secret_key', 'value', 'created_at', 'updated_at'], load: 'untouched' },
  secret_references: {
    columns: ['id', 'project_id', 'name', 'agent_type', 'secret_reference_type', 'description', 'secret_name', 'secret_key', 'vault_name', 'agent_id', 'value', 'created_at'],
    load: 'untouched (optional per project)',
  },
  connections: {
    columns: ['id', 'project_id', 'name', 'platform_connection_type', 'auth_provider', 'auth_type', 'connection_details', 'created_by', 'created_at', 'updated_at'],
    load: 'filled',
  },
  environments: {
    columns: ['id', 'project_id', 'name', 'display_name', 'description', 'default_agent_id', 'default_user_access_level', 'default_connections', 'created_by', 'created_at', 'updated_at'],
    load: 'untouched (optional per project)',
  },
  environment_default_connections: { columns: ['environment_id', 'kind', 'connection_id'], load: 'untouched' },
  environment_overrides: {
    columns: ['id', 'project_id', 'environment_id', 'connection_id', 'auth_type', 'overrides', 'created_by', 'created_at', 'updated_at'],
    load: 'untouched',
  },
  account_counts: { columns: ['account_id', 'slot', 'projects'], load: 'the loaded projects are added to the account\'s count' },
  agent_counts: { columns: ['account_id', 'slot', 'agents'], load: 'untouched (no agents are loaded)' },
  repositories: {
    columns: ['id', 'project_id', 'provider', 'repository_name', 'provider_parameters', 'token', 'token_id', 'token_created_at', 'token_expires_at', 'token_lifetime_days', 'last_rotated_at', 'next_rotation_at', 'rotation_attempts', 'last_error', 'rotation_started_at', 'lease_owner', 'lease_until', 'created_at', 'updated_at'],
    load: 'untouched (optional per project)',
  },
  artifact_deployments: { columns: ['id', 'project_id', 'environment_id', 'artifact_id', 'enabled', 'deployed_at', 'updated_at'], load: 'untouched (optional per project or account)' },
  artifact_files: { columns: ['artifact_id', 'path', 'media_type', 'content'], load: 'untouched (optional per project or account)' },
  artifacts: { columns: ['id', 'project_id', 'version_name', 'commit_hash', 'branch', 'provider', 'created_by', 'created_at'], load: 'untouched (optional per project or account)' },
  audit_events: { columns: ['event_id', 'account_id', 'event_timestamp', 'event_name', 'event_type', 'event_source', 'description', 'actor_id', 'actor_email', 'subject_type', 'subject_id', 'subject_name', 'project_id', 'additional_info'], load: 'untouched: the loaded projects have no project_created events (no measured query reads events)' },
  connector_profiles: { columns: ['account_id', 'kind', 'connector_id', 'profile', 'created_by', 'created_at', 'updated_at'], load: 'untouched (optional per project or account)' },
  console_sessions: { columns: ['id_hash', 'account_id', 'user_id', 'created_at', 'last_seen_at', 'expires_at'], load: 'untouched (optional per project or account)' },
  environment_roles: { columns: ['project_id', 'environment_id', 'principal_id', 'role', 'created_at', 'updated_at'], load: 'untouched (no environments are loaded)' },
  invitations: { columns: ['id', 'account_id', 'email', 'role', 'token_hash', 'expires_at', 'created_by', 'created_at', 'redeemed_at'], load: 'untouched (optional per project or account)' },
  lineage_events: { columns: ['id', 'account_id', 'project_id', 'execution_id', 'event_time', 'event'], load: 'untouched (optional per project or account)' },
  pipeline_behaviours: { columns: ['project_id', 'environment_name', 'pipeline_name', 'behaviour', 'updated_at'], load: 'untouched (optional per project or account)' },
  pipeline_execution_steps: { columns: ['execution_id', 'seq', 'step_id', 'name', 'component_type', 'status', 'started_at', 'finished_at', 'message', 'child_execution_id', 'child_pipeline_name'], load: 'untouched (optional per project or account)' },
  pipeline_executions: { columns: ['id', 'account_id', 'project_id', 'environment_name', 'pipeline_name', 'pipeline_path', 'pipeline_type', 'version_name', 'kind', 'status', 'trigger', 'schedule_id', 'user_name', 'created_by', 'execution_tag', 'active_tag', 'parent_id', 'started_at', 'finished_at', 'message', 'plan', 'state', 'variables', 'cancel_mode', 'next_at', 'lease_owner', 'lease_until', 'version', 'steps_run', 'millicredits'], load: 'untouched (optional per project or account)' },
  project_members: { columns: ['project_id', 'principal_id', 'principal_type', 'role', 'created_at', 'updated_at'], load: 'untouched: the loaded projects have no members (the bench reads them as the Super Admin, who sees every project)' },
  schedules: { columns: ['id', 'project_id', 'account_id', 'name', 'environment_name', 'pipeline_name', 'version_name', 'agent_id', 'cron_expression', 'cron_timezone', 'effective_from', 'schedule_enabled', 'allow_concurrent', 'scalar_variables', 'grid_variables', 'last_run_at', 'next_run_at', 'created_by', 'created_at', 'updated_at'], load: 'untouched (optional per project or account)' },
  scim_tokens: { columns: ['id', 'account_id', 'name', 'secret_hash', 'created_by', 'created_at'], load: 'untouched (optional per project or account)' },
  shared_pipeline_artifacts: { columns: ['id', 'account_id', 'prefix', 'version_name', 'commit_hash', 'branch', 'provider', 'enabled', 'created_by', 'created_at'], load: 'untouched (optional per project or account)' },
  shared_pipeline_files: { columns: ['artifact_id', 'path', 'media_type', 'content'], load: 'untouched (optional per project or account)' },
  streaming_pipelines: { columns: ['id', 'project_id', 'account_id', 'name', 'agent_id', 'definition', 'status', 'status_changed_at', 'created_at', 'updated_at'], load: 'untouched (optional per project or account)' },
  users: { columns: ['id', 'account_id', 'email', 'role', 'password_hash', 'active', 'external_id', 'display_name', 'given_name', 'family_name', 'scim_attributes', 'created_at', 'updated_at', 'token_generation'], load: 'untouched (optional per project or account)' },
  // Made by the rate limiter on PostgreSQL only (src/core/limits.ts), not by a migration.
  plinth_rate_limits: { columns: ['key', 'points', 'expire'], load: 'untouched (rate-limit counters)', optional: true },
};
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Throws, naming every difference, unless the live schema is exactly `KNOWN_SCHEMA`. */
async function checkLoaderSchema(l: Loader): Promise<void> {
  const problems: string[] = [];
  const applied = (await l.all<{ name: string }>('select name from kysely_migration order by name')).map((r) => r.name);
  const newMigrations = applied.filter((m) => !KNOWN_MIGRATIONS.includes(m));
  if (newMigrations.length) problems.push(`migrations ${newMigrations.join(', ')}`);
  const tables = (await l.tables()).filter((t) => !MIGRATOR_TABLES.includes(t));
  for (const t of tables.sort()) {
    const known = KNOWN_SCHEMA[t];
    const cols = (await l.columns(t)).map((c) => c.name);
    if (!known) {
      problems.push(`table ${t} (${cols.join(', ')})`);
      continue;
    }
    const extra = cols.filter((c) => !known.columns.includes(c));
    if (extra.length) problems.push(`columns ${extra.map((c) => `${t}.${c}`).join(', ')}`);
    const gone = known.columns.filter((c) => !cols.includes(c));
    if (gone.length) problems.push(`missing columns ${gone.map((c) => `${t}.${c}`).join(', ')}`);
  }
  const goneTables = Object.keys(KNOWN_SCHEMA).filter((t) => !KNOWN_SCHEMA[t]!.optional && !tables.includes(t));
  if (goneTables.length) problems.push(`missing tables ${goneTables.join(', ')}`);
  if (problems.length) {
    throw new Error(
      `bulk loader refuses to write: the schema has ${problems.join('; ')} that bench/lib/bulk.ts does not know ` +
        `(it knows ${KNOWN_MIGRATIONS.at(-1)}). Rows written without them could leave a database the server never produces ` +
        `(e.g. counters out of step). Add them to KNOWN_SCHEMA and rowFor, and fill any derived table.`,
    );
  }
}

/** Checks the schema of a database the server has migrated (see `checkLoaderSchema`). */
export async function checkSchema(db: BenchDb): Promise<void> {
  const l = await open(db);
  try {
    await checkLoaderSchema(l);
  } finally {
    await l.close();
  }
}

/** Random bytes for ids, drawn from a pool (one randomBytes call per 4,096 ids). */
let pool = Buffer.alloc(0);
let poolAt = 0;
function random10(): Buffer {
  if (poolAt + 10 > pool.length) {
    pool = randomBytes(10 * 4096);
    poolAt = 0;
  }
  poolAt += 10;
  return pool.subarray(poolAt - 10, poolAt);
}

/** A version-7 UUID for time `ms`, like src/domain/ordered-id.ts (ids sort in creation order). */
function orderedIdAt(ms: number): string {
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  random10().copy(b, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Shape of the generated data; one place so the projects and their connections agree. */
const warehouseOf = (p: number) => (p % 2 ? 'SNOWFLAKE' : 'REDSHIFT');
const PROJECT_TIME = (p: number) => BASE_TIME + p * 10;

interface RowCtx {
  accountId: string;
  projectIds: string[];
  /** Project indexes in the order of their ids (see `rowFor`). */
  byId: number[];
  /** How many connections are loaded in all. */
  connections: number;
  createdBy: string;
}

const AWS_DETAILS = JSON.stringify({
  description: 'AWS credentials',
  secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
  connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
});

/**
 * Generated row `i` of `table`: a value for every column of the two loaded tables (NOT NULL ones
 * with what the API would store, JSON columns as the JSON text the API writes, nullable ones
 * sometimes null as through the API). `valuesFor` turns it into the live table's column order
 * and refuses a column this does not know, rather than guessing.
 *
 * Connections: N connections over P projects, ⌈N/P⌉ per project, written project by project in
 * the order of the project ids, so that each of the table's indexes (project_id first, or the
 * time-ordered id) is filled nearly in order instead of at random places (3–4× faster at
 * 1,000,000 rows on SQLite). The first of a project is its data-warehouse connection
 * (`DWH`, the project's warehouse, no details, as POST …/data-platform-connections stores it),
 * the second an AWS cloud-credential connection, the rest COMPONENT_BASIC connections, alternately
 * with and without connectionDetails, like POST …/connections stores them.
 */
export function rowFor(table: 'projects' | 'connections', i: number, ctx: RowCtx): Record<string, unknown> {
  if (table === 'projects') {
    const t = at(PROJECT_TIME(i));
    return {
      id: randomUUID(),
      account_id: ctx.accountId,
      name: `bulk-project-${String(i).padStart(7, '0')}`,
      description: i % 3 === 0 ? null : `bulk project ${i}`,
      warehouse: warehouseOf(i),
      agent_deployment_type: 'HYBRID',
      created_at: t,
      updated_at: t,
    };
  }
  const P = ctx.projectIds.length;
  const per = Math.max(1, Math.ceil(ctx.connections / P));
  const p = ctx.byId[Math.floor(i / per)]!;
  const k = i % per; // index of this connection within its project
  // After every project (PROJECT_TIME(P - 1)), one connection per 10 ms.
  const ms = PROJECT_TIME(P) + i * 10;
  const t = at(ms);
  const common = { id: orderedIdAt(ms), project_id: ctx.projectIds[p], created_by: ctx.createdBy, created_at: t, updated_at: t };
  if (k === 0) {
    const wh = warehouseOf(p);
    return { ...common, name: 'warehouse', platform_connection_type: 'DWH', auth_provider: wh, auth_type: wh === 'SNOWFLAKE' ? 'KEY_PAIR' : 'PASSWORD', connection_details: null };
  }
  if (k === 1) {
    return { ...common, name: 'aws-credentials', platform_connection_type: 'CLOUD_PLATFORM_CREDENTIALS', auth_provider: 'aws', auth_type: 'CLOUD_PROVIDER_SECRET', connection_details: AWS_DETAILS };
  }
  return {
    ...common,
    name: `bulk-conn-${i}`,
    platform_connection_type: 'COMPONENT_BASIC',
    auth_provider: 'NONE',
    auth_type: 'GENERIC_SECRET',
    connection_details:
      k % 2 ? `{"description":"bulk connection ${i}","secretsLocation":{"type":"DEFAULT_SECRET_VAULT"},"connectionProperties":{"secretName":"secret-${i}","secretKey":"password"}}` : null,
  };
}

/** Row `i` of `table` in the order of `cols`; a column `rowFor` has no value for is an error. */
export function valuesFor(table: 'projects' | 'connections', cols: Column[], i: number, ctx: RowCtx): unknown[] {
  const row = rowFor(table, i, ctx);
  return cols.map((c) => {
    if (!(c.name in row)) throw new Error(`bulk loader: no value for ${table}.${c.name} (add it to rowFor in bench/lib/bulk.ts)`);
    return row[c.name];
  });
}

/**
 * Loads `projects` HYBRID projects and `connections` connections into the default account.
 * `createdBy` is the client id stored as the connections' creator (the bench's API credential).
 */
export async function bulkLoad(db: BenchDb, opts: { projects: number; connections: number; createdBy: string }): Promise<BulkResult> {
  const l = await open(db);
  try {
    await checkLoaderSchema(l);
    const acc = await l.one<{ id: string }>(`select id from accounts where slug = 'default'`);
    if (!acc) throw new Error('no default account: start the server once before loading');
    const ctx: RowCtx = { accountId: acc.id, projectIds: [], byId: [], connections: opts.connections, createdBy: opts.createdBy };

    const t0 = performance.now();
    const pcols = await l.columns('projects');
    let p = 0;
    await l.insert(
      'projects',
      pcols,
      (k) => {
        const out: unknown[][] = [];
        for (let j = 0; j < k; j++, p++) {
          const row = valuesFor('projects', pcols, p, ctx);
          ctx.projectIds.push(row[pcols.findIndex((c) => c.name === 'id')] as string);
          out.push(row);
        }
        return out;
      },
      opts.projects,
    );
    // The per-account counters behind list totals (account_counts, migration 0005) must include
    // the rows loaded around the server.
    {
      await l.one(
        `insert into account_counts (account_id, slot, projects) values ('${ctx.accountId.replace(/'/g, "''")}', 0, ${Number(opts.projects)})
         on conflict (account_id, slot) do update set projects = account_counts.projects + excluded.projects returning account_id`,
      );
    }
    const projectsMs = performance.now() - t0;

    const t1 = performance.now();
    if (opts.connections > 0) {
      if (ctx.projectIds.length === 0) throw new Error('bulk loader: connections need projects');
      const ids = ctx.projectIds;
      ctx.byId = ids.map((_, j) => j).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
      const ccols = await l.columns('connections');
      let i = 0;
      await l.insert(
        'connections',
        ccols,
        (k) => {
          const out: unknown[][] = [];
          for (let j = 0; j < k; j++, i++) out.push(valuesFor('connections', ccols, i, ctx));
          return out;
        },
        opts.connections,
      );
    }
    const connections = { rows: opts.connections, ms: performance.now() - t1 };
    await l.finish();
    return { projects: opts.projects, projectIds: ctx.projectIds, projectsMs, connections };
  } finally {
    await l.close();
  }
}
