import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/core/db/db.js';

describe('withStatementCache (SQLite)', () => {
  it('hands out the same prepared statement for the same SQL text', () => {
    const db = withStatementCache(new SQLite(':memory:'));
    expect(db.prepare('select 1 as n')).toBe(db.prepare('select 1 as n'));
    expect(db.prepare('select 1 as n')).not.toBe(db.prepare('select 2 as n'));
    db.close();
  });

  it('prepares a fresh statement while the cached one is busy iterating', () => {
    const raw = new SQLite(':memory:');
    raw.exec('create table t (x integer); insert into t values (1), (2), (3);');
    const db = withStatementCache(raw);
    const it1 = db.prepare('select x from t order by x').iterate([]);
    expect(it1.next().value).toEqual({ x: 1 });
    const again = db.prepare('select x from t order by x');
    expect(again.all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect([...it1]).toEqual([{ x: 2 }, { x: 3 }]);
    db.close();
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = withStatementCache(new SQLite(':memory:'), 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // refreshes "select 1"
    db.prepare('select 3'); // evicts "select 2"
    expect(db.prepare('select 1')).toBe(a);
    db.close();
  });

  it('sees schema changes made after a statement was cached', () => {
    const raw = new SQLite(':memory:');
    raw.exec('create table t (x integer); insert into t values (1);');
    const db = withStatementCache(raw);
    expect(db.prepare('select * from t').all([])).toEqual([{ x: 1 }]);
    raw.exec('alter table t add column y integer default 7');
    expect(db.prepare('select * from t').all([])).toEqual([{ x: 1, y: 7 }]);
    db.close();
  });
});
