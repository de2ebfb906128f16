import { randomInt } from 'node:crypto';
import { sql, type QueryCreator } from 'kysely';
import type { Db } from './db.js';
import { marker, markerInt, precompile } from './precompiled.js';

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
  const upsert = (accountId: string, slot: number, delta: number) =>
    sql`insert into ${t} (account_id, slot, ${c}) values (${accountId}, ${slot}, ${delta})
        on conflict (account_id, slot) do update set ${c} = ${qualified} + excluded.${c}`;
  return {
    /**
     * Adds `delta` to the account's count (inside the transaction that changes the rows), with the
     * statement built once for `db`'s dialect (src/core/db/precompiled.ts): it runs with every
     * insert it counts, and even as a raw template it took ~9 µs to compile each time.
     */
    adder(db: Db) {
      const statement = precompile((accountId: string, slot: number, delta: number) => ({ compile: () => upsert(accountId, slot, delta).compile(db) }), [
        marker(0),
        markerInt(1),
        markerInt(2),
      ]);
      return async (trx: Db, accountId: string, delta: number) => void (await statement.run(trx, accountId, countSlot(), delta));
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
