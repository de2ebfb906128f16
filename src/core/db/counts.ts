import { randomInt } from 'node:crypto';
import { sql, type QueryCreator } from 'kysely';
import type { Db } from './db.js';

/**
 * Row counts per account (projects: account_counts, agents: agent_counts) are kept in several
 * slots: a change adds its delta (+1/-1) to a random slot, so concurrent writers in one account
 * rarely wait on the same row lock (on PostgreSQL the lock is held until commit); the total is
 * the sum over the slots (≤ COUNT_SLOTS rows by primary key). A slot can go negative; only the
 * sum means anything.
 *
 * Deadlocks: a transaction touches one slot row per counter, and a transaction that touches both
 * counters touches the projects counter first (creating a FULL_SAAS project and its hosted
 * agent; deleting one, src/resources/projects/service.ts), so two transactions never wait on
 * each other's counter rows in opposite orders.
 */
export const COUNT_SLOTS = 16;
export const countSlot = () => randomInt(COUNT_SLOTS);

/** One slotted counter: `column` of `table` (account_counts.projects, agent_counts.agents). */
export function slotCounter(table: string, column: string) {
  const [t, c, qualified] = [sql.table(table), sql.ref(column), sql.ref(`${table}.${column}`)];
  return {
    /** Adds `delta` to the account's count (inside the transaction that changes the rows). */
    async add(trx: Db, accountId: string, delta: number) {
      // A raw template: it runs with every insert it counts and compiles far faster than the builder.
      await sql`insert into ${t} (account_id, slot, ${c}) values (${accountId}, ${countSlot()}, ${delta})
                on conflict (account_id, slot) do update set ${c} = ${qualified} + excluded.${c}`.execute(trx);
    },
    /**
     * The +1 of a row that CTE `after` of the same statement inserted (PostgreSQL, one statement),
     * as the query of a CTE of the caller's (typed loosely: `after` is the caller's CTE).
     */
    insertAfter(qb: QueryCreator<any>, after: string, slot: unknown) {
      const q = qb as QueryCreator<Record<string, Record<string, unknown>>>;
      return q
        .insertInto(table)
        .columns(['account_id', 'slot', column])
        .expression(q.selectFrom(after).select((e) => [e.ref(`${after}.account_id`).as('account_id'), e.val(slot).as('slot'), e.val(1).as(column)]))
        .onConflict((oc) => oc.columns(['account_id', 'slot']).doUpdateSet((eb) => ({ [column]: eb(eb.ref(`${table}.${column}`), '+', eb.ref(`excluded.${column}`)) })))
        .returning(`${table}.slot`);
    },
    /** The account's count, as an expression (for a statement that reads it in its own snapshot). */
    total: (accountId: string) => sql<number>`(select coalesce(sum(${qualified}), 0) from ${t} where ${sql.ref(`${table}.account_id`)} = ${accountId})`,
  };
}
