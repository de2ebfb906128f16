import type { QueryCreator, Selectable, Updateable } from 'kysely';
import type { Db, Dialect } from '../../core/db/db.js';
import type { Database } from '../../core/db/schema.js';
import { paged, pageEnds } from '../../core/db/paging.js';
import { agentCounter } from './counts.js';
import { countSlot } from '../../core/db/counts.js';
import { allColumns, marker, markerInt, precompile, precompileInsert } from '../../core/db/precompiled.js';

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

/** What a page of agents shows (`agentView`), read as arrays (`listRow`): no allowlist, no account. */
const LIST_COLUMNS = [
  'id', 'name', 'description', 'agent_type', 'cloud_provider', 'deployment', 'status', 'hosted', 'project_id',
  'enable_auto_updates', 'restricted_access', 'track_name', 'paused_until', 'created_at', 'updated_at',
] as const satisfies readonly (keyof AgentsTable)[];
export type AgentListRow = Pick<AgentRow, (typeof LIST_COLUMNS)[number]>;
// In LIST_COLUMNS order, written out: a literal builds 50 rows in ~2 µs, a loop over the column
// names (keyed stores) in ~23 µs.
const listRow = (a: unknown[]): AgentListRow => ({
  id: a[0] as string,
  name: a[1] as string,
  description: a[2] as string | null,
  agent_type: a[3] as string,
  cloud_provider: a[4] as string,
  deployment: a[5] as string,
  status: a[6] as string,
  hosted: a[7] as number,
  project_id: a[8] as string | null,
  enable_auto_updates: a[9] as number,
  restricted_access: a[10] as number,
  track_name: a[11] as string | null,
  paused_until: a[12] as string | null,
  created_at: a[13] as string,
  updated_at: a[14] as string,
});

const agentValues = (v: readonly unknown[]) => Object.fromEntries(AGENT_COLUMNS.map((c, i) => [c, v[i]])) as never;

/**
 * An agent and its count as CTEs of another INSERT statement (PostgreSQL): a FULL_SAAS project's
 * hosted agent, written by the project's own statement (`CreateStatementPart` of core/access.ts).
 */
export const agentInsertPart = {
  markers: (first: number) => [...AGENT_COLUMNS.map((_, i) => marker(first + i)), markerInt(first + AGENT_COLUMNS.length)],
  add: (qb: QueryCreator<Database>, a: unknown[]) =>
    qb
      .with('part_agent', (q) => q.insertInto('agents').values(agentValues(a)).returning('account_id'))
      .with('part_agent_count', (q) => agentCounter.insertAfter(q, 'part_agent', a[AGENT_COLUMNS.length])),
  args: (row: AgentRow) => [...AGENT_COLUMNS.map((c) => row[c]), countSlot()],
};

export function createAgentsRepo(db: Db, dialect: Dialect) {
  const ends = pageEnds(dialect);
  // Adds to the account's agent count, inside the transaction that changes agents.
  const addAgents = agentCounter.adder(db);
  // Every FULL_SAAS project creates one (its hosted agent): built once, for this dialect only. On
  // PostgreSQL the row and its count are one statement (the part a project's statement takes too).
  const insertRow = dialect === 'sqlite' ? precompileInsert<AgentRow>(db, 'agents', AGENT_COLUMNS) : undefined;
  const insertCounted =
    dialect === 'postgres'
      ? precompile((...a: unknown[]) => agentInsertPart.add(db, a).selectNoFrom((eb) => eb.lit(1).as('one')), agentInsertPart.markers(0) as unknown[])
      : undefined;
  // Reads every provisioning flow makes (find the new project's hosted agent on the last page of
  // the list, then look it up by id): built once (src/core/db/precompiled.ts), not per request.
  const byId = precompile((accountId: string, id: string) => db.selectFrom('agents').selectAll().where('account_id', '=', accountId).where('id', '=', id), [marker(0), marker(1)]);
  // A page of 100 hosted agents is the provisioning flow's largest read: row objects of every
  // column took ~300 µs of SQLite time for 50 rows, arrays of the shown columns ~125 µs.
  const inAccount = (accountId: string) => db.selectFrom('agents').select(LIST_COLUMNS).where('account_id', '=', accountId);
  const forward = precompile(
    (accountId: string, offset: number, limit: number) => inAccount(accountId).orderBy('created_at').orderBy('id').offset(offset).limit(limit),
    [marker(0), markerInt(1), markerInt(2)],
  );
  const backward = precompile(
    (accountId: string, offset: number, limit: number) => {
      const back = ends.backward(agentCounter.total(accountId), offset, limit);
      return inAccount(accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(back.limit).offset(back.offset);
    },
    [marker(0), markerInt(1), markerInt(2)],
  );
  const total = precompile((accountId: string) => db.selectNoFrom(agentCounter.total(accountId).as('n')), [marker(0)]);
  return {
    async find(accountId: string, id: string, trx: Db = db) {
      return (await byId.run(trx, accountId, id)).rows[0];
    },
    async findHostedForProject(projectId: string, trx: Db = db) {
      return trx.selectFrom('agents').selectAll().where('project_id', '=', projectId).where('hosted', '=', 1).executeTakeFirst();
    },
    async insert(row: AgentRow, trx: Db) {
      if (insertCounted) {
        await insertCounted.run(trx, ...agentInsertPart.args(row));
        return;
      }
      await insertRow!.run(trx, row);
      await addAgents(trx, row.account_id, 1);
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
    /**
     * A page in creation order, and the total (from the counters, `agentCounter`). Clients find
     * the newest agent (a FULL_SAAS project's hosted one) on the last page: a page in the second
     * half is read backwards (`pageEnds`), so neither costs more as the agents add up.
     */
    async page(accountId: string, offset: number, limit: number) {
      const rows = ends.nearer(ends.hint(accountId), offset, limit)
        ? backward.arrays(db, accountId, offset, limit).then((r) => r.reverse().map(listRow))
        : forward.arrays(db, accountId, offset, limit).then((r) => r.map(listRow));
      const found = await paged(rows, total.run(db, accountId).then((r) => r.rows[0]!));
      ends.saw(accountId, found.total);
      return found;
    },
    async delete(accountId: string, id: string, trx: Db) {
      const r = await trx.deleteFrom('agents').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      const deleted = Number(r.numDeletedRows) > 0;
      if (deleted) await addAgents(trx, accountId, -1);
      return deleted;
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
    async deleteIfUnchanged(accountId: string, id: string, updatedAt: string, trx: Db) {
      const r = await trx.deleteFrom('agents').where('account_id', '=', accountId).where('id', '=', id).where('updated_at', '=', updatedAt).executeTakeFirst();
      const deleted = Number(r.numDeletedRows) > 0;
      if (deleted) await addAgents(trx, accountId, -1);
      return deleted;
    },
    async setAllowlist(id: string, allowlist: string, updatedAt: string, trx: Db = db) {
      await trx.updateTable('agents').set({ allowlist, updated_at: updatedAt }).where('id', '=', id).execute();
    },
  };
}
export type AgentsRepo = ReturnType<typeof createAgentsRepo>;
