import { sql } from 'kysely';
import type { Store } from './db.js';
import { MIGRATIONS } from './migrations/index.js';

/** Not ready for a reason other than the database (start-up work still running); its message is public. */
export class NotReadyError extends Error {
  name = 'NotReadyError';
}

/**
 * `/readyz`: the database answers and holds every migration this build knows. Two small queries
 * per probe (a ping, the migration names), so a node whose database was swapped for an older one (a
 * restored backup, a new empty schema) stops being ready instead of failing requests.
 */
export function readiness(store: Store): () => Promise<void> {
  const known = Object.keys(MIGRATIONS);
  return async () => {
    await store.ping();
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    const applied = new Set(rows.rows.map((r) => r.name));
    const missing = known.filter((m) => !applied.has(m));
    if (missing.length) throw new Error(`migrations not applied: ${missing.join(', ')}`);
  };
}
