import { sql } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { slotCounter } from '../../core/db/counts.js';

declare module '../../core/db/schema.js' {
  interface Database {
    account_counts: AccountCountsTable;
  }
}

/**
 * Project counts per account, kept in the same transaction as every insert and delete of the rows
 * they count, so list totals are exact without a count(*) over the account (O(rows) per list
 * request); in slots (src/core/db/counts.ts).
 *
 * Rows written around the store (a bulk load, a hand-edited database) leave counters stale:
 * `recountProjects` rebuilds them.
 */
export interface AccountCountsTable {
  account_id: string;
  slot: number;
  projects: number;
}

/** The counter itself, for the statements that write or read it inside their own (projects store). */
export const projectCounter = slotCounter('account_counts', 'projects');

/** The account's project count from the counters. */
export async function countProjects(db: Db, accountId: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select ${projectCounter.total(accountId)} as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Rebuild every account's counters from the rows (after a bulk load that bypassed the store). */
export async function recountProjects(db: Db) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_counts').execute();
    await sql`insert into account_counts (account_id, slot, projects)
              select a.id, 0, (select count(*) from projects p where p.account_id = a.id) from accounts a`.execute(trx);
  });
}
