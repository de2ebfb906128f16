import { sql } from 'kysely';
import type { TestApp } from './app.js';

/**
 * Where a secret value could leak: every response body the test saw, every log line the app
 * wrote, and every column of every row of every table (raw, as stored). Returns the places it
 * was found; a canary test asserts the list is empty.
 */
export async function findSecret(t: TestApp, secret: string, responses: string[]): Promise<string[]> {
  const hits: string[] = [];
  responses.forEach((body, i) => {
    if (body.includes(secret)) hits.push(`response #${i}`);
  });
  t.logs.forEach((line, i) => {
    if (line.includes(secret)) hits.push(`log line #${i}: ${line.slice(0, 120)}`);
  });
  const db = t.app.store.db;
  const tables =
    t.kind === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name);
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) {
      for (const [col, v] of Object.entries(row)) {
        const text = v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('latin1') : String(v);
        if (text.includes(secret)) hits.push(`${table}.${col}`);
      }
    }
  }
  return hits;
}
