import type { Selectable } from 'kysely';
import { auditInsertAfter, auditMarkers, type AuditValues, type PendingAuditEvent } from '../../core/audit.js';
import type { Db, Dialect } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { marker, precompile, precompileInsert } from '../../core/db/precompiled.js';

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

const COLUMNS = ['id', 'project_id', 'name', 'platform_connection_type', 'auth_provider', 'auth_type', 'connection_details', 'created_by', 'created_at', 'updated_at'] as const satisfies readonly (keyof ConnectionRow)[];
type Values = [string, string, string, string, string | null, string, string | null, string, string, string];
const valuesOf = (r: ConnectionRow): Values => [r.id, r.project_id, r.name, r.platform_connection_type, r.auth_provider, r.auth_type, r.connection_details, r.created_by, r.created_at, r.updated_at];

export function createConnectionsRepo(db: Db, dialect: Dialect = 'sqlite') {
  /** The row if its project exists in the account (`accountId` is the last value). */
  const rowIfProject = (v: [...Values, string]) =>
    db
      .selectNoFrom((eb) => COLUMNS.map((c, i) => eb.val(v[i]).as(c)))
      .where((eb) => eb.exists(eb.selectFrom('projects').select(eb.lit(1).as('one')).where('projects.id', '=', v[1]).where('projects.account_id', '=', v[10])));
  // POST …/connections on PostgreSQL: the row (if its project exists) and its event in one
  // statement, built once; the event is written from the insert's RETURNING, so only with a row.
  const insertWithEvent = precompile(
    (...v: [...Values, string, ...AuditValues]) =>
      db
        .with('c', (qb) => qb.insertInto('connections').columns([...COLUMNS]).expression(rowIfProject(v.slice(0, 11) as [...Values, string])).returning('id'))
        .with('a', (qb) => auditInsertAfter(qb, 'c', v.slice(11) as AuditValues))
        .selectFrom('c')
        .select('c.id'),
    [...(COLUMNS.map((_, i) => marker(i)) as Values), marker(10), ...auditMarkers(11)],
  );
  // The same on SQLite, where the event is a statement of its own: the row's INSERT, built once.
  const insertIfProject = precompile(
    (...v: [...Values, string]) => db.insertInto('connections').columns([...COLUMNS]).expression(rowIfProject(v)),
    [...(COLUMNS.map((_, i) => marker(i)) as Values), marker(10)],
  );
  const insertRow = precompileInsert<ConnectionRow>(db, 'connections', COLUMNS);
  const byName = precompile((projectId: string, name: string) => db.selectFrom('connections').selectAll().where('project_id', '=', projectId).where('name', '=', name), [marker(0), marker(1)]);
  return {
    async insert(row: ConnectionRow, trx: Db = db) {
      await insertRow.run(trx, row);
    },
    /**
     * Insert the connection only if its project exists in the account, in one statement (the
     * existence check and the insert are one round trip and cannot be split by a concurrent
     * project delete), with its audit `event` when given. False when the project does not exist
     * (and no event is written). On PostgreSQL the event is part of the same statement (atomic
     * by itself: no transaction needed); on SQLite it is a second statement, in `trx` or in a
     * transaction of its own.
     */
    async insertIntoProject(accountId: string, row: ConnectionRow, trx?: Db, event?: PendingAuditEvent): Promise<boolean> {
      if (dialect === 'postgres' && event) return (await insertWithEvent.run(trx ?? db, ...valuesOf(row), accountId, ...event.values)).rows.length > 0;
      const run = async (t: Db) => {
        const r = await insertIfProject.run(t, ...valuesOf(row), accountId);
        const inserted = Number(r.numAffectedRows ?? 0) > 0;
        if (inserted) await event?.write(t);
        return inserted;
      };
      return trx || !event ? run(trx ?? db) : db.transaction().execute(run);
    },
    async findByName(projectId: string, name: string, trx: Db = db) {
      return (await byName.run(trx, projectId, name)).rows[0];
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
