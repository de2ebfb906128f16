import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './db.js';
import { nameStatement } from './prepared-names.js';
import { ROWS_AS_ARRAYS } from './sqlite-group-driver.js';

/**
 * A hot-path statement built with the typed query builder once, at start-up, instead of on
 * every request (building and compiling a Kysely query costs 10–50 µs; the statement text is
 * then also the same string each time, which the SQLite statement cache keys on). On PostgreSQL
 * each connection prepares it once under a name (prepared-names.ts) and then only binds and
 * executes it: an unnamed statement is parsed and planned at every execution, which cost ~140 µs
 * of the server's CPU per POST …/connections (measured 2026-12-03: 2,650 against 4,250 per
 * second). `named: false` leaves a statement unnamed (one built per call, whose text varies).
 * `build` is called once with marker values; each marker must reach the
 * compiled parameters (checked here, so a builder that inlines a value fails at start-up, not
 * silently), and every call substitutes its own arguments for the markers, in place.
 *
 * Markers: strings and numbers nobody passes (`marker(i)`); use `markerInt(i)` for LIMIT and
 * OFFSET values.
 */
export function precompile<A extends unknown[], R>(build: (...args: A) => Compilable<R>, markers: A, { named = true } = {}) {
  const compiled = build(...markers).compile();
  if (named) nameStatement(compiled.sql);
  const slots = compiled.parameters.map((p) => markers.indexOf(p as A[number]));
  markers.forEach((m, i) => {
    if (!slots.includes(i)) throw new Error(`precompile: argument ${i} (${String(m)}) did not become a parameter of ${compiled.sql}`);
  });
  const constants = compiled.parameters;
  return {
    sql: compiled.sql,
    /** The compiled query for these arguments (run it with `db.executeQuery`, or a transaction's). */
    bind(...args: A): CompiledQuery<R> {
      const parameters = new Array(slots.length);
      for (let i = 0; i < slots.length; i++) parameters[i] = slots[i]! >= 0 ? args[slots[i]!] : constants[i];
      return { ...compiled, parameters };
    },
    run(db: Db, ...args: A): Promise<QueryResult<R>> {
      return db.executeQuery(this.bind(...args));
    },
    /**
     * The rows as arrays of the selected columns, in select-list order. better-sqlite3 builds a
     * row object in ~5.6 µs for 17 columns and an array of 15 in ~2.5 µs; for a page of 100
     * rows that is most of the request. (pg's rows are objects here; they are converted.)
     */
    async arrays(db: Db, ...args: A): Promise<unknown[][]> {
      const query: CompiledQuery<R> & { [ROWS_AS_ARRAYS]?: true } = this.bind(...args);
      query[ROWS_AS_ARRAYS] = true;
      const { rows } = await db.executeQuery(query);
      return rows.length > 0 && !Array.isArray(rows[0]) ? rows.map((r) => Object.values(r as object)) : (rows as unknown[][]);
    },
  };
}

export const marker = (i: number) => `\u2063plinth-precompiled-argument-${i}\u2063`;
export const markerInt = (i: number) => 2_000_000_000 + i;

/**
 * Every column of a table, in the order a precompiled INSERT binds them: a list that names all of
 * `T`'s columns and nothing else, or it does not type-check.
 */
export function allColumns<T>() {
  return <const C extends readonly (keyof T & string)[]>(columns: C & ([Exclude<keyof T & string, C[number]>] extends [never] ? unknown : 'missing columns')) => columns;
}

/**
 * INSERT of whole rows (each of `columns`, bound from the row by name), built once per row count
 * (up to `MANY`; a longer list is built each time).
 */
export function precompileInsert<T extends object>(db: Db, table: string, columns: readonly (keyof T & string)[]) {
  const build = (rows: number) =>
    precompile(
      (...v: unknown[]) =>
        db.insertInto(table as never).values(Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map((c, i) => [c, v[r * columns.length + i]]))) as never),
      Array.from({ length: rows * columns.length }, (_, i) => marker(i)),
      { named: rows <= MANY },
    );
  const byCount: ReturnType<typeof build>[] = [];
  const statement = (rows: number) => (rows > MANY ? build(rows) : (byCount[rows] ??= build(rows)));
  const values = (rows: readonly T[]) => {
    const v = new Array(rows.length * columns.length);
    let k = 0;
    for (const row of rows) for (let i = 0; i < columns.length; i++) v[k++] = row[columns[i]!];
    return v;
  };
  return {
    run: (trx: Db, row: T) => statement(1).run(trx, ...values([row])),
    /** Several rows in one statement; nothing for none. */
    async runMany(trx: Db, rows: readonly T[]) {
      if (rows.length > 0) await statement(rows.length).run(trx, ...values(rows));
    },
  };
}
const MANY = 8;
