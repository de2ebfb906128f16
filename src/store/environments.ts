import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import { countRows, paged } from './paging.js';

declare module './schema.js' {
  interface Database {
    environments: EnvironmentsTable;
    environment_default_connections: EnvironmentDefaultConnectionsTable;
    environment_overrides: EnvironmentOverridesTable;
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

export function createEnvironmentsRepo(db: Db) {
  const withConnection = (trx: Db) =>
    trx
      .selectFrom('environment_overrides as o')
      .innerJoin('connections as c', 'c.id', 'o.connection_id')
      .innerJoin('environments as e', 'e.id', 'o.environment_id')
      .selectAll('o')
      .select(['e.name as environment_name', 'c.name as connection_name', 'c.platform_connection_type', 'c.auth_provider']);

  return {
    async insert(row: EnvironmentRow, defaults: { kind: string; connection_id: string }[], trx: Db = db) {
      await trx.insertInto('environments').values(row).execute();
      if (defaults.length) {
        await trx
          .insertInto('environment_default_connections')
          .values(defaults.map((d) => ({ environment_id: row.id, ...d })))
          .execute();
      }
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
    async delete(id: string, trx: Db = db) {
      const r = await trx.deleteFrom('environments').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Environments that use the connection as a default connection or through an override. */
    async usersOfConnection(connectionId: string, trx: Db = db) {
      const asDefault = await trx
        .selectFrom('environment_default_connections as d')
        .innerJoin('environments as e', 'e.id', 'd.environment_id')
        .select(['e.name', 'd.kind'])
        .where('d.connection_id', '=', connectionId)
        .orderBy('e.name')
        .execute();
      const asOverride = await trx
        .selectFrom('environment_overrides as o')
        .innerJoin('environments as e', 'e.id', 'o.environment_id')
        .select(['e.name'])
        .where('o.connection_id', '=', connectionId)
        .orderBy('e.name')
        .execute();
      return { asDefault, asOverride: asOverride.map((r) => r.name) };
    },
    async defaultsOf(environmentId: string, trx: Db = db) {
      return trx.selectFrom('environment_default_connections').selectAll().where('environment_id', '=', environmentId).execute();
    },

    async insertOverride(row: EnvironmentOverrideRow, trx: Db = db) {
      await trx.insertInto('environment_overrides').values(row).execute();
    },
    async findOverride(environmentId: string, connectionId: string, trx: Db = db) {
      return withConnection(trx).where('o.environment_id', '=', environmentId).where('o.connection_id', '=', connectionId).executeTakeFirst();
    },
    async replaceOverride(id: string, fields: Pick<EnvironmentOverrideRow, 'auth_type' | 'overrides' | 'updated_at'>, trx: Db = db) {
      const r = await trx.updateTable('environment_overrides').set(fields).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async overridesOf(environmentId: string, trx: Db = db) {
      return withConnection(trx).where('o.environment_id', '=', environmentId).orderBy('o.created_at').orderBy('o.id').execute();
    },
    async overridePage(environmentId: string, offset: number, limit: number) {
      const base = db.selectFrom('environment_overrides').where('environment_id', '=', environmentId);
      return paged(
        withConnection(db).where('o.environment_id', '=', environmentId).orderBy('o.created_at').orderBy('o.id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async deleteOverrides(ids: string[], trx: Db = db) {
      if (ids.length === 0) return 0;
      const r = await trx.deleteFrom('environment_overrides').where('id', 'in', ids).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type EnvironmentsRepo = ReturnType<typeof createEnvironmentsRepo>;
