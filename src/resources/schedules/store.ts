import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

export interface SchedulesTable {
  id: string;
  project_id: string;
  account_id: string;
  name: string;
  environment_name: string;
  pipeline_name: string;
  version_name: string | null;
  agent_id: string | null;
  cron_expression: string;
  cron_timezone: string;
  effective_from: string;
  schedule_enabled: number;
  allow_concurrent: number;
  /** JSON text. */
  scalar_variables: string;
  /** JSON text. */
  grid_variables: string;
  last_run_at: string | null;
  next_run_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

declare module '../../core/db/schema.js' {
  interface Database {
    schedules: SchedulesTable;
  }
}

export type ScheduleRow = Selectable<SchedulesTable>;
export type NewSchedule = Insertable<SchedulesTable>;
export type ScheduleChange = Updateable<Omit<SchedulesTable, 'id' | 'project_id' | 'account_id' | 'created_by' | 'created_at'>>;

export function createSchedulesRepo(db: Db) {
  return {
    async insert(row: NewSchedule, trx: Db = db) {
      await trx.insertInto('schedules').values(row).execute();
    },
    async find(projectId: string, id: string, trx: Db = db) {
      return trx.selectFrom('schedules').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    },
    /** The environments of the project that have schedules (the list's permission filter). */
    async environmentsWithSchedules(projectId: string): Promise<string[]> {
      const rows = await db.selectFrom('schedules').select('environment_name').distinct().where('project_id', '=', projectId).execute();
      return rows.map((r) => r.environment_name);
    },
    async page(projectId: string, environments: string[], offset: number, limit: number) {
      if (environments.length === 0) return { rows: [], total: 0 };
      const base = db.selectFrom('schedules').where('project_id', '=', projectId).where('environment_name', 'in', environments);
      return paged(base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(), base.select(countRows).executeTakeFirstOrThrow());
    },
    async update(projectId: string, id: string, change: ScheduleChange, trx: Db = db) {
      const r = await trx.updateTable('schedules').set(change).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(projectId: string, id: string, trx: Db = db) {
      const r = await trx.deleteFrom('schedules').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Deletes the schedules of an environment; returns the rows deleted. */
    async deleteForEnvironment(projectId: string, environmentName: string, trx: Db) {
      const rows = await trx.selectFrom('schedules').selectAll().where('project_id', '=', projectId).where('environment_name', '=', environmentName).execute();
      if (rows.length > 0) await trx.deleteFrom('schedules').where('id', 'in', rows.map((r) => r.id)).execute();
      return rows;
    },

    /** Enabled schedules whose next tick is at or before `nowIso`, earliest first. */
    async due(nowIso: string, limit: number) {
      return db
        .selectFrom('schedules')
        .selectAll()
        .where('schedule_enabled', '=', 1)
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', nowIso)
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    /**
     * Claims the tick `expected` of a schedule: moves `next_run_at` from it to `next` (and sets
     * `last_run_at` when the tick starts a run). False when another node claimed it first, or the
     * schedule changed meanwhile. On PostgreSQL a concurrent claimer waits for the row lock and
     * then sees the new value, so exactly one claim succeeds.
     */
    async claimTick(id: string, expected: string, next: string | null, lastRunAt: string | null, trx: Db) {
      const r = await trx
        .updateTable('schedules')
        .set(lastRunAt ? { next_run_at: next, last_run_at: lastRunAt } : { next_run_at: next })
        .where('id', '=', id)
        .where('next_run_at', '=', expected)
        .where('schedule_enabled', '=', 1)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type SchedulesRepo = ReturnType<typeof createSchedulesRepo>;
