import type { ExpressionBuilder } from 'kysely';

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
