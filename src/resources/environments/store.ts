import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { allColumns, precompileInsert } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    environments: EnvironmentsTable;
    environment_default_connections: EnvironmentDefaultConnectionsTable;
  }
}

export interface EnvironmentsTable {
  id: string;
  project_id: string;
  name: string;
  display_name: string | null;
  description: string | null;
  default_agent_id: string;
  default_user_access_level: string;
  /** JSON text of defaultConnections as sent. */
  default_connections: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export type EnvironmentRow = Selectable<EnvironmentsTable>;

export interface EnvironmentDefaultConnectionsTable {
  environment_id: string;
  /** 'DWH' | 'CLOUD_PLATFORM' */
  kind: string;
  connection_id: string;
}

const COLUMNS = allColumns<EnvironmentsTable>()([
  'id', 'project_id', 'name', 'display_name', 'description', 'default_agent_id', 'default_user_access_level', 'default_connections', 'created_by', 'created_at', 'updated_at',
]);
const DEFAULT_COLUMNS = allColumns<EnvironmentDefaultConnectionsTable>()(['environment_id', 'kind', 'connection_id']);

export function createEnvironmentsRepo(db: Db) {
  // Every provisioning flow creates an environment with its default connections: built once.
  const insertRow = precompileInsert<EnvironmentRow>(db, 'environments', COLUMNS);
  const insertDefaults = precompileInsert<EnvironmentDefaultConnectionsTable>(db, 'environment_default_connections', DEFAULT_COLUMNS);
  return {
    async insert(row: EnvironmentRow, defaults: { kind: string; connection_id: string }[], trx: Db = db) {
      await insertRow.run(trx, row);
      await insertDefaults.runMany(trx, defaults.map((d) => ({ environment_id: row.id, kind: d.kind, connection_id: d.connection_id })));
    },
    async findByName(projectId: string, name: string, trx: Db = db) {
      return trx.selectFrom('environments').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    },
    async page(projectId: string, offset: number, limit: number) {
      const base = db.selectFrom('environments').where('project_id', '=', projectId);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async update(id: string, fields: Partial<Pick<EnvironmentRow, 'display_name' | 'description' | 'default_user_access_level' | 'updated_at'>>, trx: Db = db) {
      const r = await trx.updateTable('environments').set(fields).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(id: string, trx: Db = db) {
      const r = await trx.deleteFrom('environments').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Environments that use the connection as a default connection. */
    async defaultUsersOf(connectionId: string, trx: Db = db) {
      return trx
        .selectFrom('environment_default_connections as d')
        .innerJoin('environments as e', 'e.id', 'd.environment_id')
        .select(['e.name', 'd.kind'])
        .where('d.connection_id', '=', connectionId)
        .orderBy('e.name')
        .execute();
    },
    async defaultsOf(environmentId: string, trx: Db = db) {
      return trx.selectFrom('environment_default_connections').selectAll().where('environment_id', '=', environmentId).execute();
    },
  };
}
export type EnvironmentsRepo = ReturnType<typeof createEnvironmentsRepo>;
