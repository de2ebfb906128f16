import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DbKind } from './app.js';
import { createPgSchema } from './pg.js';

/**
 * A fresh database that several app instances can open at once (multi-node tests): a throwaway
 * PostgreSQL schema, or a SQLite file in a temporary directory. `drop` removes it.
 */
export async function sharedDatabase(kind: DbKind, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'postgres') return createPgSchema();
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { url: `sqlite:${path.join(dir, 'plinth.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
