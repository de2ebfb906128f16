import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * Every column that holds a vault blob. Start-up checks them for key ids the keyring lacks,
 * and `plinth vault rewrap` re-seals them under the current key. A resource that stores a
 * secret registers its column here.
 */
export interface VaultColumn {
  table: string;
  /** Primary-key column used to page through rows and update them one at a time. */
  key: string;
  column: string;
}

export const VAULT_COLUMNS: VaultColumn[] = [
  { table: 'system_secrets', key: 'name', column: 'value' },
  { table: 'signing_keys', key: 'kid', column: 'private_key' },
  { table: 'hosted_secrets', key: 'id', column: 'value' },
  { table: 'secret_references', key: 'id', column: 'value' },
  { table: 'repositories', key: 'id', column: 'token' },
  { table: 'api_credentials', key: 'client_id', column: 'secret_sealed' },
];

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A key id some stored value needs that `keyIds` lacks, or null. */
export async function findMissingKeyId(db: Db, keyIds: readonly string[], columns = VAULT_COLUMNS): Promise<string | null> {
  for (const c of columns) {
    let q = sql`select ${sql.ref(c.column)} as v from ${sql.table(c.table)} where ${sql.ref(c.column)} is not null`;
    for (const id of keyIds) q = sql`${q} and ${sql.ref(c.column)} not like ${`plinth:v1:${likeEscape(id)}:%`} escape '\\'`;
    const r = await sql<{ v: string }>`${q} limit 1`.execute(db);
    const v = r.rows[0]?.v;
    if (v) return v.split(':')[2] ?? '(unreadable header)';
  }
  return null;
}

/**
 * Re-seal every stored value under the vault's current key, a batch at a time, each row updated
 * only if it still holds the blob that was read (so concurrent writers win). Resumable: rows
 * already under the current key are skipped by the query itself.
 */
export async function rewrapAll(
  db: Db,
  rewrap: (blob: string) => string | null,
  currentKeyId: string,
  columns = VAULT_COLUMNS,
  batch = 200,
): Promise<{ table: string; rewrapped: number }[]> {
  const out: { table: string; rewrapped: number }[] = [];
  const prefix = `plinth:v1:${likeEscape(currentKeyId)}:%`;
  for (const c of columns) {
    let done = 0;
    let after = '';
    for (;;) {
      const r = await sql<{ k: string; v: string }>`select ${sql.ref(c.key)} as k, ${sql.ref(c.column)} as v from ${sql.table(c.table)}
        where ${sql.ref(c.column)} is not null and ${sql.ref(c.column)} not like ${prefix} escape '\\' and ${sql.ref(c.key)} > ${after}
        order by ${sql.ref(c.key)} limit ${batch}`.execute(db);
      if (r.rows.length === 0) break;
      for (const row of r.rows) {
        const next = rewrap(row.v);
        if (next) {
          await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${next} where ${sql.ref(c.key)} = ${row.k} and ${sql.ref(c.column)} = ${row.v}`.execute(db);
          done++;
        }
        after = row.k;
      }
    }
    out.push({ table: c.table, rewrapped: done });
  }
  return out;
}
