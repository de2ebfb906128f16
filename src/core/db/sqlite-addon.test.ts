import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadSqliteAddon } from './db.js';

// The CLI bundle carries better-sqlite3's JavaScript and hands it the addon that loadSqliteAddon
// finds in the driver's package (src/core/db/db.ts, nativeBinding).
const ROOT = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));

describe('the SQLite driver addon', () => {
  it("is found in the driver's package, and the driver runs on it", () => {
    // The driver takes an addon object as well as a path; its types name only the path.
    const db = new SQLite(':memory:', { nativeBinding: loadSqliteAddon(ROOT) as unknown as string });
    try {
      expect(db.prepare('select 40 + 2 as x').get()).toEqual({ x: 42 });
    } finally {
      db.close();
    }
  });

  it('refuses an addon that is there but cannot load with its own error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-addon-'));
    try {
      mkdirSync(path.join(dir, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(dir, 'build', 'Release', 'better_sqlite3.node'), 'not a shared object');
      expect(() => loadSqliteAddon(dir)).toThrow(/better_sqlite3\.node/);
      expect(() => loadSqliteAddon(dir)).not.toThrow(/Could not locate the bindings file|Cannot find module 'bindings'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("falls back to the driver's own search, rooted at its package, where an install put it elsewhere", () => {
    // An install with the driver's package at <dir>/node_modules/better-sqlite3 and its `bindings`
    // dependency beside it, as npm lays them out.
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-addon-'));
    const root = path.join(dir, 'node_modules', 'better-sqlite3');
    try {
      mkdirSync(root, { recursive: true });
      symlinkSync(path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('bindings/package.json')), path.join(dir, 'node_modules', 'bindings'));
      writeFileSync(path.join(root, 'package.json'), '{"name":"better-sqlite3"}');
      // No build/ at all: the search (bindings, resolved from the package) names where it looked.
      let message = '';
      try {
        loadSqliteAddon(root);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain('Could not locate the bindings file');
      expect(message).toContain(path.join(root, 'build', 'Debug', 'better_sqlite3.node'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
