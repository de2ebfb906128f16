import type { Selectable } from 'kysely';
import type { Db } from './db.js';

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
  type: string;
  secret_key: string;
  value: string;
  created_at: string;
  updated_at: string;
}
export type HostedSecretRow = Selectable<HostedSecretsTable>;

export interface SecretReferencesTable {
  id: string;
  project_id: string;
  name: string;
  agent_type: string;
  secret_reference_type: string;
  description: string | null;
  secret_name: string | null;
  secret_key: string | null;
  vault_name: string | null;
  agent_id: string | null;
  value: string | null;
  created_at: string;
}
export type SecretReferenceRow = Selectable<SecretReferencesTable>;

export function createSecretsRepo(db: Db) {
  return {
    async findHosted(agentId: string, name: string) {
      return db.selectFrom('hosted_secrets').selectAll().where('agent_id', '=', agentId).where('name', '=', name).executeTakeFirst();
    },
    async findReference(projectId: string, name: string) {
      return db.selectFrom('secret_references').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    },
  };
}
export type SecretsRepo = ReturnType<typeof createSecretsRepo>;
