import pg from 'pg';
import { PG_URL } from './pg.js';

/**
 * The PostgreSQL suite is never skipped: without a reachable server the run fails here, once,
 * with a message saying how to start it.
 */
export default async function setup() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is required by the test suite and is not reachable at ${PG_URL} (${(err as Error).message}). ` +
        `Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set PLINTH_TEST_DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
