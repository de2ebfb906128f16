import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { deferredKeys } from './sqlite-deferred-keys.js';

function keys() {
  const raw = new SQLite(':memory:');
  raw.exec(`
    create table connections (id text primary key, name text);
    create table envs (id text primary key);
    create table links (env text not null references envs (id) on delete cascade, kind text not null,
      connection_id text not null references connections (id) deferrable initially deferred, primary key (env, kind));
    create table overrides (id text primary key, connection_id text not null, settings text,
      constraint overrides_fk foreign key (connection_id) references connections (id) deferrable initially deferred);
    create table pinned (id integer primary key, connection_id text references connections (id) deferrable initially deferred);
  `);
  return deferredKeys(raw, (text) => raw.prepare(text));
}

describe('deferred foreign keys: what a statement can do to one', () => {
  const cases: [string, ReturnType<ReturnType<typeof keys>['effect']>][] = [
    ['select * from "links" where "env" = ?', undefined],
    ['insert into "links" ("env", "kind", "connection_id") values (?, ?, ?), (?, ?, ?)', { insertInto: 'links' }],
    ['insert into "overrides" ("id", "connection_id") select ?, "id" from "connections" where "name" = ?', { insertInto: 'overrides' }],
    // Its INTEGER PRIMARY KEY is the rowid, chosen by whoever inserts: new rows are not above a mark.
    ['insert into "pinned" ("id", "connection_id") values (?, ?)', 'any'],
    ['insert into "connections" ("id", "name") values (?, ?)', undefined],
    ['insert into "envs" ("id") values (?)', undefined],
    ['delete from "links" where "env" = ?', undefined],
    ['delete from "envs" where "id" = ?', undefined],
    ['delete from "connections" where "id" = ?', 'any'],
    ['update "overrides" set "settings" = ?, "updated_at" = ? where "id" = ? and "connection_id" = ?', undefined],
    ['update "overrides" set "connection_id" = ? where "id" = ?', 'any'],
    ['update "overrides" set ("settings", "connection_id") = (?, ?) where "id" = ?', 'any'],
    ['update "overrides" set "settings" = (select "name" from "connections" where "id" = ?) where "connection_id" = ?', undefined],
    ['update "overrides" set "settings" = (select "name" from "connections" where "id" = ?), "connection_id" = ? where "id" = ?', 'any'],
    ['update "connections" set "name" = ? where "id" = ?', undefined],
    ['update "connections" set "id" = ? where "id" = ?', 'any'],
    ['insert into "links" ("env", "kind", "connection_id") values (?, ?, ?) on conflict do update set "connection_id" = "excluded"."connection_id"', 'any'],
    ['insert or replace into "connections" ("id", "name") values (?, ?)', 'any'],
    ['replace into "links" ("env", "kind", "connection_id") values (?, ?, ?)', 'any'],
    ['update "envs" set "id" = ? where "id" = ?', undefined],
  ];
  it.each(cases)('%s', (text, effect) => {
    expect(keys().effect(text)).toEqual(effect);
  });

  it('checks every write to a child whose key has several columns in full, and every change to its parent', () => {
    const raw = new SQLite(':memory:');
    raw.exec(`create table accounts (id text, region text, note text, primary key (id, region));
      create table pairs (id text primary key, account text, region text,
        foreign key (account, region) references accounts (id, region) deferrable initially deferred);`);
    const k = deferredKeys(raw, (text) => raw.prepare(text));
    expect(k.effect('insert into "pairs" ("id", "account", "region") values (?, ?, ?)')).toBe('any');
    expect(k.effect('update "pairs" set "id" = ? where "id" = ?')).toBe('any');
    expect(k.effect('update "accounts" set "note" = ? where "id" = ?')).toBe('any');
    expect(k.effect('insert into "accounts" ("id", "region") values (?, ?)')).toBeUndefined();
  });

  it('finds an orphan among the rows inserted after the mark only, by lookup', () => {
    const raw = new SQLite(':memory:');
    raw.pragma('foreign_keys = ON');
    raw.exec(`create table connections (id text primary key);
      create table links (env text primary key, connection_id text not null references connections (id) deferrable initially deferred);`);
    const k = deferredKeys(raw, (text) => raw.prepare(text));
    raw.exec(`begin; insert into links values ('old-orphan', 'gone');`);
    const mark = k.mark('links');
    raw.exec(`insert into connections values ('c1'); insert into links values ('new', 'c1');`);
    expect(k.violatedSince(new Map([['links', mark]]))).toBe(false);
    expect(k.violated()).toBe(true); // the full check sees the older orphan
    raw.exec(`insert into links values ('new-orphan', 'missing');`);
    expect(k.violatedSince(new Map([['links', mark]]))).toBe(true);
    raw.exec('rollback');
  });

  it('answers a text again from what it found, until the schema is read again (reset)', () => {
    const raw = new SQLite(':memory:');
    raw.exec(`create table parents (id text primary key); create table kids (id text primary key, parent text);
      create table other (id text primary key, parent text references parents (id) deferrable initially deferred);`);
    const k = deferredKeys(raw, (text) => raw.prepare(text));
    const insertKid = 'insert into "kids" ("id", "parent") values (?, ?)';
    expect(k.effect(insertKid)).toBeUndefined(); // kids has no deferred key yet
    raw.exec(`drop table kids; create table kids (id text primary key, parent text references parents (id) deferrable initially deferred);`);
    expect(k.effect(insertKid)).toBeUndefined(); // the answer kept, not the new schema's
    k.reset();
    expect(k.effect(insertKid)).toEqual({ insertInto: 'kids' });
  });
});
