import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Generated, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../config.js';
import { openStore, UnstorableTextError, type Store } from './db.js';

type T = { t: { id: Generated<number>; v: string } };

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function open() {
  dir = mkdtempSync(path.join(tmpdir(), 'plinth-trx-'));
  store = await openStore(parseDatabaseUrl(`sqlite:${path.join(dir, 'x.db')}`));
  await sql`create table t (id integer primary key, v text not null)`.execute(store.db);
  return store.db as unknown as Kysely<T>;
}
const insert = (db: Kysely<T>, v: string) => db.insertInto('t').values({ v }).compile();
const values = async (db: Kysely<T>) => (await db.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v);

describe('SQLite transactions (sqlite-transactions.ts)', () => {
  it('commits a compiled statement and a built one together, and each sees the other', async () => {
    const db = await open();
    expect(Object.hasOwn(db, 'transaction')).toBe(true); // this store's, not Kysely's
    const seen = await db.transaction().execute(async (trx) => {
      await trx.executeQuery(insert(db, 'compiled'));
      await trx.insertInto('t').values({ v: 'built' }).execute();
      return values(trx);
    });
    expect(seen).toEqual(['compiled', 'built']);
    expect(await values(db)).toEqual(['compiled', 'built']);
  });

  it('rolls both back when the callback throws, and the error is the callback\'s', async () => {
    const db = await open();
    const err = await db
      .transaction()
      .execute(async (trx) => {
        await trx.executeQuery(insert(db, 'a'));
        await trx.insertInto('t').values({ v: 'b' }).execute();
        throw new Error('no');
      })
      .catch((e: Error) => e);
    expect((err as Error).message).toBe('no');
    expect(await values(db)).toEqual([]);
    // The connection is free again: the next transaction commits.
    await db.transaction().execute(async (trx) => void (await trx.executeQuery(insert(db, 'c'))));
    expect(await values(db)).toEqual(['c']);
  });

  it('refuses a handle used after its transaction ended, rather than running outside it', async () => {
    const db = await open();
    const kept = await db.transaction().execute(async (trx) => trx);
    await expect(kept.executeQuery(insert(db, 'late'))).rejects.toThrow('Transaction is already committed');
    await expect(kept.insertInto('t').values({ v: 'late' }).execute()).rejects.toThrow('Transaction is already committed');
    let failed: Kysely<T> | undefined;
    await db
      .transaction()
      .execute(async (trx) => {
        failed = trx;
        throw new Error('no');
      })
      .catch(() => {});
    await expect(failed!.executeQuery(insert(db, 'late'))).rejects.toThrow('Transaction is already rolled back');
    expect(await values(db)).toEqual([]);
  });

  it('keeps Kysely\'s rule: no transaction inside a transaction', async () => {
    const db = await open();
    await expect(db.transaction().execute(async (trx) => trx.transaction().execute(async () => 1))).rejects.toThrow(/not supported/);
  });

  it('serialises transactions on the one connection: concurrent ones each see only their own work', async () => {
    const db = await open();
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx.executeQuery(insert(db, `v${i}`));
          await new Promise((r) => setImmediate(r));
          return (await trx.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
        }),
      ),
    );
    expect(new Set(counts).size).toBe(20); // each saw the rows before it plus its own, never another's in progress
    expect((await values(db)).length).toBe(20);
  });

  it('runs a compiled statement outside a transaction on the driver directly, with the text rule; a builder given to executeQuery the usual way', async () => {
    const db = await open();
    expect(Object.hasOwn(db, 'executeQuery')).toBe(true); // this store's, not Kysely's
    const r = await db.executeQuery(insert(db, 'compiled'));
    expect(Number(r.numAffectedRows)).toBe(1);
    await db.executeQuery(db.insertInto('t').values({ v: 'builder' }));
    expect(await values(db)).toEqual(['compiled', 'builder']);
    await expect(db.executeQuery(insert(db, 'a\u0000b'))).rejects.toThrow(UnstorableTextError);
    await expect(db.transaction().execute(async (trx) => trx.insertInto('t').values({ v: 'x\ud800' }).execute())).rejects.toThrow(UnstorableTextError);
    // A failed statement gives its connection back: the next ones (and a transaction) run.
    await expect(db.executeQuery(sql`select * from missing`.compile(db))).rejects.toThrow(/no such table/);
    await db.transaction().execute(async (trx) => void (await trx.executeQuery(insert(db, 'after'))));
    expect(await values(db)).toEqual(['compiled', 'builder', 'after']);
  });
});
