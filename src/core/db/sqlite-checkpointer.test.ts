import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.js';
import { createCheckpointer, FALLBACK_PAGES } from './sqlite-checkpointer.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `n` commits of a 2 KB row each, transactions and autocommit writes alternating, as the server writes. */
async function write(store: Store, n: number) {
  await sql`create table if not exists t (id integer primary key, body text not null)`.execute(store.db);
  const body = 'x'.repeat(2000);
  for (let i = 0; i < n; i++) {
    if (i % 2) await store.db.transaction().execute((trx) => sql`insert into t (body) values (${body + i})`.execute(trx));
    else await sql`insert into t (body) values (${body + i})`.execute(store.db);
  }
}

describe('background WAL checkpoints (SQLite file)', () => {
  it('copies committed pages into the database file on the worker, well below the fallback mark', async () => {
    const file = tempFile();
    const store = await openStore({ kind: 'sqlite', filename: file, memory: false });
    stores.push(store);
    expect(store.checkpoints!().checkpoints).toBe(0);
    const before = statSync(file).size;
    await write(store, 201);
    await until(() => store.checkpoints!().checkpoints > 0 && store.checkpoints!().copied === store.checkpoints!().log, 'a complete checkpoint');
    const s = store.checkpoints!();
    expect(s.failures).toBe(0);
    // Only a checkpoint writes table pages into the main file; the server's own fires at 10,000 pages.
    expect(s.log).toBeGreaterThan(100);
    expect(s.log).toBeLessThan(FALLBACK_PAGES);
    expect(statSync(file).size).toBeGreaterThan(before + 100 * 4096);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
    expect(rows.rows[0]!.n).toBe(201);
  });

  it('stops the worker on close, so the last connection removes the WAL', async () => {
    const file = tempFile();
    const store = await openStore({ kind: 'sqlite', filename: file, memory: false });
    await write(store, 150);
    await until(() => store.checkpoints!().checkpoints > 0, 'a checkpoint');
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
    // SQLite deletes the WAL only when its last connection closes: the worker's is gone too.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('starts no worker for the first commits (a cold start, a seldom-written server), and closes cleanly', async () => {
    const file = tempFile();
    const store = await openStore({ kind: 'sqlite', filename: file, memory: false });
    await write(store, 90);
    // A write that changes nothing is no commit to checkpoint.
    for (let i = 0; i < 20; i++) await sql`insert or ignore into t (id, body) values (1, 'again')`.execute(store.db);
    const size = statSync(file).size;
    await new Promise((r) => setTimeout(r, 600));
    expect(statSync(file).size).toBe(size);
    await store.close();
    expect(store.checkpoints!().checkpoints).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a worker that cannot open the file, and keeps answering commits', async () => {
    const errors: string[] = [];
    const c = createCheckpointer(path.join(tempFile(), 'missing', 'db.sqlite'), { intervalMs: 1, startAfter: 1, onError: (m) => errors.push(m) });
    c.committed();
    await until(() => c.stats().failures > 0, 'the failure');
    c.committed();
    await until(() => c.stats().failures > 1, 'the second failure');
    expect(errors[0]).toMatch(/unable to open|directory does not exist|no such file/i);
    expect(c.stats().checkpoints).toBe(0);
    await c.close();
  });

  it('counts a close as an orderly end of the worker, not a failure', async () => {
    const file = tempFile();
    const store = await openStore({ kind: 'sqlite', filename: file, memory: false });
    stores.push(store);
    const errors: string[] = [];
    const c = createCheckpointer(file, { intervalMs: 1, startAfter: 1, onError: (m) => errors.push(m) });
    c.committed();
    await until(() => c.stats().checkpoints > 0, 'a checkpoint');
    await c.close();
    expect(errors).toEqual([]);
    expect(c.stats().failures).toBe(0);
  });

  it('is not used for an in-memory database', async () => {
    const store = await openStore({ kind: 'sqlite', filename: ':memory:', memory: true });
    stores.push(store);
    expect(store.checkpoints).toBeUndefined();
  });
});
