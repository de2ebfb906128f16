import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { newMasterKey, tempDir } from './proc.js';

/** The machine's PostgreSQL, used only through throwaway schemas (as the rest of the suite does). */
export const SHARED_PG_URL = process.env.PLINTH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DbKind = 'sqlite' | 'postgres';

export interface TestDb {
  kind: DbKind;
  url: string;
  masterKey: string;
  /** Where it lives (file or schema), for messages. */
  where: string;
  drop(): Promise<void>;
}

async function exec(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end().catch(() => {});
  }
}

/** A fresh schema in `baseUrl`'s database; Plinth is pointed at it through search_path. */
export async function pgSchema(baseUrl = SHARED_PG_URL, prefix = 'rel'): Promise<TestDb> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await exec(baseUrl, `create schema ${schema}`);
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { kind: 'postgres', url: u.toString(), masterKey: newMasterKey(), where: schema, drop: () => exec(baseUrl, `drop schema if exists ${schema} cascade`).catch(() => {}) };
}

/**
 * A fresh database on `baseUrl`'s server (from template0), dropped by `drop`. The scenarios use
 * this rather than a schema of the shared database: a node's start-up (migration check) reads
 * the catalog of its whole database and fails when another test drops a schema meanwhile.
 */
export async function pgDatabase(baseUrl = SHARED_PG_URL, prefix = 'rel'): Promise<TestDb> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await exec(baseUrl, `create database ${name} template template0 encoding 'UTF8'`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return { kind: 'postgres', url: u.toString(), masterKey: newMasterKey(), where: `database ${name}`, drop: () => exec(baseUrl, `drop database if exists ${name} with (force)`).catch(() => {}) };
}

export function sqliteFile(): TestDb {
  const dir = tempDir('plinth-rel-db-');
  const file = path.join(dir, 'plinth.db');
  return { kind: 'sqlite', url: `sqlite:${file}`, masterKey: newMasterKey(), where: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function createDb(kind: DbKind): Promise<TestDb> {
  return kind === 'sqlite' ? sqliteFile() : pgDatabase();
}
