import type { Logger } from 'pino';
import { JOB_ORIGIN, type Audit, type SystemActor } from '../../core/audit.js';
import { isDatabaseUnavailable, type Db, type Dialect } from '../../core/db/db.js';
import { DomainError } from '../../core/errors.js';
import { periodic } from '../../core/periodic.js';
import type { Metrics } from '../../core/metrics.js';
import type { ExecutionsService, PreparedRun, StartInput } from '../pipeline-executions/service.js';
import { compileQuartz } from './cron.js';
import type { ScheduleRow, SchedulesRepo } from './store.js';

/** What firing needs of the pipeline-executions resource (its in-process API). */
export type ScheduleRunner = Pick<ExecutionsService, 'prepare' | 'insert' | 'hasActiveRun' | 'runDue'>;

export interface FiringDeps {
  db: Db;
  dialect: Dialect;
  schedules: SchedulesRepo;
  runner: ScheduleRunner;
  audit: Audit;
  clock: () => Date;
  logger: Logger;
  metrics?: Pick<Metrics, 'jobRun'>;
  /** How often the job looks for due schedules (real time; default 1 s). */
  intervalMs?: number;
}

/** One pass over the due schedules: what happened to each tick this node looked at. */
export interface TickResult {
  /** Ticks this node claimed that started a run. */
  fired: number;
  /** Ticks this node claimed and skipped (a run of the schedule still active). */
  skipped: number;
  /**
   * Ticks whose run could not start (logged): passed over when the run cannot exist (a
   * DomainError: the schedule goes on from its next tick), still due when its transaction
   * failed otherwise (a later pass retries it).
   */
  failed: number;
  /** Ticks another node claimed first. */
  lost: number;
  /** The executions started, in order. */
  executions: string[];
}

const BATCH = 100;
const JOB_ACTOR = (accountId: string): SystemActor => ({ accountId, actorId: 'system:schedules', origin: JOB_ORIGIN });

/** The tick after `now` for a row (null when the expression never fires again). */
function following(row: ScheduleRow, now: Date): string | null {
  const r = compileQuartz(row.cron_expression, row.cron_timezone);
  return r.ok ? (r.cron.next(now)?.toISOString() ?? null) : null;
}

type Job = FiringDeps & { log: Logger };
type Outcome = { kind: 'lost' } | { kind: 'skipped' } | { kind: 'fired'; id: string } | { kind: 'failed'; err: DomainError };
/** One pass's memory: whether the executions worker has run yet in it. */
interface Pass {
  advanced: boolean;
}

const startInput = (row: ScheduleRow): StartInput => ({
  accountId: row.account_id,
  projectId: row.project_id,
  environmentName: row.environment_name,
  pipelineName: row.pipeline_name,
  ...(row.version_name !== null ? { versionName: row.version_name } : {}),
  scalarVariables: JSON.parse(row.scalar_variables) as Record<string, string>,
  gridVariables: JSON.parse(row.grid_variables) as Record<string, unknown>,
  trigger: 'SCHEDULE',
  scheduleId: row.id,
});

/** Inserts the tick's prepared run with `trx` and records schedule_fired with it. */
async function insertRun(j: Job, trx: Db, row: ScheduleRow, tick: string, prepared: PreparedRun) {
  const run = await j.runner.insert(trx, startInput(row), prepared);
  await j.audit.record(trx, JOB_ACTOR(row.account_id), {
    eventName: 'schedule_fired',
    eventType: 'EXECUTE',
    description: 'Schedule started a pipeline run',
    subjectType: 'SCHEDULE',
    subjectId: row.id,
    subjectName: row.name,
    projectId: row.project_id,
    additionalInfo: { environmentName: row.environment_name, pipelineName: row.pipeline_name, pipelineExecutionId: run.pipelineExecutionId, tick },
  });
  return run.pipelineExecutionId;
}

/** The run's read phase, before any transaction: a DomainError is why the tick cannot start one. */
async function prepareRun(j: Job, row: ScheduleRow): Promise<PreparedRun | DomainError> {
  try {
    return await j.runner.prepare(startInput(row));
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

/**
 * Claims the tick and starts its run in one transaction on both dialects, so a tick is consumed
 * exactly when its run (and its schedule_fired event) exists: a crash or a failed insert rolls
 * the claim back and a later pass fires the tick. Everything the run needs is read first,
 * outside the transaction (on SQLite the one connection is held by an open transaction); when
 * the claim loses, that read is dropped. A run that cannot start (pipeline gone, a DomainError)
 * passes the tick over on its own, so it is not retried every second.
 */
async function claimAndStart(j: Job, row: ScheduleRow, next: string | null, nowIso: string, skip: boolean): Promise<Outcome> {
  const tick = row.next_run_at!;
  // Moves past the tick without a run (lastRunAt unchanged).
  const passOver = async (then: Outcome): Promise<Outcome> =>
    (await j.db.transaction().execute((trx) => j.schedules.claimTick(row.id, tick, next, null, trx))) ? then : { kind: 'lost' };
  if (skip) return passOver({ kind: 'skipped' });
  const prepared = await prepareRun(j, row);
  if (prepared instanceof DomainError) return passOver({ kind: 'failed', err: prepared });
  try {
    return await j.db.transaction().execute(async (trx): Promise<Outcome> => {
      if (!(await j.schedules.claimTick(row.id, tick, next, nowIso, trx))) return { kind: 'lost' };
      return { kind: 'fired', id: await insertRun(j, trx, row, tick, prepared) };
    });
  } catch (err) {
    if (err instanceof DomainError) return passOver({ kind: 'failed', err });
    throw err;
  }
}

/**
 * Whether a run this schedule started is still active. Runs advance when read or by their
 * worker; one worker pass first, so a run whose time is up is not taken for active.
 */
async function stillRunning(j: Job, row: ScheduleRow, pass: Pass) {
  if (!pass.advanced) {
    pass.advanced = true;
    await j.runner.runDue();
  }
  return j.runner.hasActiveRun({ projectId: row.project_id, environmentName: row.environment_name, pipelineName: row.pipeline_name, scheduleId: row.id });
}

/** Claims one due tick and starts its run (or skips it, or logs why it could not). */
async function fireOne(j: Job, row: ScheduleRow, now: Date, out: TickResult, pass: Pass) {
  const skip = row.allow_concurrent === 0 && (await stillRunning(j, row, pass));
  let outcome: Outcome;
  try {
    outcome = await claimAndStart(j, row, following(row, now), now.toISOString(), skip);
  } catch (err) {
    // The tick's transaction rolled back, so the tick is still due and a later pass retries it;
    // the other due schedules go on (a database that is down fails the whole pass instead).
    if (isDatabaseUnavailable(err)) throw err;
    out.failed++;
    j.log.error({ scheduleId: row.id, projectId: row.project_id, tick: row.next_run_at, err: { message: (err as Error)?.message } }, 'schedule tick failed; it stays due');
    return;
  }
  if (outcome.kind === 'lost') out.lost++;
  else if (outcome.kind === 'skipped') {
    out.skipped++;
    j.log.info({ scheduleId: row.id, tick: row.next_run_at }, 'schedule tick skipped: a run of it is still active');
  } else if (outcome.kind === 'failed') {
    out.failed++;
    j.log.warn({ scheduleId: row.id, projectId: row.project_id, pipelineName: row.pipeline_name, tick: row.next_run_at, reason: outcome.err.message }, 'schedule tick could not start a run');
  } else {
    out.fired++;
    out.executions.push(outcome.id);
  }
}

/** Fires every due tick once (the controls and tests call this; the timer calls it each second). */
async function tick(j: Job): Promise<TickResult> {
  const started = performance.now();
  const out: TickResult = { fired: 0, skipped: 0, failed: 0, lost: 0, executions: [] };
  try {
    const now = j.clock();
    const pass: Pass = { advanced: false };
    for (;;) {
      const due = await j.schedules.due(now.toISOString(), BATCH);
      for (const row of due) await fireOne(j, row, now, out, pass);
      if (due.length < BATCH) break;
    }
    j.metrics?.jobRun('schedules', 'ok', (performance.now() - started) / 1000);
    return out;
  } catch (err) {
    j.metrics?.jobRun('schedules', 'error', (performance.now() - started) / 1000);
    throw err;
  }
}

/**
 * The schedule job. Every node runs it; a tick is claimed by moving `next_run_at` from the tick
 * to the following one, in the transaction that starts the run, so across nodes each tick starts
 * exactly one run (the other node's conditional UPDATE matches no row). Ticks missed while no
 * node ran collapse into one run, after which the schedule continues from the first tick after
 * now.
 */
export function createScheduleFiring(deps: FiringDeps) {
  const j: Job = { ...deps, log: deps.logger.child({ job: 'schedules' }) };
  const intervalMs = deps.intervalMs ?? 1000;
  const schedule = periodic(() => tick(j), {
    firstDelayMs: intervalMs,
    intervalMs,
    onError(err) {
      const level = isDatabaseUnavailable(err) ? 'warn' : 'error';
      j.log[level]({ err: { message: (err as Error)?.message } }, 'schedule pass failed');
    },
  });
  return {
    tick: () => tick(j),
    start: () => schedule.start(),
    stop: () => schedule.stop(),
  };
}
export type ScheduleFiring = ReturnType<typeof createScheduleFiring>;
