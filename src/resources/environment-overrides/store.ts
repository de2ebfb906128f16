import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { allColumns, precompileInsert } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    environment_overrides: EnvironmentOverridesTable;
  }
}

export interface EnvironmentOverridesTable {
  id: string;
  project_id: string;
  environment_id: string;
  connection_id: string;
  auth_type: string;
  /** JSON text of connectionOverrides as sent: {secretsLocation?, connectionProperties}. */
  overrides: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export type EnvironmentOverrideRow = Selectable<EnvironmentOverridesTable>;

/** An override with the name of its environment and the fields of its connection. */
export interface OverrideWithConnection extends EnvironmentOverrideRow {
  environment_name: string;
  connection_name: string;
  platform_connection_type: string;
  auth_provider: string | null;
}

const COLUMNS = allColumns<EnvironmentOverridesTable>()(['id', 'project_id', 'environment_id', 'connection_id', 'auth_type', 'overrides', 'created_by', 'created_at', 'updated_at']);

export function createOverridesRepo(db: Db) {
  const insertRow = precompileInsert<EnvironmentOverrideRow>(db, 'environment_overrides', COLUMNS);
  const withConnection = (trx: Db) =>
    trx
      .selectFrom('environment_overrides as o')
      .innerJoin('connections as c', 'c.id', 'o.connection_id')
      .innerJoin('environments as e', 'e.id', 'o.environment_id')
      .selectAll('o')
      .select(['e.name as environment_name', 'c.name as connection_name', 'c.platform_connection_type', 'c.auth_provider']);

  return {
    async insert(row: EnvironmentOverrideRow, trx: Db = db) {
      await insertRow.run(trx, row);
    },
    async find(environmentId: string, connectionId: string, trx: Db = db) {
      return withConnection(trx).where('o.environment_id', '=', environmentId).where('o.connection_id', '=', connectionId).executeTakeFirst();
    },
    async replace(id: string, fields: Pick<EnvironmentOverrideRow, 'auth_type' | 'overrides' | 'updated_at'>, trx: Db = db) {
      const r = await trx.updateTable('environment_overrides').set(fields).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async listFor(environmentId: string, trx: Db = db) {
      return withConnection(trx).where('o.environment_id', '=', environmentId).orderBy('o.created_at').orderBy('o.id').execute();
    },
    async page(environmentId: string, offset: number, limit: number) {
      const base = db.selectFrom('environment_overrides').where('environment_id', '=', environmentId);
      return paged(
        withConnection(db).where('o.environment_id', '=', environmentId).orderBy('o.created_at').orderBy('o.id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async deleteMany(ids: string[], trx: Db = db) {
      if (ids.length === 0) return 0;
      const r = await trx.deleteFrom('environment_overrides').where('id', 'in', ids).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** Names of the environments that override the connection. */
    async usersOf(connectionId: string, trx: Db = db) {
      const rows = await trx
        .selectFrom('environment_overrides as o')
        .innerJoin('environments as e', 'e.id', 'o.environment_id')
        .select(['e.name'])
        .where('o.connection_id', '=', connectionId)
        .orderBy('e.name')
        .execute();
      return rows.map((r) => r.name);
    },
  };
}
export type OverridesRepo = ReturnType<typeof createOverridesRepo>;
