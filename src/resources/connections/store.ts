import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

declare module '../../core/db/schema.js' {
  interface Database {
    connections: ConnectionsTable;
  }
}

export interface ConnectionsTable {
  id: string;
  project_id: string;
  name: string;
  platform_connection_type: string;
  auth_provider: string | null;
  auth_type: string;
  /** JSON text of connectionDetails as sent, or null. */
  connection_details: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export type ConnectionRow = Selectable<ConnectionsTable>;

export interface ConnectionFilter {
  /** Upper-case platform connection types. */
  types?: string[];
  /** Lower-case providers (compared case-insensitively). */
  providers?: string[];
  names?: string[];
}

export function createConnectionsRepo(db: Db) {
  return {
    async insert(row: ConnectionRow, trx: Db = db) {
      await trx.insertInto('connections').values(row).execute();
    },
    /**
     * Insert the connection only if its project exists in the account, in one statement (the
     * existence check and the insert are one round trip and cannot be split by a concurrent
     * project delete). False when the project does not exist.
     */
    async insertIntoProject(accountId: string, row: ConnectionRow, trx: Db = db) {
      const cols = Object.keys(row) as (keyof ConnectionRow)[];
      const r = await trx
        .insertInto('connections')
        .columns(cols)
        .expression(
          db
            .selectNoFrom((eb) => cols.map((c) => eb.val(row[c]).as(c)))
            .where((eb) =>
              eb.exists(eb.selectFrom('projects').select(eb.lit(1).as('one')).where('projects.id', '=', row.project_id).where('projects.account_id', '=', accountId)),
            ),
        )
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async findByName(projectId: string, name: string, trx: Db = db) {
      return trx.selectFrom('connections').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    },
    async findById(id: string, trx: Db = db) {
      return trx.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** A page in creation order, filters combined with AND. */
    async page(projectId: string, filter: ConnectionFilter, offset: number, limit: number) {
      let base = db.selectFrom('connections').where('project_id', '=', projectId);
      if (filter.types) base = base.where('platform_connection_type', 'in', filter.types);
      if (filter.providers) {
        const providers = filter.providers;
        base = base.where((eb) => eb(eb.fn('lower', ['auth_provider']), 'in', providers));
      }
      if (filter.names) base = base.where('name', 'in', filter.names);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async replace(id: string, fields: Pick<ConnectionRow, 'auth_provider' | 'auth_type' | 'connection_details' | 'updated_at'>, trx: Db = db) {
      const r = await trx.updateTable('connections').set(fields).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(id: string, trx: Db = db) {
      const r = await trx.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ConnectionsRepo = ReturnType<typeof createConnectionsRepo>;
