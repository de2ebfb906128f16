import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import type { SigningKeysTable } from './schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

/** Deployment-wide state: signing keys and internal secrets, both sealed by the vault. */
export function createSystemRepo(db: Db) {
  return {
    async getSecret(name: string) {
      return db.selectFrom('system_secrets').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async insertSecretIfAbsent(row: { name: string; value: string; created_at: string }) {
      await db.insertInto('system_secrets').values(row).onConflict((oc) => oc.column('name').doNothing()).execute();
    },
    async signingKeys() {
      return db.selectFrom('signing_keys').selectAll().orderBy('generation', 'desc').execute();
    },
    async signingKey(kid: string) {
      return db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
    },
    /** Returns false when another node already created that generation. */
    async insertSigningKey(row: SigningKeyRow) {
      await db
        .insertInto('signing_keys')
        .values(row)
        .onConflict((oc) => oc.column('generation').doNothing())
        .execute();
      return (await db.selectFrom('signing_keys').select('kid').where('kid', '=', row.kid).executeTakeFirst()) !== undefined;
    },
  };
}
export type SystemRepo = ReturnType<typeof createSystemRepo>;
