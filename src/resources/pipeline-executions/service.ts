/**
 * Pipeline executions (issue 15): execute, read, steps, cancel, the account-level list, and the
 * simulated test executions, over runs that are rows advanced by the engine (./engine.ts).
 *
 * In-process API for other resources (`ctx.use('pipelineExecutions')`, e.g. schedules):
 *
 * - `start(db, { accountId, projectId, environmentName, pipelineName, versionName?,
 *   scalarVariables?, trigger: 'API' | 'SCHEDULE' | 'SCHEDULE_RUN_NOW', scheduleId?, actor? })`
 *   → `{ pipelineExecutionId }`: `prepare` then `insert` with `db`. Because the prepare reads
 *   through ctx.db, on SQLite never pass a transaction that is open around this call (its one
 *   connection is held): use the two phases below instead. No permission check (the caller
 *   decided). Throws DomainError not_found (unknown project/environment/version/pipeline), gone
 *   (disabled artifact) or invalid (unreadable file). The run advances like any other (worker
 *   job, or any read of it).
 * - `prepare(input)` → `PreparedRun`: the read phase (pipeline, version and plan resolved with
 *   ctx.db; no writes). Call it before opening your transaction; throws as `start` does.
 * - `insert(trx, input, prepared)` → `{ pipelineExecutionId }`: the write phase, only through
 *   `trx`, so it joins your transaction on both dialects (a run and whatever you claimed for it
 *   commit or roll back together). A prepared run that is not inserted is simply dropped.
 * - `hasActiveRun({ projectId, environmentName, pipelineName, scheduleId? })` → boolean: a
 *   RUNNING or CANCELLING execution of that pipeline (name with or without its extension),
 *   of that schedule when `scheduleId` is given (for `allowConcurrentExecutions: false`).
 * - `runDue()`: one worker pass (advances every due run this node may take); returns the count.
 */
import type { ProjectAccess } from '../../core/access.js';
import type { Audit } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { badRequest, conflict, DomainError, gone, invalid, notFound } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import { behaviourFromVariables, mergeBehaviour, type Behaviour } from './controls.js';
import { parsePipeline } from './dpc.js';
import type { Engine, ResolvePipeline } from './engine.js';
import { isTerminal } from './runtime.js';
import type { ExecutionRow, ExecutionsRepo, ListFilter, StepRow } from './store.js';

export interface ExecutionsDeps {
  db: Db;
  repo: ExecutionsRepo;
  engine: Engine;
  projects: ProjectAccess;
  policy: Policy;
  audit: Audit;
  clock: () => Date;
  resolve: () => ResolvePipeline;
}

export interface ExecuteInput {
  pipelineName: string;
  environmentName: string;
  versionName?: string;
  agentId?: string;
  executionTag?: string;
  scalarVariables?: Record<string, unknown>;
  gridVariables?: Record<string, unknown>;
}

export interface StartInput {
  accountId: string;
  projectId: string;
  environmentName: string;
  pipelineName: string;
  versionName?: string;
  scalarVariables?: Record<string, unknown>;
  gridVariables?: Record<string, unknown>;
  trigger: 'API' | 'SCHEDULE' | 'SCHEDULE_RUN_NOW' | 'DESIGNER';
  scheduleId?: string;
  executionTag?: string;
  actor?: Actor;
  kind?: 'PIPELINE' | 'TEST';
}

const NOT_FOUND_FIELD = { project: 'projectId', environment: 'environmentName', version: 'versionName', pipeline: 'pipelineName' } as const;

const principal = (a: Actor | undefined) => (a ? (a.email ?? a.clientId) : 'system:scheduler');

/** The execution record, flat, plus `result` mirroring it (contract §13 item 4). */
export function executionView(r: ExecutionRow) {
  const flat = {
    pipelineExecutionId: r.id,
    pipelineName: r.pipeline_name,
    projectId: r.project_id,
    environmentName: r.environment_name,
    pipelineType: r.pipeline_type,
    status: r.status,
    trigger: r.trigger,
    ...(r.schedule_id ? { scheduleId: r.schedule_id } : {}),
    ...(r.user_name && (r.trigger === 'DESIGNER' || r.trigger === 'SCHEDULE_RUN_NOW') ? { user: r.user_name } : {}),
    startedAt: r.started_at,
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.message ? { message: r.message } : {}),
  };
  return { ...flat, result: { ...flat } };
}

export function stepView(s: StepRow) {
  return {
    id: s.step_id,
    name: s.name,
    result: { status: s.status, startedAt: s.started_at, ...(s.finished_at ? { finishedAt: s.finished_at } : {}), ...(s.message ? { message: s.message } : {}) },
    ...(s.child_execution_id ? { childPipeline: { id: s.child_execution_id, name: s.child_pipeline_name ?? '' } } : {}),
  };
}


/** Resolves and parses the pipeline and its controls (reads through d.db: outside any transaction on SQLite). */
async function prepare(d: ExecutionsDeps, s: StartInput) {
  const behaviour = behaviourFromVariables(s.scalarVariables);
  const found = await d.resolve()(s.accountId, s.projectId, s.environmentName, s.pipelineName, s.versionName);
  if (found.kind === 'gone') throw gone(found.message);
  if (found.kind === 'not_found') throw notFound(found.message, [{ field: NOT_FOUND_FIELD[found.what], rule: 'must name something that exists' }]);
  const plan = parsePipeline(found.path, found.content);
  const registered = await d.repo.behaviour(s.projectId, found.environmentName, found.name);
  return { found, plan, behaviour: mergeBehaviour(behaviour, registered ? (JSON.parse(registered.behaviour) as Behaviour) : undefined) };
}

/** A run resolved by `prepare`, ready for `insert` (holds no connection or lock). */
export type PreparedRun = Awaited<ReturnType<typeof prepare>>;

/** Inserts a prepared run with `db` alone (no read through d.db: safe inside a SQLite transaction). */
async function insert(d: ExecutionsDeps, db: Db, s: StartInput, p: PreparedRun): Promise<{ pipelineExecutionId: string }> {
  try {
    const id = await d.engine.create(db, {
      accountId: s.accountId,
      projectId: s.projectId,
      environmentName: p.found.environmentName,
      pipelineName: p.found.path,
      path: p.found.path,
      plan: p.plan,
      versionName: p.found.versionName,
      kind: s.kind ?? 'PIPELINE',
      trigger: s.trigger,
      scheduleId: s.scheduleId,
      user: s.actor ? principal(s.actor) : null,
      createdBy: principal(s.actor),
      executionTag: s.executionTag,
      variables: { scalarVariables: s.scalarVariables, gridVariables: s.gridVariables, behaviour: p.behaviour, depth: 0 },
    });
    return { pipelineExecutionId: id };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`An execution tagged "${s.executionTag}" is already running in environment "${s.environmentName}"`, [{ field: 'executionTag', rule: 'must not be in use by a running execution of the environment' }]);
    throw err;
  }
}

/** The in-process start (schedules): resolve with d.db, then insert with `db`. */
const start = async (d: ExecutionsDeps, db: Db, s: StartInput) => insert(d, db, s, await prepare(d, s));

async function execute(d: ExecutionsDeps, actor: Actor, projectId: string, body: ExecuteInput, kind: 'PIPELINE' | 'TEST' = 'PIPELINE') {
  await d.projects.requireEnvironment(actor, projectId, body.environmentName, 'environment.run');
  const input: StartInput = { ...body, accountId: actor.accountId, projectId, trigger: 'API', actor, kind };
  const prepared = await prepare(d, input);
  return d.db.transaction().execute(async (trx) => {
    const r = await insert(d, trx, input, prepared);
    const test = kind === 'TEST';
    await d.audit.record(trx, actor, {
      eventName: test ? 'test_execution_started' : 'pipeline_execution_started',
      eventType: 'CREATE',
      description: test ? 'Test execution started' : 'Pipeline execution started',
      subjectType: test ? 'TEST_EXECUTION' : 'PIPELINE_EXECUTION',
      subjectId: r.pipelineExecutionId,
      subjectName: body.pipelineName,
      projectId,
      additionalInfo: { environmentName: body.environmentName, ...(body.versionName ? { versionName: body.versionName } : {}), ...(body.executionTag ? { executionTag: body.executionTag } : {}) },
    });
    return r;
  });
}

/** The row if the actor may `permission` in its environment; advanced to now first. */
async function readable(d: ExecutionsDeps, actor: Actor, projectId: string, id: string, kind: 'PIPELINE' | 'TEST' = 'PIPELINE') {
  await d.projects.require(actor, projectId);
  const before = await d.repo.find(actor.accountId, id, kind);
  if (!before || before.project_id !== projectId) throw notFound(`${kind === 'TEST' ? 'Test' : 'Pipeline'} execution ${id} not found`);
  await d.projects.requireEnvironment(actor, projectId, before.environment_name, 'environment.view');
  if (!isTerminal(before.status)) await d.engine.catchUp(id);
  return (await d.repo.find(actor.accountId, id, kind))!;
}

async function cancel(d: ExecutionsDeps, actor: Actor, projectId: string, id: string, body: { status: string; forceUpdate?: boolean }, kind: 'PIPELINE' | 'TEST' = 'PIPELINE') {
  if (body.status !== 'CANCELLED') throw invalid('status', 'must be CANCELLED');
  await d.projects.require(actor, projectId);
  const row = await d.repo.find(actor.accountId, id, kind);
  if (!row || row.project_id !== projectId) throw notFound(`${kind === 'TEST' ? 'Test' : 'Pipeline'} execution ${id} not found`);
  await d.projects.requireEnvironment(actor, projectId, row.environment_name, 'environment.run');
  const force = body.forceUpdate === true;
  await d.db.transaction().execute(async (trx) => {
    if (!(await d.engine.cancel(trx, id, force))) {
      const now = await d.repo.byId(id, trx);
      if (now && isTerminal(now.status)) throw conflict(`The execution has already ended (${now.status})`, [{ field: 'status', rule: 'only a running execution can be cancelled' }]);
      throw conflict('The execution changed meanwhile; retry', []);
    }
    const test = kind === 'TEST';
    await d.audit.record(trx, actor, {
      eventName: test ? 'test_execution_cancelled' : 'pipeline_execution_cancelled',
      eventType: 'UPDATE',
      description: `${test ? 'Test' : 'Pipeline'} execution ${force ? 'hard ' : ''}cancelled`,
      subjectType: test ? 'TEST_EXECUTION' : 'PIPELINE_EXECUTION',
      subjectId: id,
      subjectName: row.pipeline_name,
      projectId,
      additionalInfo: { environmentName: row.environment_name, forceUpdate: force },
    });
  });
}

export function createExecutionsService(d: ExecutionsDeps) {
  return {
    start: (db: Db, s: StartInput) => start(d, db, s),
    prepare: (s: StartInput) => prepare(d, s),
    insert: (trx: Db, s: StartInput, p: PreparedRun) => insert(d, trx, s, p),
    hasActiveRun: (q: { projectId: string; environmentName: string; pipelineName: string; scheduleId?: string }) => d.repo.hasActive(q),
    runDue: () => d.engine.runDue(),
    execute: (actor: Actor, projectId: string, body: ExecuteInput) => execute(d, actor, projectId, body),
    async get(actor: Actor, projectId: string, id: string) {
      return executionView(await readable(d, actor, projectId, id));
    },
    async status(actor: Actor, projectId: string, id: string) {
      const r = await readable(d, actor, projectId, id);
      return { pipelineExecutionId: r.id, status: r.status, result: { status: r.status } };
    },
    async steps(actor: Actor, projectId: string, id: string, q: PageQuery) {
      await readable(d, actor, projectId, id);
      const w = pageWindow(q);
      const { rows, total } = await d.repo.stepsPage(id, w.offset, w.limit);
      return toPage(w, total, rows, stepView);
    },
    async cancel(actor: Actor, projectId: string, id: string, body: { status: string; forceUpdate?: boolean }) {
      await cancel(d, actor, projectId, id, body);
      return { pipelineExecutionId: id };
    },
    list: (actor: Actor, q: ListQuery) => list(d, actor, q),

    /** Simulated test executions (x-plinth-extension start and read; the documented cancel). */
    tests: {
      async start(actor: Actor, projectId: string, body: ExecuteInput) {
        const r = await execute(d, actor, projectId, body, 'TEST');
        return { testExecutionId: r.pipelineExecutionId };
      },
      async get(actor: Actor, projectId: string, id: string) {
        const { pipelineExecutionId, result: _r, ...rest } = executionView(await readable(d, actor, projectId, id, 'TEST'));
        return { testExecutionId: pipelineExecutionId, ...rest };
      },
      async cancel(actor: Actor, projectId: string, id: string, body: { status: string; forceUpdate?: boolean }) {
        await cancel(d, actor, projectId, id, body, 'TEST');
        return { testExecutionId: id };
      },
    },

    /** Per-pipeline simulation behaviour (x-plinth-extension). */
    async putBehaviour(actor: Actor, projectId: string, body: { environmentName: string; pipelineName: string; fail?: boolean | string; hang?: boolean | string; stepDelayMs?: number }) {
      await d.projects.requireEnvironment(actor, projectId, body.environmentName, 'environment.manage');
      const b = behaviourFromVariables({ 'plinth.fail': body.fail, 'plinth.hang': body.hang, 'plinth.stepDelayMs': body.stepDelayMs }, 'body');
      const name = body.pipelineName.replace(/^\/+/, '').replace(/\.(orch|tran)\.ya?ml$/i, '');
      await d.db.transaction().execute(async (trx) => {
        if (b.fail === undefined && b.hang === undefined && b.stepDelayMs === undefined) await d.repo.deleteBehaviour(projectId, body.environmentName, name, trx);
        else await d.repo.putBehaviour({ project_id: projectId, environment_name: body.environmentName, pipeline_name: name, behaviour: JSON.stringify(b), updated_at: d.clock().toISOString() }, trx);
        await d.audit.record(trx, actor, { eventName: 'pipeline_behaviour_updated', eventType: 'UPDATE', description: 'Simulated pipeline behaviour set', subjectType: 'PIPELINE', subjectName: name, projectId, additionalInfo: { environmentName: body.environmentName, ...b } });
      });
      return { environmentName: body.environmentName, pipelineName: name, ...b };
    },
  };
}
export type ExecutionsService = ReturnType<typeof createExecutionsService>;

export interface ListQuery {
  projectId?: string;
  environmentName?: string;
  pipelineName?: string;
  status?: string;
  scheduleId?: string;
  trigger?: string;
  startedAfter?: string;
  startedBefore?: string;
  timeFrame?: string;
  limit?: number;
  paginationToken?: string;
}

export const MAX_LIST_LIMIT = 100;

const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const encodeToken = (id: string) => Buffer.from(JSON.stringify({ v: 1, id })).toString('base64url');
export function decodeToken(token: string): string {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (t?.v === 1 && typeof t.id === 'string' && TOKEN_ID.test(t.id)) return t.id;
  } catch {
    /* falls through */
  }
  throw invalid('paginationToken', 'must be a token from the "more" field of a previous answer');
}

/** `PT1H`, `P7D`, `P1DT12H`, `LAST_24_HOURS`, `24h`, `7d`, `30m`: the length in ms; undefined for a value Plinth does not know (ignored). */
export function timeFrameMs(v: string): number | undefined {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(v);
  if (iso && v.length > 1 && !/T$/i.test(v)) return (Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0)) * 1000;
  const named = /^(?:LAST_)?(\d+)_?(MINUTE|HOUR|DAY|WEEK|M|H|D|W)S?$/i.exec(v);
  if (!named) return undefined;
  const unit: Record<string, number> = { MINUTE: 60e3, M: 60e3, HOUR: 3600e3, H: 3600e3, DAY: 86400e3, D: 86400e3, WEEK: 7 * 86400e3, W: 7 * 86400e3 };
  return Number(named[1]) * unit[named[2]!.toUpperCase()]!;
}

async function list(d: ExecutionsDeps, actor: Actor, q: ListQuery) {
  const limit = Math.min(Math.max(q.limit ?? 25, 1), MAX_LIST_LIMIT);
  const after = q.startedAfter ? new Date(q.startedAfter) : undefined;
  const before = q.startedBefore ? new Date(q.startedBefore) : undefined;
  if (after && before && after > before) throw badRequest([{ field: 'startedAfter', rule: 'must not be later than startedBefore' }]);
  let afterIso = after?.toISOString();
  const frame = q.timeFrame ? timeFrameMs(q.timeFrame) : undefined;
  if (frame !== undefined) {
    const since = new Date(d.clock().getTime() - frame).toISOString();
    if (!afterIso || since > afterIso) afterIso = since;
  }
  // Runs due now move on before they are listed (a test instance without the worker job).
  await d.engine.runDue(20);
  const f: ListFilter = { accountId: actor.accountId, projectId: q.projectId, environmentName: q.environmentName, pipelineName: q.pipelineName, status: q.status, scheduleId: q.scheduleId, trigger: q.trigger, startedAfter: afterIso, startedBefore: before?.toISOString(), beforeId: q.paginationToken ? decodeToken(q.paginationToken) : undefined };
  const sees = visibility(d, actor);
  const out: ExecutionRow[] = [];
  for (let scanned = 0; out.length <= limit && scanned < 50; scanned++) {
    const batch = await d.repo.list(f, 100);
    for (const r of batch) {
      if (await sees(r)) out.push(r);
      if (out.length > limit) break;
    }
    if (batch.length < 100 || out.length > limit) break;
    f.beforeId = batch[batch.length - 1]!.id;
  }
  const page = out.slice(0, limit);
  return { results: page.map(executionView), ...(out.length > limit ? { more: encodeToken(page[page.length - 1]!.id) } : {}) };
}

/** Whether the actor may view a run's environment (one check per project and environment). */
function visibility(d: ExecutionsDeps, actor: Actor) {
  if (d.policy.seesAllProjects(actor)) return async () => true;
  const cache = new Map<string, boolean>();
  return async (r: ExecutionRow) => {
    const key = `${r.project_id}\u0000${r.environment_name}`;
    if (!cache.has(key)) {
      try {
        await d.projects.requireEnvironment(actor, r.project_id, r.environment_name, 'environment.view');
        cache.set(key, true);
      } catch (err) {
        if (!(err instanceof DomainError) || (err.kind !== 'forbidden' && err.kind !== 'not_found')) throw err;
        cache.set(key, false);
      }
    }
    return cache.get(key)!;
  };
}
