import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from '../../src/config.js';
import { openStore, type Store } from '../../src/core/db/db.js';
import { marker, precompile } from '../../src/core/db/precompiled.js';
import { preparedName } from '../../src/core/db/prepared-names.js';
import { createPgSchema } from '../helpers/pg.js';

/**
 * On PostgreSQL the precompiled statements are prepared once per connection under a name
 * (src/core/db/precompiled.ts and prepared-names.ts, prepareByName in db.ts). Each check runs in a transaction, so the
 * statements and `pg_prepared_statements` (which lists the current session's) share a connection.
 */
describe('PostgreSQL: precompiled statements run as named prepared statements', () => {
  let schema: Awaited<ReturnType<typeof createPgSchema>>;
  beforeAll(async () => {
    schema = await createPgSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  const prepared = async (db: Store['db']) => (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db)).rows;

  async function withStore(namedStatements: boolean | undefined, check: (store: Store) => Promise<void>) {
    const store = await openStore(parseDatabaseUrl(schema.url), namedStatements === undefined ? {} : { namedStatements });
    try {
      await sql`create table if not exists t (id text primary key, a text not null)`.execute(store.db);
      await sql`delete from t`.execute(store.db);
      await sql`insert into t values ('1', 'x'), ('2', 'y'), ('3', 'x')`.execute(store.db);
      await check(store);
    } finally {
      await store.close();
    }
  }

  const byA = (db: Store['db']) => precompile((a: string) => (db as any).selectFrom('t').select('id').where('a', '=', a).orderBy('id'), [marker(0)]);
  const everyColumn = (db: Store['db']) => precompile((a: string) => (db as any).selectFrom('t').selectAll().where('a', '=', a).orderBy('id'), [marker(0)]);

  it('by default: prepared once under its name, answering as before', async () => {
    await withStore(undefined, async (store) => {
      const q = byA(store.db);
      const name = preparedName(q.sql);
      expect(name).toMatch(/^plinth_\d+$/);
      await store.db.transaction().execute(async (trx) => {
        expect((await q.run(trx as any, 'x')).rows).toEqual([{ id: '1' }, { id: '3' }]);
        expect((await q.run(trx as any, 'y')).rows).toEqual([{ id: '2' }]);
        const mine = (await prepared(trx as any)).filter((p) => p.name === name);
        expect(mine).toHaveLength(1);
        expect(mine[0]!.statement).toBe(q.sql);
      });
    });
  });

  it('PLINTH_PG_NAMED_STATEMENTS=0: nothing is prepared by name', async () => {
    const config = (named?: string) => loadConfig({ DATABASE_URL: schema.url, PLINTH_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), ...(named === undefined ? {} : { PLINTH_PG_NAMED_STATEMENTS: named }) });
    expect(config().pgNamedStatements).toBe(true);
    expect(config('1').pgNamedStatements).toBe(true);
    expect(() => config('yes')).toThrow(/PLINTH_PG_NAMED_STATEMENTS/);
    await withStore(config('0').pgNamedStatements, async (store) => {
      const q = byA(store.db);
      await store.db.transaction().execute(async (trx) => {
        expect((await q.run(trx as any, 'x')).rows).toEqual([{ id: '1' }, { id: '3' }]);
        expect((await prepared(trx as any)).filter((p) => p.name.startsWith('plinth_'))).toEqual([]);
      });
    });
  });

  it('a `select *` statement stays unnamed, so a column added while the node runs does not break it', async () => {
    await withStore(true, async (store) => {
      const q = everyColumn(store.db);
      expect(preparedName(q.sql)).toBeUndefined();
      await store.db.transaction().execute(async (trx) => {
        expect((await q.run(trx as any, 'y')).rows).toEqual([{ id: '2', a: 'y' }]);
        await sql`alter table t add column b text default 'z'`.execute(trx);
        // A named statement would fail here: "cached plan must not change result type".
        expect((await q.run(trx as any, 'y')).rows).toEqual([{ id: '2', a: 'y', b: 'z' }]);
        await sql`alter table t drop column b`.execute(trx);
      });
    });
  });

  it('a named statement survives a failed transaction on its connection and errors as an unnamed one would', async () => {
    await withStore(true, async (store) => {
      const insert = precompile((id: string, a: string) => (store.db as any).insertInto('t').values({ id, a }), [marker(0), marker(1)]);
      expect(preparedName(insert.sql)).toBeDefined();
      await insert.run(store.db, '4', 'x');
      const failed = await store.db
        .transaction()
        .execute(async (trx) => insert.run(trx as any, '4', 'again'))
        .then(
          () => undefined,
          (err: { code?: string }) => err,
        );
      expect(failed?.code).toBe('23505');
      for (const id of ['5', '6', '7']) await insert.run(store.db, id, 'y');
      expect((await sql<{ n: number }>`select count(*)::int as n from t`.execute(store.db)).rows[0]!.n).toBe(7);
    });
  });
});
