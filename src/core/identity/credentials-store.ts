import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/db.js';
import { marker, precompile } from '../db/precompiled.js';
import type { ApiCredentialsTable } from '../db/schema.js';

export type ApiCredentialRow = Selectable<ApiCredentialsTable>;
/** A row to insert (`secret_sealed` and `secret_generation` may be left to their defaults). */
export type NewApiCredential = Insertable<ApiCredentialsTable>;

/**
 * What authentication reads and bootstrap writes of `api_credentials`. Managing credentials
 * (lists, creation, agent credentials) is the api-credentials resource's store.
 */
export function createCredentialsStore(db: Db) {
  // Every token request reads its credential: built once.
  const byClientId = precompile((clientId: string) => db.selectFrom('api_credentials').selectAll().where('client_id', '=', clientId), [marker(0)]);
  return {
    async findByClientId(clientId: string) {
      return (await byClientId.run(db, clientId)).rows[0];
    },
    async insert(row: NewApiCredential) {
      await db.insertInto('api_credentials').values(row).execute();
    },
    /** Changes an existing credential: go through CredentialChanges (credential-cache.ts). */
    async updateSecret(clientId: string, fields: Pick<ApiCredentialRow, 'secret_hash' | 'role' | 'account_id'>, trx: Db = db) {
      await trx.updateTable('api_credentials').set(fields).where('client_id', '=', clientId).execute();
    },
    async countByKind(kind: string) {
      const r = await db
        .selectFrom('api_credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type CredentialsStore = ReturnType<typeof createCredentialsStore>;
