import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

declare module '../../core/db/schema.js' {
  interface Database {
    secret_references: SecretReferencesTable;
  }
}

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

/** Additional authenticated data: a blob opens only for the reference (project and name) it was written for. */
export const secretReferenceAad = (projectId: string, name: string) => `secret-reference|${projectId}|${name}`;

export function createSecretReferencesRepo(db: Db) {
  return {
    async find(projectId: string, name: string) {
      return db.selectFrom('secret_references').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    },
    async insert(row: SecretReferenceRow, trx: Db = db) {
      await trx.insertInto('secret_references').values(row).execute();
    },
    async page(projectId: string, offset: number, limit: number) {
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
    async delete(projectId: string, name: string, trx: Db = db) {
      const r = await trx.deleteFrom('secret_references').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type SecretReferencesRepo = ReturnType<typeof createSecretReferencesRepo>;
