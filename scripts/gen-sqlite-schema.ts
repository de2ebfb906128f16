// Writes src/core/db/migrations/sqlite-schema.generated.ts: the schema every migration leaves in
// an empty SQLite database, which a new database is created from in one step (snapshot.ts).
import { writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../src/core/db/migrations/index.js';
import { dumpSchema, type SchemaSnapshot } from '../src/core/db/migrations/snapshot.js';

/** Run the migrations themselves (never the snapshot; all, or up to one) on a new in-memory database and dump it. */
export async function schemaFromMigrations(upTo?: string): Promise<SchemaSnapshot> {
  const raw = new SQLite(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
    if (error) throw error;
    return { migrations: (results ?? []).map((r) => r.migrationName), sql: await dumpSchema(db) };
  } finally {
    await db.destroy();
  }
}

export function snapshotModule(s: SchemaSnapshot): string {
  return (
    `// Generated from the migrations in this folder by \`npm run gen:sqlite-schema\`. Do not edit.\n` +
    `// test/store/sqlite-snapshot.test.ts fails when it differs from what the migrations make.\n` +
    `// A SchemaSnapshot (snapshot.ts), not imported here: snapshot.ts imports this file.\n` +
    `export const SQLITE_SCHEMA = {\n` +
    `  migrations: ${JSON.stringify(s.migrations)},\n` +
    `  sql: \`\n${s.sql.replace(/[\\`]|\$\{/g, (c) => `\\${c}`)}\n\`,\n};\n`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../src/core/db/migrations/sqlite-schema.generated.ts', import.meta.url), snapshotModule(await schemaFromMigrations()));
}
