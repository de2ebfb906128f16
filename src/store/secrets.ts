import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import { countRows, paged } from './paging.js';

declare module './schema.js' {
  interface Database {
    hosted_secrets: HostedSecretsTable;
    secret_references: SecretReferencesTable;
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

export interface SecretReferencesTable {
  id: string;
  project_id: string;
  name: string;
  /** AWS | Azure | Matillion hosted */
  agent_type: string;
  secret_reference_type: string;
  description: string | null;
  secret_name: string | null;
  secret_key: string | null;
  vault_name: string | null;
  agent_id: string | null;
  /** Vault blob of the JSON secretValue ('Matillion hosted' only); AAD see secretReferenceAad. */
  value: string | null;
  created_at: string;
}
export type SecretReferenceRow = Selectable<SecretReferencesTable>;

/** Additional authenticated data: a blob opens only for the row (owner and name) it was written for. */
export const hostedSecretAad = (accountId: string, agentId: string, name: string) => `hosted-secret|${accountId}|${agentId}|${name}`;
export const secretReferenceAad = (projectId: string, name: string) => `secret-reference|${projectId}|${name}`;

export function createSecretsRepo(db: Db) {
  return {
    async findHosted(agentId: string, name: string) {
      return db.selectFrom('hosted_secrets').selectAll().where('agent_id', '=', agentId).where('name', '=', name).executeTakeFirst();
    },
    async insertHosted(row: HostedSecretRow) {
      await db.insertInto('hosted_secrets').values(row).execute();
    },
    async pageHosted(agentId: string, offset: number, limit: number) {
      const base = db.selectFrom('hosted_secrets').where('agent_id', '=', agentId);
      return paged(
        base.select(['id', 'account_id', 'agent_id', 'name', 'type', 'secret_key', 'created_at', 'updated_at']).orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async deleteHosted(agentId: string, name: string) {
      const r = await db.deleteFrom('hosted_secrets').where('agent_id', '=', agentId).where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async findReference(projectId: string, name: string) {
      return db.selectFrom('secret_references').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    },
    async insertReference(row: SecretReferenceRow) {
      await db.insertInto('secret_references').values(row).execute();
    },
    async pageReferences(projectId: string, offset: number, limit: number) {
      const base = db.selectFrom('secret_references').where('project_id', '=', projectId);
      return paged(
        base
          .select(['id', 'project_id', 'name', 'agent_type', 'secret_reference_type', 'description', 'secret_name', 'secret_key', 'vault_name', 'agent_id', 'created_at'])
          .orderBy('created_at')
          .orderBy('id')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async deleteReference(projectId: string, name: string) {
      const r = await db.deleteFrom('secret_references').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type SecretsRepo = ReturnType<typeof createSecretsRepo>;
