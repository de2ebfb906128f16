import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './db.js';
import { marker, markerInt, precompile, precompileInsert } from './precompiled.js';
import { fixedResultColumns, preparedName } from './prepared-names.js';
import { GroupCommitSqliteDialect } from './sqlite-group-driver.js';

interface T {
  t: { id: string; a: string; n: number };
}

describe('precompile', () => {
  const raw = new SQLite(':memory:');
  raw.exec("create table t (id text primary key, a text, n integer); insert into t values ('1','x',1),('2','x',2),('3','y',3),('4','x',4)");
  const db = new Kysely<T>({ dialect: new SqliteDialect({ database: raw }) });

  it('builds once and runs with each call\'s arguments, as the builder would', async () => {
    const q = precompile((a: string, min: number, lim: number, off: number) => db.selectFrom('t').selectAll().where('a', '=', a).where('n', '>=', min).orderBy('n').limit(lim).offset(off), [marker(0), marker(1) as unknown as number, markerInt(2), markerInt(3)]);
    expect((await q.run(db as any, 'x', 1, 2, 1)).rows.map((r) => r.id)).toEqual(['2', '4']);
    expect((await q.run(db as any, 'y', 0, 25, 0)).rows.map((r) => r.id)).toEqual(['3']);
    const direct = await db.selectFrom('t').selectAll().where('a', '=', 'x').where('n', '>=', 2).orderBy('n').limit(1).offset(0).execute();
    expect((await q.run(db as any, 'x', 2, 1, 0)).rows).toEqual(direct);
  });

  it('keeps constants and repeats one argument where the builder used it twice', async () => {
    const q = precompile((a: string) => db.selectFrom('t').select('id').where((eb) => eb.or([eb('a', '=', a), eb('id', '=', a)])).where('n', '<', 4), [marker(0)]);
    expect((await q.run(db as any, '1')).rows).toEqual([{ id: '1' }]);
    expect(q.bind('z').parameters).toEqual(['z', 'z', 4]);
  });

  it('refuses a builder that did not turn an argument into a parameter', () => {
    expect(() => precompile((_a: string) => db.selectFrom('t').select('id').where('a', '=', 'const'), [marker(0)])).toThrow(/did not become a parameter/);
  });

  it('reads rows as arrays in select-list order: raw on the group-commit driver, which then hands the cached statement back in object mode; converted on another driver', async () => {
    const grouped = new Kysely<T>({ dialect: new GroupCommitSqliteDialect({ raw, database: withStatementCache(raw) }) });
    for (const k of [grouped, db]) {
      const q = precompile((a: string) => k.selectFrom('t').select(['n', 'id']).where('a', '=', a).orderBy('n'), [marker(0)]);
      expect(await q.arrays(k as any, 'x')).toEqual([[1, '1'], [2, '2'], [4, '4']]);
      expect((await q.run(k as any, 'y')).rows).toEqual([{ n: 3, id: '3' }]);
      expect(await q.arrays(k as any, 'none')).toEqual([]);
    }
  });

  it('inserts whole rows, one statement per call, for any number of rows (nothing for none)', async () => {
    const ins = precompileInsert<T['t']>(db as any, 't', ['id', 'a', 'n']);
    await ins.run(db as any, { id: 'r1', a: 'ins', n: 10 });
    await ins.runMany(db as any, []);
    await ins.runMany(db as any, [{ id: 'r2', a: 'ins', n: 11 }, { id: 'r3', a: 'ins', n: 12 }]);
    await ins.runMany(db as any, Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, a: 'ins', n: 100 + i })));
    const rows = await db.selectFrom('t').select(['id', 'n']).where('a', '=', 'ins').orderBy('n').execute();
    expect(rows.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', ...Array.from({ length: 12 }, (_, i) => `m${i}`)]);
  });

  it('names each distinct statement text once, for PostgreSQL to prepare; never one that selects *, one built per call, nor a long multi-row insert', async () => {
    const a = precompile((x: string) => db.selectFrom('t').select(['id', 'n']).where('a', '=', x), [marker(0)]);
    const again = precompile((x: string) => db.selectFrom('t').select(['id', 'n']).where('a', '=', x), [marker(0)]);
    const other = precompile((x: string) => db.selectFrom('t').select('id').where('a', '=', x), [marker(0)]);
    expect(preparedName(a.sql)).toMatch(/^plinth_\d+$/);
    expect(preparedName(again.sql)).toBe(preparedName(a.sql));
    expect(preparedName(other.sql)).not.toBe(preparedName(a.sql));
    expect(preparedName(precompile((x: string) => db.selectFrom('t').selectAll().where('a', '=', x), [marker(0)]).sql)).toBeUndefined();
    expect(preparedName(precompile((x: string) => db.selectFrom('t').select('n').where('id', '=', x), [marker(0)], { named: false }).sql)).toBeUndefined();
    expect(preparedName('select "n" from "t"')).toBeUndefined();
    const long = precompileInsert<T['t']>(db as any, 't', ['id', 'a', 'n']);
    await long.runMany(db as any, Array.from({ length: 9 }, (_, i) => ({ id: `L${i}`, a: 'long', n: 200 + i })));
    await long.runMany(db as any, Array.from({ length: 2 }, (_, i) => ({ id: `S${i}`, a: 'long', n: 300 + i })));
    const nine = db.insertInto('t').values(Array.from({ length: 9 }, (_, i) => ({ id: marker(3 * i), a: marker(3 * i + 1), n: marker(3 * i + 2) as unknown as number }))).compile().sql;
    const two = db.insertInto('t').values(Array.from({ length: 2 }, (_, i) => ({ id: marker(3 * i), a: marker(3 * i + 1), n: marker(3 * i + 2) as unknown as number }))).compile().sql;
    expect(preparedName(nine)).toBeUndefined();
    expect(preparedName(two)).toMatch(/^plinth_\d+$/);
  });
});

describe('fixedResultColumns', () => {
  it.each([
    ['select "id", "a" from "t" where "a" = $1', true],
    ['select count(*) as "n" from "t"', true],
    ['insert into "t" ("id") values ($1) returning "id"', true],
    ['with c as (insert into "t" ("id") select $1 returning "id") select "c"."id" from "c"', true],
    ['select * from "t"', false],
    ['select "t".* from "t" where "id" = $1', false],
    ['select "t".*, (select 1) as "x" from "t"', false],
    ['insert into "t" ("id") values ($1) returning *', false],
    ['select "n" * 2 as "m" from "t"', false],
  ])('%s → %s', (text, fixed) => {
    expect(fixedResultColumns(text)).toBe(fixed);
  });
});
