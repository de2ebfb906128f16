import type { ProjectAccess } from '../../core/access.js';
import type { Audit } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, notFound, DomainError } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { EnvironmentHooks, EnvironmentsService } from '../environments/service.js';
import { checkTiming, nextRunAt, pipelineBaseName, utcSeconds, type Timing } from './rules.js';
import type { ScheduleChange, ScheduleRow, SchedulesRepo } from './store.js';

export interface CreateScheduleInput {
  pipeline: {
    pipelineName: string;
    environmentName: string;
    versionName?: string;
    agentId?: string;
    scalarVariables?: Record<string, string>;
    gridVariables?: Record<string, string[][]>;
  };
  schedule: {
    name: string;
    cronExpression: string;
    cronTimezone?: string;
    effectiveFrom?: string;
    scheduleEnabled?: boolean;
    allowConcurrentExecutions?: boolean;
  };
}

export interface UpdateScheduleInput {
  name: string;
  cronExpression: string;
  allowConcurrentExecutions?: boolean;
  cronTimezone?: string;
  effectiveFrom?: string;
  scheduleEnabled?: boolean;
}

export interface SchedulesDeps {
  db: Db;
  schedules: SchedulesRepo;
  projects: ProjectAccess;
  environments: Pick<EnvironmentsService, 'find'>;
  audit: Audit;
  clock: () => Date;
}

export const scheduleView = (r: ScheduleRow) => ({
  scheduleId: r.id,
  name: r.name,
  pipelineName: r.pipeline_name,
  environmentName: r.environment_name,
  ...(r.version_name !== null ? { versionName: r.version_name } : {}),
  ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
  cronExpression: r.cron_expression,
  cronTimezone: r.cron_timezone,
  effectiveFrom: utcSeconds(r.effective_from)!,
  scheduleEnabled: r.schedule_enabled === 1,
  allowConcurrentExecutions: r.allow_concurrent === 1,
  lastRunAt: utcSeconds(r.last_run_at),
  nextRunAt: utcSeconds(r.next_run_at),
  scalarVariables: JSON.parse(r.scalar_variables) as Record<string, string>,
  gridVariables: JSON.parse(r.grid_variables) as Record<string, string[][]>,
});

const duplicateName = (name: string, field: string) => conflict(`A schedule named "${name}" already exists in the project`, [{ field, rule: 'must be unique within the project' }]);

const subject = (r: Pick<ScheduleRow, 'id' | 'name' | 'project_id' | 'environment_name' | 'pipeline_name'>) => ({
  subjectType: 'SCHEDULE',
  subjectId: r.id,
  subjectName: r.name,
  projectId: r.project_id,
  additionalInfo: { environmentName: r.environment_name, pipelineName: r.pipeline_name },
});

/** Normalises effectiveFrom to ISO UTC (the schema has checked it is a date-time with an offset). */
const isoUtc = (s: string) => new Date(s).toISOString();

async function createSchedule(d: SchedulesDeps, actor: Actor, projectId: string, input: CreateScheduleInput) {
  const { pipeline, schedule } = input;
  const project = await d.projects.requireEnvironment(actor, projectId, pipeline.environmentName, 'environment.manage');
  await d.environments.find(project.id, pipeline.environmentName, 'pipeline.environmentName');
  const now = d.clock();
  const timing: Timing = {
    cronExpression: schedule.cronExpression.trim(),
    cronTimezone: schedule.cronTimezone ?? 'UTC',
    effectiveFrom: schedule.effectiveFrom !== undefined ? isoUtc(schedule.effectiveFrom) : now.toISOString(),
    scheduleEnabled: schedule.scheduleEnabled ?? true,
  };
  const cron = checkTiming(timing, 'schedule.', now);
  const row = {
    id: orderedId(now.getTime()),
    project_id: project.id,
    account_id: project.accountId,
    name: schedule.name,
    environment_name: pipeline.environmentName,
    pipeline_name: pipelineBaseName(pipeline.pipelineName),
    version_name: pipeline.versionName ?? null,
    agent_id: pipeline.agentId ?? null,
    cron_expression: timing.cronExpression,
    cron_timezone: timing.cronTimezone,
    effective_from: timing.effectiveFrom,
    schedule_enabled: timing.scheduleEnabled ? 1 : 0,
    allow_concurrent: (schedule.allowConcurrentExecutions ?? true) ? 1 : 0,
    scalar_variables: JSON.stringify(pipeline.scalarVariables ?? {}),
    grid_variables: JSON.stringify(pipeline.gridVariables ?? {}),
    last_run_at: null,
    next_run_at: nextRunAt(cron, timing, now),
    created_by: actor.clientId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.schedules.insert(row, trx);
      await d.audit.record(trx, actor, { eventName: 'schedule_created', eventType: 'CREATE', description: 'Schedule created', ...subject(row) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(schedule.name, 'schedule.name');
    throw err;
  }
  return { scheduleId: row.id };
}

/** The schedule, if the actor may do `permission` in its environment (404 when absent or invisible). */
async function requireSchedule(d: SchedulesDeps, actor: Actor, projectId: string, scheduleId: string, permission: 'environment.view' | 'environment.manage') {
  const row = await d.schedules.find(projectId, scheduleId);
  // The project's account is checked by requireEnvironment; a missing schedule and an invisible
  // project answer alike.
  if (!row) throw notFound(`Schedule ${scheduleId} not found`);
  await d.projects.requireEnvironment(actor, row.project_id, row.environment_name, permission);
  return row;
}

/** Whether the actor may view the environment (false when forbidden; an invisible project throws). */
async function mayView(d: SchedulesDeps, actor: Actor, projectId: string, environmentName: string) {
  try {
    await d.projects.requireEnvironment(actor, projectId, environmentName, 'environment.view');
    return true;
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'forbidden') return false;
    throw err;
  }
}

/** The schedules of the environments the actor may view; `total` counts exactly those. */
async function listSchedules(d: SchedulesDeps, actor: Actor, projectId: string, q: PageQuery) {
  const environments = await d.schedules.environmentsWithSchedules(projectId);
  const visible: string[] = [];
  for (const env of environments) if (await mayView(d, actor, projectId, env)) visible.push(env);
  // With no visible environment the project itself decides: 404 invisible, 403 forbidden.
  if (visible.length === 0) await d.projects.require(actor, projectId, 'projects.read');
  const w = pageWindow(q);
  const { rows, total } = await d.schedules.page(projectId, visible, w.offset, w.limit);
  return toPage(w, total, rows, scheduleView);
}

function timingChanged(row: ScheduleRow, t: Timing) {
  return row.cron_expression !== t.cronExpression || row.cron_timezone !== t.cronTimezone || row.effective_from !== t.effectiveFrom || (row.schedule_enabled === 1) !== t.scheduleEnabled;
}

async function updateSchedule(d: SchedulesDeps, actor: Actor, projectId: string, scheduleId: string, input: UpdateScheduleInput) {
  const row = await requireSchedule(d, actor, projectId, scheduleId, 'environment.manage');
  const now = d.clock();
  const timing: Timing = {
    cronExpression: input.cronExpression.trim(),
    cronTimezone: input.cronTimezone ?? row.cron_timezone,
    effectiveFrom: input.effectiveFrom !== undefined ? isoUtc(input.effectiveFrom) : row.effective_from,
    scheduleEnabled: input.scheduleEnabled ?? row.schedule_enabled === 1,
  };
  const cron = checkTiming(timing, '', now);
  const change: ScheduleChange = {
    name: input.name,
    cron_expression: timing.cronExpression,
    cron_timezone: timing.cronTimezone,
    effective_from: timing.effectiveFrom,
    schedule_enabled: timing.scheduleEnabled ? 1 : 0,
    allow_concurrent: input.allowConcurrentExecutions === undefined ? row.allow_concurrent : input.allowConcurrentExecutions ? 1 : 0,
    // A pending tick survives an update that leaves the timing alone.
    next_run_at: timingChanged(row, timing) ? nextRunAt(cron, timing, now) : row.next_run_at,
    updated_at: now.toISOString(),
  };
  try {
    await d.db.transaction().execute(async (trx) => {
      if (!(await d.schedules.update(row.project_id, row.id, change, trx))) throw notFound(`Schedule ${scheduleId} not found`);
      await d.audit.record(trx, actor, { eventName: 'schedule_updated', eventType: 'UPDATE', description: 'Schedule updated', ...subject({ ...row, name: input.name }) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name, 'name');
    throw err;
  }
  return scheduleView({ ...row, ...change } as ScheduleRow);
}

async function deleteSchedule(d: SchedulesDeps, actor: Actor, projectId: string, scheduleId: string) {
  const row = await requireSchedule(d, actor, projectId, scheduleId, 'environment.manage');
  await d.db.transaction().execute(async (trx) => {
    if (!(await d.schedules.delete(row.project_id, row.id, trx))) throw notFound(`Schedule ${scheduleId} not found`);
    await d.audit.record(trx, actor, { eventName: 'schedule_deleted', eventType: 'DELETE', description: 'Schedule deleted', ...subject(row) });
  });
}

/**
 * An environment's schedules go with it, in its deletion transaction: left behind they would
 * fail every tick (their environment is gone) and revive under a new environment of that name.
 * One schedule_deleted event per schedule, by the actor deleting the environment, with
 * `additionalInfo.reason: 'environment_deleted'`.
 */
export function scheduleEnvironmentHooks(d: Pick<SchedulesDeps, 'schedules' | 'audit'>): EnvironmentHooks {
  return {
    async beforeDelete(trx, actor, env) {
      for (const row of await d.schedules.deleteForEnvironment(env.project_id, env.name, trx)) {
        const s = subject(row);
        await d.audit.record(trx, actor, {
          eventName: 'schedule_deleted',
          eventType: 'DELETE',
          description: 'Schedule deleted with its environment',
          ...s,
          additionalInfo: { ...s.additionalInfo, reason: 'environment_deleted' },
        });
      }
    },
  };
}

/** Schedules of a project (`/v1/projects/{projectId}/schedules`); the firing job is ./firing.ts. */
export function createSchedulesService(d: SchedulesDeps) {
  return {
    create: (actor: Actor, projectId: string, input: CreateScheduleInput) => createSchedule(d, actor, projectId, input),
    list: (actor: Actor, projectId: string, q: PageQuery) => listSchedules(d, actor, projectId, q),
    get: async (actor: Actor, projectId: string, scheduleId: string) => scheduleView(await requireSchedule(d, actor, projectId, scheduleId, 'environment.view')),
    update: (actor: Actor, projectId: string, scheduleId: string, input: UpdateScheduleInput) => updateSchedule(d, actor, projectId, scheduleId, input),
    delete: (actor: Actor, projectId: string, scheduleId: string) => deleteSchedule(d, actor, projectId, scheduleId),
  };
}
export type SchedulesService = ReturnType<typeof createSchedulesService>;
