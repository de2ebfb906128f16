import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** SQLite's temp files (`etilqs_…`, unlinked at once) this process holds open. */
const openTempFiles = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.includes('etilqs_') ? [target] : [];
    } catch {
      return []; // closed meanwhile (the directory's own descriptor)
    }
  });

describe('SQLite temp store', () => {
  it.runIf(process.platform === 'linux')('keeps a savepoint’s undo journal in memory: a transaction rewriting 120 pages opens no temp file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-temp-'));
    dirs.push(dir);
    const store = await openStore({ kind: 'sqlite', filename: path.join(dir, 'db.sqlite'), memory: false });
    stores.push(store);
    expect((await sql<{ temp_store: number }>`pragma temp_store`.execute(store.db)).rows[0]!.temp_store).toBe(2); // MEMORY
    await sql`create table t (id integer primary key, body text not null)`.execute(store.db);
    for (let i = 0; i < 120; i++) await sql`insert into t (body) values (${'a'.repeat(3000)})`.execute(store.db);
    const seen = await store.db.transaction().execute(async (trx) => {
      // Each row fills most of a page: rewriting them all journals ~480 KiB of old pages,
      // far past the 64 KiB at which SQLite otherwise spills the journal to a file.
      const r = await sql`update t set body = ${'b'.repeat(3000)}`.execute(trx);
      expect(Number(r.numAffectedRows)).toBe(120);
      return openTempFiles();
    });
    expect(seen).toEqual([]);
    expect((await sql<{ n: number }>`select count(*) as n from t where body like 'b%'`.execute(store.db)).rows[0]!.n).toBe(120);
  });
});
