import type { Logger } from 'pino';
import type { Audit, SystemActor } from '../../core/audit.js';
import { isDatabaseUnavailable, type Db } from '../../core/db/db.js';
import { DomainError } from '../../core/errors.js';
import type { Metrics } from '../../core/metrics.js';
import { compileQuartz } from './cron.js';
import type { ScheduleRow, SchedulesRepo } from './store.js';

/** What firing needs of the pipeline-executions resource. */
export interface ScheduleRunner {
  start(
    db: Db,
    input: {
      accountId: string;
      projectId: string;
      environmentName: string;
      pipelineName: string;
      versionName?: string;
      scalarVariables?: Record<string, string>;
      trigger: 'API' | 'SCHEDULE';
      scheduleId?: string;
      actor?: SystemActor;
    },
  ): Promise<{ pipelineExecutionId: string }>;
  hasActiveRun(q: { projectId: string; environmentName: string; pipelineName: string; scheduleId?: string }): Promise<boolean>;
}

export interface FiringDeps {
  db: Db;
  schedules: SchedulesRepo;
  runner: () => ScheduleRunner;
  audit: Audit;
  clock: () => Date;
  logger: Logger;
  metrics?: Pick<Metrics, 'jobRun'>;
  /** Runs the job's work with the audit source JOB. */
  asJob?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** How often the job looks for due schedules (real time; default 1 s). */
  intervalMs?: number;
}

/** One pass over the due schedules: what happened to each tick this node looked at. */
export interface TickResult {
  /** Ticks this node claimed that started a run. */
  fired: number;
  /** Ticks this node claimed and skipped (a run of the schedule still active). */
  skipped: number;
  /** Ticks this node claimed whose run could not start (logged; the schedule goes on). */
  failed: number;
  /** Ticks another node claimed first. */
  lost: number;
  /** The executions started, in order. */
  executions: string[];
}

const BATCH = 100;
const JOB_ACTOR = (accountId: string): SystemActor => ({ accountId, actorId: 'system:schedules' });

/** The tick after `now` for a row (null when the expression never fires again). */
function following(row: ScheduleRow, now: Date): string | null {
  const r = compileQuartz(row.cron_expression, row.cron_timezone);
  return r.ok ? (r.cron.next(now)?.toISOString() ?? null) : null;
}

/**
 * The schedule job. Every node runs it; a tick is claimed by moving `next_run_at` from the tick
 * to the following one, in the transaction that starts the run, so across nodes each tick starts
 * exactly one run (the other node's conditional UPDATE matches no row). Ticks missed while no
 * node ran collapse into one run, after which the schedule continues from the first tick after
 * now.
 */
export function createScheduleFiring(deps: FiringDeps) {
  const { db, schedules, audit, clock, logger } = deps;
  const log = logger.child({ job: 'schedules' });
  const asJob = deps.asJob ?? (<T>(fn: () => Promise<T>) => fn());

  /** Claims one due tick and starts its run (or skips it) in one transaction. */
  async function fireOne(row: ScheduleRow, now: Date, out: TickResult) {
    const tick = row.next_run_at!;
    const next = following(row, now);
    const nowIso = now.toISOString();
    const skip = row.allow_concurrent === 0 && (await deps.runner().hasActiveRun({ projectId: row.project_id, environmentName: row.environment_name, pipelineName: row.pipeline_name, scheduleId: row.id }));
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        if (!(await schedules.claimTick(row.id, tick, next, skip ? null : nowIso, trx))) return 'lost' as const;
        if (skip) return 'skipped' as const;
        const run = await deps.runner().start(trx, {
          accountId: row.account_id,
          projectId: row.project_id,
          environmentName: row.environment_name,
          pipelineName: row.pipeline_name,
          ...(row.version_name !== null ? { versionName: row.version_name } : {}),
          scalarVariables: JSON.parse(row.scalar_variables) as Record<string, string>,
          trigger: 'SCHEDULE',
          scheduleId: row.id,
          actor: JOB_ACTOR(row.account_id),
        });
        await audit.record(trx, JOB_ACTOR(row.account_id), {
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
      });
      if (outcome === 'lost') out.lost++;
      else if (outcome === 'skipped') {
        out.skipped++;
        log.info({ scheduleId: row.id, tick }, 'schedule tick skipped: a run of it is still active');
      } else {
        out.fired++;
        out.executions.push(outcome);
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await failTick(row, tick, next, err, out);
    }
  }

  /** A run that cannot start (pipeline not published, environment gone): the tick passes, logged. */
  async function failTick(row: ScheduleRow, tick: string, next: string | null, err: DomainError, out: TickResult) {
    const claimed = await db.transaction().execute((trx) => schedules.claimTick(row.id, tick, next, null, trx));
    if (!claimed) return void out.lost++;
    out.failed++;
    log.warn({ scheduleId: row.id, projectId: row.project_id, pipelineName: row.pipeline_name, tick, reason: err.message }, 'schedule tick could not start a run');
  }

  /** Fires every due tick once (the controls and tests call this; the timer calls it each second). */
  async function tick(): Promise<TickResult> {
    const started = performance.now();
    const out: TickResult = { fired: 0, skipped: 0, failed: 0, lost: 0, executions: [] };
    try {
      await asJob(async () => {
        const now = clock();
        for (;;) {
          const due = await schedules.due(now.toISOString(), BATCH);
          for (const row of due) await fireOne(row, now, out);
          if (due.length < BATCH) break;
        }
      });
      deps.metrics?.jobRun('schedules', 'ok', (performance.now() - started) / 1000);
      return out;
    } catch (err) {
      deps.metrics?.jobRun('schedules', 'error', (performance.now() - started) / 1000);
      throw err;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  return {
    tick,
    start() {
      timer = setInterval(() => {
        if (running) return;
        running = tick()
          .catch((err) => {
            const level = isDatabaseUnavailable(err) ? 'warn' : 'error';
            log[level]({ err: { message: (err as Error)?.message } }, 'schedule pass failed');
          })
          .finally(() => {
            running = null;
          });
      }, deps.intervalMs ?? 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
export type ScheduleFiring = ReturnType<typeof createScheduleFiring>;
