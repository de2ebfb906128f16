import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { allColumns, precompileInsert } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    agents: AgentsTable;
  }
}

export interface AgentsTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  agent_type: string;
  cloud_provider: string;
  deployment: string;
  /** pending | running | paused | stopped | unknown, lower-case (the life cycle is in rules.ts). */
  status: string;
  /** 1 for a Matillion-hosted agent (created for a FULL_SAAS project), 0 for a hybrid one. */
  hosted: number;
  /** The project of a hosted agent; null for hybrid agents. */
  project_id: string | null;
  enable_auto_updates: number;
  restricted_access: number;
  track_name: string | null;
  paused_until: string | null;
  /** JSON text `{"<projectId>": ["env", ...]}`. */
  allowlist: string;
  created_at: string;
  updated_at: string;
}
export type AgentRow = Selectable<AgentsTable>;
const AGENT_COLUMNS = allColumns<AgentsTable>()([
  'id', 'account_id', 'name', 'description', 'agent_type', 'cloud_provider', 'deployment', 'status', 'hosted', 'project_id',
  'enable_auto_updates', 'restricted_access', 'track_name', 'paused_until', 'allowlist', 'created_at', 'updated_at',
]);

export function createAgentsRepo(db: Db) {
  // Every FULL_SAAS project creates one (its hosted agent): built once.
  const insertRow = precompileInsert<AgentRow>(db, 'agents', AGENT_COLUMNS);
  return {
    async find(accountId: string, id: string, trx: Db = db) {
      return trx.selectFrom('agents').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    async findHostedForProject(projectId: string, trx: Db = db) {
      return trx.selectFrom('agents').selectAll().where('project_id', '=', projectId).where('hosted', '=', 1).executeTakeFirst();
    },
    async insert(row: AgentRow, trx: Db = db) {
      await insertRow.run(trx, row);
    },
    /** Compare-and-set on updated_at, so two concurrent writers cannot lose each other's change. */
    async update(accountId: string, id: string, expectedUpdatedAt: string, fields: Updateable<AgentsTable>, trx: Db = db) {
      const r = await trx
        .updateTable('agents')
        .set(fields)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('updated_at', '=', expectedUpdatedAt)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async page(accountId: string, offset: number, limit: number) {
      const base = db.selectFrom('agents').where('account_id', '=', accountId);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async delete(accountId: string, id: string, trx: Db = db) {
      const r = await trx.deleteFrom('agents').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Agents of the account whose allowlist mentions the project (a coarse text filter). */
    async mentioningProject(accountId: string, projectId: string, trx: Db = db) {
      return trx
        .selectFrom('agents')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('hosted', '=', 0)
        .where('allowlist', 'like', `%"${projectId}"%`)
        .execute();
    },
    /** Delete the agent if it has not changed since `updatedAt` (compare-and-set). */
    async deleteIfUnchanged(accountId: string, id: string, updatedAt: string, trx: Db = db) {
      const r = await trx.deleteFrom('agents').where('account_id', '=', accountId).where('id', '=', id).where('updated_at', '=', updatedAt).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async setAllowlist(id: string, allowlist: string, updatedAt: string, trx: Db = db) {
      await trx.updateTable('agents').set({ allowlist, updated_at: updatedAt }).where('id', '=', id).execute();
    },
  };
}
export type AgentsRepo = ReturnType<typeof createAgentsRepo>;
