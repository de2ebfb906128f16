import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import type { ApiCredentialRow, NewApiCredential } from '../../core/identity/credentials-store.js';

export type { ApiCredentialRow, NewApiCredential };

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
    async insert(row: NewApiCredential, trx: Db = db) {
      await trx.insertInto('api_credentials').values(row).execute();
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
    /**
     * A new secret for an agent credential, hash and sealed copy together, and the next
     * generation (which ends the old secret's tokens). Compare-and-set on the generation that was
     * read: false when another refresh got there first.
     */
    async setAgentSecret(clientId: string, expectedGeneration: number, secret: { hash: string; sealed: string }, trx: Db = db) {
      const r = await trx
        .updateTable('api_credentials')
        .set((eb) => ({ secret_hash: secret.hash, secret_sealed: secret.sealed, secret_generation: eb('secret_generation', '+', 1) }))
        .where('client_id', '=', clientId)
        .where('kind', '=', 'agent')
        .where('secret_generation', '=', expectedGeneration)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
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
