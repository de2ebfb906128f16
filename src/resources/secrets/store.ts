import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { allColumns, marker, precompile, precompileInsert } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    hosted_secrets: HostedSecretsTable;
  }
}

export interface HostedSecretsTable {
  id: string;
  account_id: string;
  agent_id: string;
  name: string;
  /** DWH_PASSWORD | CLOUD_PROVIDER_SECRET */
  type: string;
  secret_key: string;
  /** Vault blob; AAD `hosted-secret|<account>|<agent>|<name>` (see hostedSecretAad). */
  value: string;
  created_at: string;
  updated_at: string;
}
export type HostedSecretRow = Selectable<HostedSecretsTable>;

/** Additional authenticated data: a blob opens only for the row (owner and name) it was written for. */
export const hostedSecretAad = (accountId: string, agentId: string, name: string) => `hosted-secret|${accountId}|${agentId}|${name}`;

const HOSTED_COLUMNS = allColumns<HostedSecretsTable>()(['id', 'account_id', 'agent_id', 'name', 'type', 'secret_key', 'value', 'created_at', 'updated_at']);

export function createSecretsRepo(db: Db) {
  // The provisioning flow stores its warehouse key as a hosted secret, after a name check: built once.
  const insertRow = precompileInsert<HostedSecretRow>(db, 'hosted_secrets', HOSTED_COLUMNS);
  const byName = precompile((agentId: string, name: string) => db.selectFrom('hosted_secrets').selectAll().where('agent_id', '=', agentId).where('name', '=', name), [marker(0), marker(1)]);
  return {
    async findHosted(agentId: string, name: string) {
      return (await byName.run(db, agentId, name)).rows[0];
    },
    async insertHosted(row: HostedSecretRow, trx: Db = db) {
      await insertRow.run(trx, row);
    },
    async pageHosted(agentId: string, offset: number, limit: number) {
      const base = db.selectFrom('hosted_secrets').where('agent_id', '=', agentId);
      return paged(
        base.select(['id', 'account_id', 'agent_id', 'name', 'type', 'secret_key', 'created_at', 'updated_at']).orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async deleteHosted(agentId: string, name: string, trx: Db = db) {
      const r = await trx.deleteFrom('hosted_secrets').where('agent_id', '=', agentId).where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type SecretsRepo = ReturnType<typeof createSecretsRepo>;
