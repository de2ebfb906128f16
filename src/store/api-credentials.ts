import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import type { ApiCredentialsTable } from './schema.js';
import { countRows, paged } from './paging.js';

export type ApiCredentialRow = Selectable<ApiCredentialsTable>;

export function createApiCredentialsRepo(db: Db) {
  return {
    async findByClientId(clientId: string) {
      return db.selectFrom('api_credentials').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    },
    async insert(row: ApiCredentialRow) {
      await db.insertInto('api_credentials').values(row).execute();
    },
    /** Changes an existing credential: go through CredentialChanges (src/domain/credential-cache.ts). */
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
    async countRole(accountId: string, role: string) {
      const r = await db
        .selectFrom('api_credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('kind', '=', 'user')
        .where('role', '=', role)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async page(accountId: string, offset: number, limit: number) {
      const base = db.selectFrom('api_credentials').where('account_id', '=', accountId).where('kind', '=', 'user');
      return paged(
        base.selectAll().orderBy('created_at').orderBy('client_id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    /** Go through CredentialChanges (src/domain/credential-cache.ts), so cached copies are dropped. */
    async delete(accountId: string, clientId: string, trx: Db = db) {
      const r = await trx
        .deleteFrom('api_credentials')
        .where('account_id', '=', accountId)
        .where('client_id', '=', clientId)
        .where('kind', '=', 'user')
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ApiCredentialsRepo = ReturnType<typeof createApiCredentialsRepo>;
