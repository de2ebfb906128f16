import type SQLiteType from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { SQLITE_SCHEMA } from './sqlite-schema.generated.js';

/** The schema that a list of migrations leaves in an empty SQLite database, as SQL text. */
export interface SchemaSnapshot {
  /** The migrations the text stands for, in order (they are recorded as applied). */
  migrations: readonly string[];
  /** Their tables and indexes, in the order SQLite lists them; one statement per line. */
  sql: string;
}

/**
 * What `sqlite_master` holds, as the statements that make it again. SQLite's own objects
 * (`sqlite_autoindex_*`, `sqlite_sequence`) have no text or are made by the others.
 */
export async function dumpSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where sql is not null and name not like 'sqlite\\_%' escape '\\' order by rowid`.execute(db);
  return rows.map((r) => `${r.sql};`).join('\n');
}

/**
 * A new SQLite database gets its schema in one `exec` of the snapshot instead of running every
 * migration through Kysely's migrator: 5–10 ms instead of 30–60 on this VM, the largest part of
 * what a new file adds to the first start (docs/benchmarks.md, cold start). Only an empty database
 * (no table, no index) is created this way, inside BEGIN IMMEDIATE, so a second process starting
 * on the same new file waits, then finds the schema and goes the usual way. The migrations stay
 * the source of truth: the snapshot records the ones it stands for as applied, the migrator runs
 * any later one, and test/store/sqlite-snapshot.test.ts fails when the snapshot differs from what
 * the migrations make (`npm run gen:sqlite-schema` writes it again).
 * Returns the migrations it recorded (none when the database was not empty).
 */
export function createFromSnapshot(raw: SQLiteType.Database, snapshot: SchemaSnapshot = SQLITE_SCHEMA, now: Date = new Date()): string[] {
  if (raw.inTransaction) return [];
  raw.exec('begin immediate');
  try {
    if (raw.prepare('select count(*) from sqlite_master').pluck().get() !== 0) {
      raw.exec('rollback');
      return [];
    }
    raw.exec(snapshot.sql);
    // The rows Kysely's migrator writes for each migration it runs, and its lock row.
    const applied = raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)');
    for (const name of snapshot.migrations) applied.run(name, now.toISOString());
    raw.prepare(`insert into kysely_migration_lock (id, is_locked) values ('migration_lock', 0)`).run();
    raw.exec('commit');
    return [...snapshot.migrations];
  } catch (err) {
    if (raw.inTransaction) raw.exec('rollback');
    throw err;
  }
}
