import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import type { ApiCredentialRow } from '../../core/identity/credentials-store.js';

export type { ApiCredentialRow };

/**
 * Managing `api_credentials`: user credentials (the /v1/api-credentials extension) and the
 * agents' own credentials. Every change to an existing row goes through CredentialChanges
 * (src/core/identity/credential-cache.ts), so cached copies are dropped on every node.
 */
export function createApiCredentialsRepo(db: Db) {
  return {
    async findByClientId(clientId: string) {
      return db.selectFrom('api_credentials').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    },
    async insert(row: ApiCredentialRow) {
      await db.insertInto('api_credentials').values(row).execute();
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
    async delete(accountId: string, clientId: string, trx: Db = db) {
      const r = await trx
        .deleteFrom('api_credentials')
        .where('account_id', '=', accountId)
        .where('client_id', '=', clientId)
        .where('kind', '=', 'user')
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** An agent's own credential (a row of kind 'agent'). */
    async findForAgent(accountId: string, agentId: string) {
      return db
        .selectFrom('api_credentials')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', 'agent')
        .where('agent_id', '=', agentId)
        .executeTakeFirst();
    },
    async setAgentSecret(clientId: string, secretHash: string, trx: Db = db) {
      await trx.updateTable('api_credentials').set({ secret_hash: secretHash }).where('client_id', '=', clientId).where('kind', '=', 'agent').execute();
    },
    /** Deletes the agent's credentials; returns their client ids. */
    async deleteForAgent(accountId: string, agentId: string, trx: Db = db): Promise<string[]> {
      const rows = await trx
        .deleteFrom('api_credentials')
        .where('account_id', '=', accountId)
        .where('kind', '=', 'agent')
        .where('agent_id', '=', agentId)
        .returning('client_id')
        .execute();
      return rows.map((r) => r.client_id);
    },
  };
}
export type ApiCredentialsRepo = ReturnType<typeof createApiCredentialsRepo>;
