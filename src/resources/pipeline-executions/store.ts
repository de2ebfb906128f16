import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import { marker, markerInt, precompile } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    pipeline_executions: PipelineExecutionsTable;
    pipeline_execution_steps: PipelineExecutionStepsTable;
    lineage_events: LineageEventsTable;
    pipeline_behaviours: PipelineBehavioursTable;
  }
}

export interface PipelineExecutionsTable {
  id: string;
  account_id: string;
  project_id: string;
  environment_name: string;
  pipeline_name: string;
  pipeline_path: string;
  pipeline_type: string;
  version_name: string | null;
  kind: string;
  status: string;
  trigger: string;
  schedule_id: string | null;
  user_name: string | null;
  created_by: string;
  execution_tag: string | null;
  active_tag: string | null;
  parent_id: string | null;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  plan: string;
  state: string;
  variables: string;
  cancel_mode: string | null;
  next_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  version: number;
  steps_run: number;
  millicredits: number;
}
export type ExecutionRow = Selectable<PipelineExecutionsTable>;
export type NewExecution = Insertable<PipelineExecutionsTable>;

export interface PipelineExecutionStepsTable {
  execution_id: string;
  seq: number;
  step_id: string;
  name: string;
  component_type: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  child_execution_id: string | null;
  child_pipeline_name: string | null;
}
export type StepRow = Selectable<PipelineExecutionStepsTable>;

export interface LineageEventsTable {
  id: string;
  account_id: string;
  project_id: string;
  execution_id: string;
  event_time: string;
  event: string;
}
export type LineageRow = Selectable<LineageEventsTable>;

export interface PipelineBehavioursTable {
  project_id: string;
  environment_name: string;
  pipeline_name: string;
  behaviour: string;
  updated_at: string;
}

export const ACTIVE = ['RUNNING', 'CANCELLING'] as const;
/** Far enough to mean "not until something wakes it" while staying comparable ISO text. */
export const NEVER = '9999-12-31T23:59:59.999Z';

export interface ListFilter {
  accountId: string;
  projectId?: string;
  environmentName?: string;
  pipelineName?: string;
  status?: string;
  scheduleId?: string;
  trigger?: string;
  startedAfter?: string;
  startedBefore?: string;
  /** Exclusive: ids below this one (the cursor; ids are UUIDv7, so "started earlier"). */
  beforeId?: string;
}

export function createExecutionsRepo(db: Db) {
  // Every node asks for due runs every WORKER_INTERVAL_MS (25 ms) while any run is active: built once.
  const dueIds = precompile(
    (owner: string, now: string, limit: number) =>
      db
        .selectFrom('pipeline_executions')
        .select('id')
        .where('status', 'in', ACTIVE)
        .where('next_at', '<=', now)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]))
        .orderBy('next_at')
        .limit(limit),
    [marker(0), marker(1), markerInt(2)],
  );
  // Asked by an idle worker (engine.ts, WORKER_IDLE_AFTER): is any run active at all?
  const oneActive = precompile(() => db.selectFrom('pipeline_executions').select('id').where('status', 'in', ACTIVE).limit(1), []);
  return {
    async anyActive() {
      return (await oneActive.run(db)).rows.length > 0;
    },
    async insert(row: NewExecution, trx: Db = db) {
      await trx.insertInto('pipeline_executions').values(row).execute();
    },
    async find(accountId: string, id: string, kind: string, trx: Db = db) {
      return trx.selectFrom('pipeline_executions').selectAll().where('id', '=', id).where('account_id', '=', accountId).where('kind', '=', kind).executeTakeFirst();
    },
    async byId(id: string, trx: Db = db) {
      return trx.selectFrom('pipeline_executions').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async statusOf(id: string, trx: Db = db) {
      return trx.selectFrom('pipeline_executions').select(['status', 'finished_at']).where('id', '=', id).executeTakeFirst();
    },
    /** Apply an advancement computed from `version`; false when another one got there first. */
    async update(id: string, version: number, set: Updateable<PipelineExecutionsTable>, trx: Db = db) {
      const r = await trx
        .updateTable('pipeline_executions')
        .set({ ...set, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** A child ended: its parent has something to do now (the version bump voids a stale advancement). */
    async wake(id: string, now: string, trx: Db = db) {
      await trx
        .updateTable('pipeline_executions')
        .set((eb) => ({ next_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('status', 'in', ACTIVE)
        .execute();
    },
    /**
     * The run's lease, in one conditional UPDATE: free, expired or already ours. Exactly one node
     * holds a live lease; it keeps the run until the lease runs out (renewed at each claim).
     */
    async claim(id: string, owner: string, now: string, leaseUntil: string) {
      const r = await db
        .updateTable('pipeline_executions')
        .set({ lease_owner: owner, lease_until: leaseUntil })
        .where('id', '=', id)
        .where('status', 'in', ACTIVE)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Active runs with something to do now whose lease this node may take (a hint; `claim` decides). */
    async due(owner: string, now: string, limit: number) {
      return (await dueIds.run(db, owner, now, limit)).rows.map((r) => r.id);
    },
    async activeChildren(parentId: string, trx: Db = db) {
      return trx.selectFrom('pipeline_executions').select(['id', 'status']).where('parent_id', '=', parentId).where('status', 'in', ACTIVE).execute();
    },
    async hasActive(q: { projectId: string; environmentName: string; pipelineName: string; scheduleId?: string }, trx: Db = db) {
      let s = trx
        .selectFrom('pipeline_executions')
        .select('id')
        .where('project_id', '=', q.projectId)
        .where('environment_name', '=', q.environmentName)
        .where('kind', '=', 'PIPELINE')
        .where('status', 'in', ACTIVE)
        .where('pipeline_name', 'in', nameForms(q.pipelineName));
      if (q.scheduleId) s = s.where('schedule_id', '=', q.scheduleId);
      return (await s.limit(1).executeTakeFirst()) !== undefined;
    },
    /** Most recent first (id order = start order), `limit` rows after the cursor. */
    async list(f: ListFilter, limit: number) {
      let s = db.selectFrom('pipeline_executions').selectAll().where('account_id', '=', f.accountId).where('kind', '=', 'PIPELINE');
      if (f.projectId) s = s.where('project_id', '=', f.projectId);
      if (f.environmentName) s = s.where('environment_name', '=', f.environmentName);
      if (f.pipelineName) s = s.where(sql<boolean>`lower(pipeline_name) like ${`%${escapeLike(f.pipelineName.toLowerCase())}%`} escape '\\'`);
      if (f.status) s = s.where('status', '=', f.status);
      if (f.scheduleId) s = s.where('schedule_id', '=', f.scheduleId);
      if (f.trigger) s = s.where('trigger', '=', f.trigger);
      if (f.startedAfter) s = s.where('started_at', '>=', f.startedAfter);
      if (f.startedBefore) s = s.where('started_at', '<=', f.startedBefore);
      if (f.beforeId) s = s.where('id', '<', f.beforeId);
      return s.orderBy('id', 'desc').limit(limit).execute();
    },
    /** Runs that finished in [from, before) — consumption. */
    async finishedBetween(accountId: string, from: string, before: string) {
      return db
        .selectFrom('pipeline_executions')
        .select(['project_id', 'environment_name', 'pipeline_type', 'kind', 'finished_at', 'millicredits', 'user_name', 'created_by'])
        .where('account_id', '=', accountId)
        .where('finished_at', '>=', from)
        .where('finished_at', '<', before)
        .execute();
    },

    async insertSteps(rows: StepRow[], trx: Db = db) {
      await trx.insertInto('pipeline_execution_steps').values(rows).execute();
    },
    async finishStep(executionId: string, seq: number, set: { status: string; finished_at: string; message: string }, trx: Db = db) {
      await trx.updateTable('pipeline_execution_steps').set(set).where('execution_id', '=', executionId).where('seq', '=', seq).execute();
    },
    async stepsPage(executionId: string, offset: number, limit: number) {
      const base = db.selectFrom('pipeline_execution_steps').where('execution_id', '=', executionId);
      return paged(base.selectAll().orderBy('seq').offset(offset).limit(limit).execute(), base.select(countRows).executeTakeFirstOrThrow());
    },
    async allSteps(executionId: string) {
      return db.selectFrom('pipeline_execution_steps').selectAll().where('execution_id', '=', executionId).orderBy('seq').execute();
    },

    async insertLineage(row: LineageRow, trx: Db = db) {
      await trx.insertInto('lineage_events').values(row).execute();
    },
    async lineagePage(accountId: string, from: string, before: string, offset: number, limit: number) {
      const base = db.selectFrom('lineage_events').where('account_id', '=', accountId).where('event_time', '>=', from).where('event_time', '<', before);
      return paged(base.selectAll().orderBy('event_time').orderBy('id').offset(offset).limit(limit).execute(), base.select(countRows).executeTakeFirstOrThrow());
    },

    async behaviour(projectId: string, environmentName: string, pipelineName: string) {
      return db
        .selectFrom('pipeline_behaviours')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('environment_name', '=', environmentName)
        .where('pipeline_name', '=', pipelineName)
        .executeTakeFirst();
    },
    async putBehaviour(row: Selectable<PipelineBehavioursTable>, trx: Db = db) {
      await trx
        .insertInto('pipeline_behaviours')
        .values(row)
        .onConflict((oc) => oc.columns(['project_id', 'environment_name', 'pipeline_name']).doUpdateSet({ behaviour: row.behaviour, updated_at: row.updated_at }))
        .execute();
    },
    async deleteBehaviour(projectId: string, environmentName: string, pipelineName: string, trx: Db = db) {
      const r = await trx
        .deleteFrom('pipeline_behaviours')
        .where('project_id', '=', projectId)
        .where('environment_name', '=', environmentName)
        .where('pipeline_name', '=', pipelineName)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ExecutionsRepo = ReturnType<typeof createExecutionsRepo>;

/** LIKE without wildcards from the caller: `%` and `_` match themselves. */
function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pipeline named with or without its extension or a leading `/`: the stored forms it may match. */
function nameForms(name: string) {
  const bare = name.replace(/^\/+/, '');
  const stem = bare.replace(/\.(orch|tran)\.ya?ml$/i, '');
  return [...new Set([name, bare, `${stem}.orch.yaml`, `${stem}.tran.yaml`])];
}
