import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import { boundedLru } from '../lru.js';
import type { Dialect } from './db.js';

/** `count(*) as n`, the total beside a page of a filtered query. */
export const countRows = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => eb.fn.countAll<number>().as('n');

/**
 * Run a page query and its count together. pg returns counts as strings (bigint), so the total
 * is normalised to a number here once for every list.
 */
export async function paged<T>(rows: Promise<T[]>, count: Promise<{ n: number | string | bigint }>): Promise<{ rows: T[]; total: number }> {
  const [r, c] = await Promise.all([rows, count]);
  return { rows: r, total: Number(c.n) };
}

/**
 * OFFSET paging from the nearer end of an ordered index. OFFSET walks every entry it skips, so
 * the last of N rows costs N steps read forwards and one page read backwards (the usual way to
 * find the newest items: read the total, then ask for the last page). Which end is nearer is
 * judged from a hint, the total this node last saw for the list (`PageEnds`); the backward window
 * is computed in the statement from `total`, an expression read in the same snapshot, so a stale
 * or missing hint costs time, never correctness. Rows read backwards come newest first: reverse
 * them.
 */
export function pageEnds(dialect: Dialect, max = 10_000) {
  const hints = boundedLru<string, number>(max);
  const [greatest, least] = dialect === 'postgres' ? [sql.raw('greatest'), sql.raw('least')] : [sql.raw('max'), sql.raw('min')];
  return {
    /** The total this node last saw for the list `key` names (an account, a project). */
    hint: (key: string) => hints.get(key),
    /** Whether the page is nearer the end of a list of `known` rows. */
    nearer: (known: number | undefined, offset: number, limit: number) => known !== undefined && 2 * offset + limit > known,
    /** The total just read for the list. */
    saw: (key: string, total: number) => void hints.set(key, total),
    /** LIMIT and OFFSET of the same page read in reverse order, from the list's `total`. */
    backward: (total: Expression<number>, offset: number, limit: number) => ({
      limit: sql<number>`${greatest}(0, ${least}(${limit}, ${total} - ${offset}))`,
      offset: sql<number>`${greatest}(0, ${total} - ${offset} - ${limit})`,
    }),
  };
}
