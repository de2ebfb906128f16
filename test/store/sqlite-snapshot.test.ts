import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { schemaFromMigrations, snapshotModule } from '../../scripts/gen-sqlite-schema.js';
import { parseDatabaseUrl } from '../../src/config.js';
import { migrateToLatest, openStore, type Store } from '../../src/core/db/db.js';
import { MIGRATIONS } from '../../src/core/db/migrations/index.js';
import { createFromSnapshot } from '../../src/core/db/migrations/snapshot.js';
import { createPgSchema } from '../helpers/pg.js';

const ALL = Object.keys(MIGRATIONS);
/** Everything SQLite keeps about the schema, its own indexes included. */
const master = (raw: SQLite.Database) => raw.prepare('select type, name, tbl_name, sql from sqlite_master order by name').all();
/** A new database that ran the migrations themselves, through Kysely's migrator. */
async function migrated(): Promise<SQLite.Database> {
  const raw = new SQLite(':memory:');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  expect((await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateToLatest()).error).toBeUndefined();
  return raw; // not destroyed: that would close it
}
const applied = async (store: Store) => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db)).rows.map((r) => r.name);

describe('a new SQLite database is created from the migrations’ snapshot (src/core/db/migrations/snapshot.ts)', () => {
  it('the committed snapshot is what the migrations make (npm run gen:sqlite-schema)', async () => {
    const committed = readFileSync(new URL('../../src/core/db/migrations/sqlite-schema.generated.ts', import.meta.url), 'utf8');
    const made = await schemaFromMigrations();
    expect(made.migrations).toEqual(ALL);
    expect(committed === snapshotModule(made)).toBe(true);
  });

  it('makes the same tables, indexes and constraints as running the migrations', async () => {
    const fromSnapshot = new SQLite(':memory:');
    expect(createFromSnapshot(fromSnapshot)).toEqual(ALL);
    expect(master(fromSnapshot)).toEqual(master(await migrated()));
    expect(master(fromSnapshot).length).toBeGreaterThan(60);
    // SQLite's own unique indexes are there too (the text of a table makes them).
    expect(master(fromSnapshot).filter((o: any) => o.name.startsWith('sqlite_autoindex_')).length).toBeGreaterThan(40);
  });

  it('migrateToLatest on a new store records every migration once; the next start applies nothing', async () => {
    const store = await openStore(parseDatabaseUrl('sqlite::memory:'));
    try {
      expect(await migrateToLatest(store)).toEqual(ALL);
      expect(await applied(store)).toEqual(ALL);
      expect(await migrateToLatest(store)).toEqual([]);
      expect(await applied(store)).toEqual(ALL);
      // The schema works: a write that needs the foreign keys and unique indexes.
      await store.db.insertInto('accounts').values({ id: 'a', slug: 'a', name: 'A', created_at: 'now' }).execute();
      await expect(store.db.insertInto('accounts').values({ id: 'b', slug: 'a', name: 'B', created_at: 'now' }).execute()).rejects.toThrow(/UNIQUE/);
    } finally {
      await store.close();
    }
  });

  it('a snapshot older than the code: the migrator runs the migrations after it', async () => {
    const older = await schemaFromMigrations('0010_scim');
    expect(older.migrations.at(-1)).toBe('0010_scim');
    const raw = new SQLite(':memory:');
    expect(createFromSnapshot(raw, older)).toEqual(older.migrations);
    const reference = await migrated();
    // The same database through a store: migrateToLatest finishes the job.
    const dir = mkdtempSync(path.join(tmpdir(), 'snap-'));
    const file = `${dir}/older.db`;
    const seeded = new SQLite(file);
    createFromSnapshot(seeded, older);
    seeded.close();
    const store = await openStore(parseDatabaseUrl(`sqlite:${file}`));
    try {
      expect(await migrateToLatest(store)).toEqual(ALL.slice(older.migrations.length));
      expect(await applied(store)).toEqual(ALL);
    } finally {
      await store.close();
    }
    const after = new SQLite(file, { readonly: true });
    expect(master(after)).toEqual(master(reference));
    after.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a database that already has anything in it to the migrator', async () => {
    const raw = new SQLite(':memory:');
    raw.exec('create table someone_elses (x integer)');
    expect(createFromSnapshot(raw)).toEqual([]);
    expect(master(raw).map((o: any) => o.name)).toEqual(['someone_elses']);
    // And a database being written to (an open transaction) is not touched either.
    const busy = new SQLite(':memory:');
    busy.exec('begin');
    expect(createFromSnapshot(busy)).toEqual([]);
    expect(busy.inTransaction).toBe(true);
  });

  it('a snapshot that fails part-way leaves the database empty', () => {
    const raw = new SQLite(':memory:');
    expect(() => createFromSnapshot(raw, { migrations: ['0001_foundation'], sql: 'create table a (x integer); create table a (y integer);' })).toThrow(/already exists/);
    expect(master(raw)).toEqual([]);
    expect(raw.inTransaction).toBe(false);
  });
});

describe('migrateToLatest when the database is up to date, behind, or ahead', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(kind, async () => {
      const schema = kind === 'postgres' ? await createPgSchema() : undefined;
      const open = () => openStore(parseDatabaseUrl(schema?.url ?? 'sqlite::memory:'));
      const store = await open();
      try {
        expect(await migrateToLatest(store)).toEqual(ALL);
        expect(await migrateToLatest(store)).toEqual([]);
        // Behind: the last migration undone. Only it runs.
        const last = ALL.at(-1)!;
        await sql`delete from kysely_migration where name = ${last}`.execute(store.db);
        await sql`drop table agent_counts`.execute(store.db);
        expect(await migrateToLatest(store)).toEqual([last]);
        expect(await applied(store)).toEqual(ALL);
        // Ahead (a newer build migrated this database): the migrator's own refusal, as before;
        // also when the count is the same (one row this build knows is gone).
        await sql`delete from kysely_migration where name = ${last}`.execute(store.db);
        await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_build', ${new Date().toISOString()})`.execute(store.db);
        await expect(migrateToLatest(store)).rejects.toThrow(/9999_from_a_newer_build/);
      } finally {
        await store.close();
        await schema?.drop();
      }
    });
  }
});
