import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPgSchema } from '../../src/core/db/pg-schema.js';
import { request } from './http.js';
import { freePort, peakRssMb, spawnGroup, stopGroup, waitHttp, type Child } from './proc.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(ROOT, 'bench', '.out');

export const CLIENT_ID = 'bench-admin';
export const CLIENT_SECRET = 'bench-admin-secret-0123456789';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.PLINTH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DbKind = 'sqlite' | 'postgres';

/** A throwaway database: a temp SQLite file, or a fresh schema in PostgreSQL (dropped by `drop`). */
export interface BenchDb {
  kind: DbKind;
  url: string;
  /** SQLite file path or the PostgreSQL schema name. */
  where: string;
  masterKey: string;
  drop(): Promise<void>;
}

const cleanups = new Set<() => Promise<void>>();

/** Drops every database the bench created and has not dropped yet (Ctrl-C, errors). */
export async function dropAll(): Promise<void> {
  for (const c of [...cleanups]) await c().catch(() => {});
}

export async function postgresAvailable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    const r = await c.query<{ v: string }>("select current_setting('server_version') as v");
    return r.rows[0]!.v;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function createDb(kind: DbKind): Promise<BenchDb> {
  const masterKey = randomBytes(32).toString('base64');
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-bench-'));
    const file = path.join(dir, 'plinth.db');
    const drop = async () => {
      cleanups.delete(drop);
      rmSync(dir, { recursive: true, force: true });
    };
    cleanups.add(drop);
    return { kind, url: `sqlite:${file}`, where: file, masterKey, drop };
  }
  const created = await createPgSchema({ baseUrl: PG_URL, prefix: 'bench' });
  const schema = created.schema;
  const drop = async () => {
    cleanups.delete(drop);
    await created.drop();
  };
  cleanups.add(drop);
  return { kind, url: created.url, where: schema, masterKey, drop };
}

export interface Server {
  name: string;
  base: string;
  child: Child;
  /** Stops the server; returns its peak RSS (VmHWM) in MB, read just before stopping. */
  stop(): Promise<number | null>;
}

let logSeq = 0;
export function logPath(name: string) {
  return path.join(OUT, 'logs', `${String(++logSeq).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.log`);
}

export function plinthEnv(db: BenchDb, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_OPTIONS: '',
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLINTH_MASTER_KEY: db.masterKey,
    PLINTH_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
}

/** The built server (`node bin/plinth.js serve`, which runs dist/) as a child process. */
export async function startPlinth(name: string, db: BenchDb, opts: { nodeArgs?: string[] } = {}): Promise<Server> {
  const port = await freePort();
  const child = spawnGroup(name, process.execPath, [...(opts.nodeArgs ?? []), 'bin/plinth.js', 'serve'], {
    cwd: ROOT,
    env: plinthEnv(db, port),
    logFile: logPath(name),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/healthz`, 30_000, child);
  return serverOf(name, base, child);
}

export function serverOf(name: string, base: string, child: Child): Server {
  return {
    name,
    base,
    child,
    async stop() {
      const rss = peakRssMb(child.pid);
      await stopGroup(child, 15_000);
      return rss;
    },
  };
}

export async function getToken(base: string): Promise<string> {
  const r = await request(base, 'POST', '/oauth/dpc/token', {
    form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
  });
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
  return r.json().access_token as string;
}

export const TOKEN_FORM = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
}).toString();
