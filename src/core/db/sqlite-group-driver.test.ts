import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './sqlite-group-driver.js';

interface T {
  items: { id: number; name: string };
  parents: { id: number };
  kids: { id: number; parent_id: number };
  tags: { name: string; parent_id: number; owner_id?: number | null };
  owners: { id: number };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(maxGroup?: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-group-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  // Count the real COMMITs: the statement text of every control statement goes through prepare.
  let commits = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((text: string) => {
    const stmt = prepare(text);
    if (text === 'commit') {
      const run = stmt.run.bind(stmt);
      stmt.run = ((...a: unknown[]) => {
        const r = run(...(a as []));
        commits++;
        return r;
      }) as typeof stmt.run;
    }
    return stmt;
  }) as typeof raw.prepare;
  const db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect({ raw, database: raw, ...(maxGroup ? { maxGroup } : {}) }) });
  await sql`create table items (id integer primary key, name text not null unique)`.execute(db);
  await sql`create table parents (id integer primary key)`.execute(db);
  await sql`create table kids (id integer primary key, parent_id integer not null, constraint kids_fk foreign key (parent_id) references parents (id) deferrable initially deferred)`.execute(db);
  // A child with a rowid of its own (not chosen by the application), as Plinth's are, whose rows
  // also go with their owner (as environment links go with their environment).
  await sql`create table owners (id integer primary key)`.execute(db);
  await sql`create table tags (name text primary key, parent_id integer not null references parents (id) deferrable initially deferred, owner_id integer references owners (id) on delete cascade)`.execute(db);
  // A second connection, as another process would see the file.
  const other = new SQLite(file, { readonly: true });
  return { db, raw, file, other, commits: () => commits };
}

const insert = (db: Kysely<T>, id: number, name = `n${id}`) =>
  db.transaction().execute(async (trx) => {
    await trx.insertInto('items').values({ id, name }).execute();
    await trx.selectFrom('items').select('id').where('id', '=', id).execute();
  });

describe('GroupCommitSqliteDialect', () => {
  it('commits queued transactions together, each acknowledged only once committed', async () => {
    const { db, other, commits } = await open(32);
    const before = commits();
    const acked: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        insert(db, i).then(() => {
          // Visible to another connection the moment it is acknowledged: it is committed.
          expect(other.prepare('select count(*) as n from items where id = ?').get(i)).toEqual({ n: 1 });
          acked.push(i);
        }),
      ),
    );
    expect(acked).toHaveLength(100);
    const used = commits() - before;
    expect(used).toBeLessThan(100 / 5);
    expect(used).toBeGreaterThanOrEqual(100 / 32);
    other.close();
    await db.destroy();
  });

  it('commits a lone transaction within the turn, before acknowledging it', async () => {
    const { db, other } = await open();
    await insert(db, 1);
    expect(other.prepare('select id from items').all()).toEqual([{ id: 1 }]);
    // Writes one after the other, each awaited, are each committed.
    for (let i = 2; i <= 5; i++) {
      await insert(db, i);
      expect(other.prepare('select count(*) as n from items').get()).toEqual({ n: i });
    }
    other.close();
    await db.destroy();
  });

  it('commits released work on destroy', async () => {
    const { db, file } = await open();
    const done = Promise.all([insert(db, 1), insert(db, 2)]);
    await done;
    await db.destroy();
    const again = new SQLite(file, { readonly: true });
    expect(again.prepare('select count(*) as n from items').get()).toEqual({ n: 2 });
    again.close();
  });

  it('rolls back a failing transaction alone', async () => {
    const { db } = await open();
    await insert(db, 1, 'taken');
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => insert(db, i + 10, i === 7 ? 'taken' : `n${i}`)));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((results[7] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    const rows = await db.selectFrom('items').select('id').execute();
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.id)).not.toContain(17);
    await db.destroy();
  });

  it('runs a write outside a transaction as a transaction of its own in the group: acknowledged only once committed, failing alone', async () => {
    const { db, other, commits } = await open();
    const before = commits();
    let acked = false;
    const a = insert(db, 1);
    const write = db
      .insertInto('items')
      .values({ id: 2, name: 'b' })
      .execute()
      .then(() => (acked = true));
    // A duplicate name: this one statement fails, and nothing else with it.
    const failing = db.insertInto('items').values({ id: 3, name: 'n1' }).execute();
    const b = insert(db, 4);
    await Promise.resolve();
    // Not acknowledged before the group's COMMIT, and nothing is visible outside before it.
    expect(acked).toBe(false);
    expect(other.prepare('select count(*) as n from items').get()).toEqual({ n: 0 });
    const results = await Promise.allSettled([a, write, failing, b]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(commits() - before).toBe(1);
    expect(other.prepare('select id from items order by id').all()).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
    other.close();
    await db.destroy();
  });

  it('commits the open group before DDL outside a transaction', async () => {
    const { db, raw, other } = await open();
    const a = insert(db, 1);
    await sql`create table later (id integer primary key)`.execute(db);
    // The DDL ran after the group's COMMIT, in autocommit: no transaction is left open.
    expect(raw.inTransaction).toBe(false);
    expect(other.prepare('select id from items').all()).toEqual([{ id: 1 }]);
    await a;
    other.close();
    await db.destroy();
  });

  it('a read outside a transaction waits for the open group to commit, and the turn\'s transactions still share that COMMIT', async () => {
    const { db, commits } = await open();
    const before = commits();
    const a = insert(db, 1);
    const read = db.selectFrom('items').select('id').execute();
    const b = insert(db, 2);
    const rows = (await read).map((r) => r.id);
    await Promise.all([a, b]);
    // One COMMIT for both (committing the group for the read would have split them, and the read
    // would have seen only the first), and the read ran after it.
    expect(commits() - before).toBe(1);
    expect(rows).toEqual([1, 2]);
    await db.destroy();
  });

  it('an outside read queued behind a group never sees unacknowledged rows', async () => {
    const { db, raw } = await open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = insert(db, 1);
    const holder = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
      await gate;
      throw new Error('changed its mind');
    });
    const read = db.selectFrom('items').select('id').execute();
    await new Promise((r) => setTimeout(r, 20));
    release();
    const [f, h] = await Promise.allSettled([first, holder]);
    expect(f.status).toBe('fulfilled');
    expect(h.status === 'rejected' && (h.reason as Error).message).toBe('changed its mind');
    expect((await read).map((r) => r.id)).toEqual([1]);
    expect(raw.inTransaction).toBe(false);
    await db.destroy();
  });

  it('a read waiting for a group whose COMMIT fails sees none of its rows', async () => {
    const { db, raw } = await open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = insert(db, 1);
    const b = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
      // A deferred key left violated behind the driver's back fails the whole COMMIT.
      raw.prepare('insert into kids (id, parent_id) values (1, 42)').run();
      await gate;
    });
    const read = db.selectFrom('items').select('id').execute();
    await new Promise((r) => setTimeout(r, 20));
    release();
    const results = await Promise.allSettled([a, b]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await read).toEqual([]);
    await db.destroy();
  });

  it('a deferred foreign key violation fails only its own transaction', async () => {
    const { db } = await open();
    await db.insertInto('parents').values({ id: 1 }).execute();
    const results = await Promise.allSettled([
      insert(db, 1),
      insert(db, 2),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kids').values({ id: 1, parent_id: 99 }).execute();
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kids').values({ id: 2, parent_id: 1 }).execute();
      }),
      insert(db, 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.code).toMatch(/^SQLITE_CONSTRAINT_FOREIGNKEY/);
    expect((await db.selectFrom('items').select('id').execute()).length).toBe(3);
    expect(await db.selectFrom('kids').select('id').execute()).toEqual([{ id: 2 }]);
    await db.destroy();
  });

  it('groups plain inserts into the parent of a deferred key (a new parent orphans nobody), not writes to a child whose INTEGER PRIMARY KEY is its rowid', async () => {
    const { db, commits } = await open();
    let before = commits();
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction().execute((trx) => trx.insertInto('parents').values({ id: i + 1 }).execute())));
    expect(commits() - before).toBeLessThan(4);
    before = commits();
    await Promise.all(Array.from({ length: 10 }, (_, i) => db.transaction().execute((trx) => trx.insertInto('kids').values({ id: i + 1, parent_id: i + 1 }).execute())));
    expect(commits() - before).toBe(10);
    // An upsert of a parent is an update: it ends its group too.
    before = commits();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        db.transaction().execute((trx) => trx.insertInto('parents').values({ id: i + 1 }).onConflict((oc) => oc.column('id').doUpdateSet({ id: i + 1 })).execute()),
      ),
    );
    expect(commits() - before).toBe(5);
    await db.destroy();
  });

  it('groups plain inserts into a child with a rowid of its own, each checked by looking up its new rows', async () => {
    const { db, commits } = await open();
    await db.insertInto('parents').values([{ id: 1 }, { id: 2 }]).execute();
    let before = commits();
    await Promise.all(Array.from({ length: 10 }, (_, i) => db.transaction().execute((trx) => trx.insertInto('tags').values({ name: `t${i}`, parent_id: 1 + (i % 2) }).execute())));
    expect(commits() - before).toBeLessThan(4);
    // An orphan fails alone, first of its group or not, and the group goes on behind it.
    before = commits();
    const tag = (name: string, parent_id: number) => db.transaction().execute((trx) => trx.insertInto('tags').values({ name, parent_id }).execute());
    const results = await Promise.allSettled([tag('orphan-first', 99), tag('a', 1), insert(db, 1), tag('orphan-later', 98), tag('b', 2), insert(db, 2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.code).toMatch(/^SQLITE_CONSTRAINT_FOREIGNKEY/);
    expect(commits() - before).toBeLessThan(3);
    expect((await db.selectFrom('tags').select('name').where('name', 'in', ['a', 'b', 'orphan-first', 'orphan-later']).orderBy('name').execute()).map((r) => r.name)).toEqual(['a', 'b']);
    await db.destroy();
  });

  it('groups updates of a child that assign no key column; one that points a key at nothing fails alone', async () => {
    const { db, commits } = await open();
    await db.insertInto('parents').values({ id: 1 }).execute();
    await db.insertInto('owners').values([{ id: 1 }, { id: 2 }]).execute();
    await db.insertInto('tags').values(Array.from({ length: 10 }, (_, i) => ({ name: `t${i}`, parent_id: 1 }))).execute();
    let before = commits();
    await Promise.all(Array.from({ length: 10 }, (_, i) => db.transaction().execute((trx) => trx.updateTable('tags').set({ owner_id: 1 + (i % 2) }).where('name', '=', `t${i}`).execute())));
    expect(commits() - before).toBeLessThan(4);
    before = commits();
    const results = await Promise.allSettled([
      insert(db, 1),
      db.transaction().execute((trx) => trx.updateTable('tags').set({ parent_id: 99 }).where('name', '=', 't0').execute()),
      insert(db, 2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.selectFrom('tags').select('parent_id').where('name', '=', 't0').executeTakeFirst())?.parent_id).toBe(1);
    await db.destroy();
  });

  it('checks every child row once a transaction has deleted rows after inserting into a child (a freed rowid may come back below the mark)', async () => {
    const { db } = await open();
    await db.insertInto('parents').values([{ id: 1 }, { id: 2 }]).execute();
    await db.insertInto('owners').values({ id: 7 }).execute();
    await db.insertInto('tags').values({ name: 'old', parent_id: 1, owner_id: 7 }).execute();
    const results = await Promise.allSettled([
      insert(db, 1),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('tags').values({ name: 'new', parent_id: 2, owner_id: 7 }).execute(); // marks the rowid of 'old'
        await trx.deleteFrom('owners').where('id', '=', 7).execute(); // names no deferred key; frees both rowids
        await trx.insertInto('tags').values({ name: 'orphan', parent_id: 42 }).execute(); // takes the rowid of 'old'
      }),
      insert(db, 2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.selectFrom('tags').select('name').execute()).map((r) => r.name)).toEqual(['old']);
    expect((await db.selectFrom('items').select('id').execute()).length).toBe(2);
    await db.destroy();
  });

  it('runs a transaction that defers every key in a SQLite transaction of its own', async () => {
    const { db } = await open();
    const results = await Promise.allSettled([
      insert(db, 1),
      db.transaction().execute(async (trx) => {
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await trx.insertInto('kids').values({ id: 1, parent_id: 5 }).execute();
        await trx.insertInto('parents').values({ id: 5 }).execute();
      }),
      insert(db, 2),
      db.transaction().execute(async (trx) => {
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await trx.insertInto('kids').values({ id: 2, parent_id: 6 }).execute();
      }),
      insert(db, 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await db.selectFrom('items').select('id').execute()).length).toBe(3);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('items').selectAll().execute();
        await sql`pragma defer_foreign_keys = on`.execute(trx);
      }),
    ).rejects.toThrow('first statement');
    await db.destroy();
  });

  it('rejects every transaction of a group whose COMMIT fails', async () => {
    const { db, raw } = await open();
    // The COMMIT fails: a deferred key left violated by a statement the driver never saw (run
    // on the raw connection, as a trigger could), so nobody checked it before the COMMIT.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = insert(db, 1);
    const b = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
      raw.prepare('insert into kids (id, parent_id) values (1, 42)').run();
      await gate;
    });
    const c = insert(db, 3);
    await new Promise((r) => setTimeout(r, 20));
    release();
    const results = await Promise.allSettled([a, b, c]);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(2);
    expect(raw.inTransaction).toBe(false);
    const ids = (await db.selectFrom('items').select('id').execute()).map((r) => r.id);
    // Exactly the acknowledged ones are stored.
    expect(ids).toEqual(results.flatMap((r, i) => (r.status === 'fulfilled' ? [i + 1] : [])));
    await db.destroy();
  });

  it('keeps controlled transactions and their savepoints working', async () => {
    const { db } = await open();
    const others = Promise.all([insert(db, 1), insert(db, 2)]);
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ id: 10, name: 'x' }).execute();
    const sp = await trx.savepoint('inner').execute();
    await sp.insertInto('items').values({ id: 11, name: 'y' }).execute();
    await sp.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    await others;
    expect((await db.selectFrom('items').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2, 10]);
    await db.destroy();
  });

  it('caps a group', async () => {
    const { db, commits } = await open(4);
    const before = commits();
    await Promise.all(Array.from({ length: 40 }, (_, i) => insert(db, i)));
    expect(commits() - before).toBeGreaterThanOrEqual(10);
    await db.destroy();
  });

  it('does not group while another connection of this process has the file open (it would wait on our event loop)', async () => {
    const { db, raw, file, commits } = await open();
    const second = new SQLite(file);
    second.pragma('busy_timeout = 2000');
    const twin = new Kysely<T>({ dialect: new GroupCommitSqliteDialect({ raw: second, database: second }) });
    try {
      const before = commits();
      await Promise.all([insert(db, 1), insert(db, 2), insert(db, 3)]);
      expect(commits() - before).toBe(3); // one COMMIT each: no lock held to the end of the turn
      await insert(twin, 4);
      expect(raw.prepare('select count(*) as n from items').get()).toEqual({ n: 4 });
    } finally {
      await twin.destroy();
    }
    // Alone on the file again: grouping is back.
    const before = commits();
    await Promise.all([insert(db, 5), insert(db, 6), insert(db, 7)]);
    expect(commits() - before).toBe(1);
    await db.destroy();
  });
});
