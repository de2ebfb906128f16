import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL database tests, bench and scripts use (PLINTH_TEST_DATABASE_URL overrides it). */
export const PG_URL = process.env.PLINTH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema in one PostgreSQL database, so test files (and bench runs) work in parallel
 * against one server; Plinth is pointed at it with `?options=-c search_path=<schema>`.
 * Used by the tests, the bench and scripts (never by the server itself).
 */
export async function createPgSchema({ baseUrl = PG_URL, prefix = 't', serialPlans = false } = {}): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  const u = new URL(baseUrl);
  // serialPlans (the tests): no parallel query workers. A migration test's backfill once failed
  // with `schema "t_…" does not exist` raised in a parallel worker while other test files created
  // and dropped their schemas; tiny test tables gain nothing from parallel plans anyway.
  u.searchParams.set('options', `-c search_path=${schema}${serialPlans ? ' -c max_parallel_workers_per_gather=0' : ''}`);
  return { url: u.toString(), schema, drop: () => run(`drop schema if exists ${schema} cascade`) };
}
