import type { Logger } from 'pino';
import type { Db } from '../../core/db/db.js';
import { DomainError } from '../../core/errors.js';
import { paced } from '../../core/periodic.js';
import { orderedId } from '../../core/ids.js';
import { inherited, type Behaviour } from './controls.js';
import { parsePipeline, pipelineTypeOf, type Plan } from './dpc.js';
import { lineageEvent } from './lineage.js';
import { advance, initialState, isTerminal, type AdvanceResult, type RunState } from './runtime.js';
import { NEVER, type ExecutionRow, type ExecutionsRepo, type StepRow } from './store.js';
import type { ArtifactsService } from '../artifacts/service.js';

/**
 * Runs as rows. Advancing a run takes its lease (one conditional UPDATE: free, expired or ours),
 * computes the next steps with the pure runtime, and writes them in one transaction keyed on the
 * version it read: two nodes (or a read and the worker on one node) never apply the same
 * advancement twice. A node keeps the lease of a run it advanced for LEASE_MS of Plinth's clock;
 * when it dies the lease runs out and any other node resumes the run from its row.
 *
 * Who advances: the worker job, when background jobs are on (every WORKER_INTERVAL_MS while any
 * run is active; see WORKER_IDLE_AFTER for a database with none), and, on every node, any read of
 * an execution (so a test instance without jobs, and a poll after a step is due, see the run move
 * on at once; the same lease rules apply). Runs never wait on a timer.
 */

export const LEASE_MS = 30_000;
export const WORKER_INTERVAL_MS = 25;
/**
 * With no run active in the database (none due, none waiting on a step or a lease), the worker
 * asks every WORKER_IDLE_MS once WORKER_IDLE_AFTER passes in a row (~1 s) found none, instead of
 * 40 times a second: an idle node costs its database two small reads a second. A run this node
 * creates wakes it at once. A run another node creates is advanced by that node's worker, and
 * seen by this one within WORKER_IDLE_MS; from then on, while any run is active, every node asks
 * at the usual pace (so a dead node's runs are resumed as before).
 */
export const WORKER_IDLE_AFTER = 40;
export const WORKER_IDLE_MS = 1_000;
const MAX_DEPTH = 16;
const MAX_ROUNDS = 64;

/** What the runtime needs of the artifacts module: its `resolvePipeline`. */
export type ResolvePipeline = ArtifactsService['resolvePipeline'];

export interface Variables {
  scalarVariables?: Record<string, unknown>;
  gridVariables?: Record<string, unknown>;
  behaviour: Behaviour;
  depth: number;
}

export interface NewRun {
  id?: string;
  accountId: string;
  projectId: string;
  environmentName: string;
  pipelineName: string;
  path: string;
  plan: Plan;
  versionName: string | null;
  kind: 'PIPELINE' | 'TEST';
  trigger: string;
  scheduleId?: string | null;
  user?: string | null;
  createdBy: string;
  executionTag?: string | null;
  parentId?: string | null;
  variables: Variables;
  /** The simulated start (a child starts when its parent's step does); default now. */
  startedAt?: string;
}

export interface EngineDeps {
  db: Db;
  repo: ExecutionsRepo;
  clock: () => Date;
  nodeId: string;
  resolve: () => ResolvePipeline;
  logger: Logger;
}

export const millicreditsOf = (row: Pick<ExecutionRow, 'started_at'>, finishedAt: string, steps: number) =>
  steps * 10 + Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(row.started_at)) / 1000));


/** Inserts a RUNNING run (and its START lineage event) with `trx`. */
async function create(d: EngineDeps, trx: Db, r: NewRun, status: 'RUNNING' | 'FAILED' = 'RUNNING', message?: string) {
  const at = r.startedAt ?? d.clock().toISOString();
  const id = r.id ?? orderedId(d.clock().getTime());
  const row = {
    id,
    account_id: r.accountId,
    project_id: r.projectId,
    environment_name: r.environmentName,
    pipeline_name: r.pipelineName,
    pipeline_path: r.path,
    pipeline_type: r.plan.pipelineType,
    version_name: r.versionName,
    kind: r.kind,
    status,
    trigger: r.trigger,
    schedule_id: r.scheduleId ?? null,
    user_name: r.user ?? null,
    created_by: r.createdBy,
    execution_tag: r.executionTag ?? null,
    active_tag: status === 'RUNNING' ? (r.executionTag ?? null) : null,
    parent_id: r.parentId ?? null,
    started_at: at,
    finished_at: status === 'RUNNING' ? null : at,
    message: message ?? null,
    plan: JSON.stringify(r.plan),
    state: JSON.stringify(initialState(r.plan, at)),
    variables: JSON.stringify(r.variables),
    cancel_mode: null,
    next_at: status === 'RUNNING' ? at : NEVER,
    lease_owner: null,
    lease_until: null,
    version: 0,
    steps_run: 0,
    millicredits: 0,
  };
  await d.repo.insert(row, trx);
  await d.repo.insertLineage(lineageEvent(row, 'START', at), trx);
  if (status !== 'RUNNING') await d.repo.insertLineage(lineageEvent(row, 'FAIL', at), trx);
  return id;
}

/** A child run for a Run Orchestration / Run Transformation step (a FAILED row when it cannot run). */
async function childRun(d: EngineDeps, parent: ExecutionRow, childId: string, childPath: string, startedAt: string): Promise<{ run: NewRun; failure?: string }> {
  const vars = JSON.parse(parent.variables) as Variables;
  const base = {
    id: childId,
    accountId: parent.account_id,
    projectId: parent.project_id,
    environmentName: parent.environment_name,
    pipelineName: childPath,
    path: childPath,
    versionName: parent.version_name,
    kind: parent.kind as 'PIPELINE' | 'TEST',
    trigger: parent.trigger,
    scheduleId: parent.schedule_id,
    user: parent.user_name,
    createdBy: parent.created_by,
    parentId: parent.id,
    startedAt,
    variables: { behaviour: inherited(vars.behaviour), depth: vars.depth + 1 },
  };
  const empty: Plan = { pipelineType: pipelineTypeOf(childPath), start: [], components: {} };
  if (vars.depth + 1 > MAX_DEPTH) return { run: { ...base, plan: empty }, failure: `Pipelines nest more than ${MAX_DEPTH} deep` };
  try {
    const resolve = (ref: string) => d.resolve()(parent.account_id, parent.project_id, parent.environment_name, ref, parent.version_name ?? undefined);
    let found = await resolve(childPath);
    // Older files name a child beside them without its folder ("Acquire Review Data").
    const folder = parent.pipeline_path.includes('/') ? parent.pipeline_path.slice(0, parent.pipeline_path.lastIndexOf('/')) : '';
    if (found.kind === 'not_found' && found.what === 'pipeline' && folder && !childPath.startsWith(`${folder}/`)) {
      const beside = await resolve(`${folder}/${childPath}`);
      if (beside.kind !== 'not_found') found = beside;
    }
    if (found.kind !== 'found') return { run: { ...base, plan: empty }, failure: found.message };
    return { run: { ...base, pipelineName: found.path, path: found.path, plan: parsePipeline(found.path, found.content) } };
  } catch (err) {
    if (err instanceof DomainError) return { run: { ...base, plan: empty }, failure: err.message };
    throw err;
  }
}

/** One advancement of a run whose lease this node holds; true when something changed. */
async function step(d: EngineDeps, id: string): Promise<{ changed: boolean; children: string[] }> {
  const row = await d.repo.byId(id);
  if (!row || isTerminal(row.status)) return { changed: false, children: [] };
  const at = d.clock();
  if (row.status === 'CANCELLING') {
    // Its children were asked to stop with it: they end first (the parent's row is re-read).
    const children = await d.repo.activeChildren(id);
    for (const c of children) await catchUp(d, c.id, 1);
    const now = children.length ? await d.repo.byId(id) : row;
    return { changed: !!now && now.status === 'CANCELLING' && (await finishCancelled(d, now, d.clock().toISOString())), children: [] };
  }
  const plan = JSON.parse(row.plan) as Plan;
  const state = JSON.parse(row.state) as RunState;
  const vars = JSON.parse(row.variables) as Variables;
  const childId = state.current?.childId;
  const child = childId ? await d.repo.statusOf(childId) : undefined;
  const result = advance(plan, state, vars.behaviour, at, child ? { id: childId!, status: child.status, finishedAt: child.finished_at } : undefined, () => orderedId(at.getTime()));
  const children = await Promise.all(result.effects.flatMap((e) => (e.kind === 'stepStarted' && e.childId ? [childRun(d, row, e.childId, e.childPath!, e.startedAt)] : [])));
  const changed = await d.db.transaction().execute(async (trx) => write(d, trx, row, result, children, at.toISOString()));
  return { changed, children: changed ? children.map((c) => c.run.id!) : [] };
}

async function write(d: EngineDeps, trx: Db, row: ExecutionRow, result: AdvanceResult, children: { run: NewRun; failure?: string }[], at: string) {
  const done = result.status !== 'RUNNING';
  const stepsRun = row.steps_run + result.effects.filter((e) => e.kind === 'stepStarted').length;
  const finishedAt = done ? result.state.at : null;
  const ok = await d.repo.update(
    row.id,
    row.version,
    {
      state: JSON.stringify(result.state),
      status: result.status,
      message: result.state.message ?? row.message,
      next_at: result.nextAt ?? NEVER,
      steps_run: stepsRun,
      ...(done ? { finished_at: finishedAt, active_tag: null, lease_owner: null, lease_until: null, millicredits: millicreditsOf(row, finishedAt!, stepsRun) } : {}),
    },
    trx,
  );
  if (!ok) return false;
  for (const c of children) await create(d, trx, c.run, c.failure ? 'FAILED' : 'RUNNING', c.failure);
  // Steps that start and end in this advancement are inserted finished, all in one statement.
  const fresh = new Map<number, StepRow>();
  for (const e of result.effects) {
    if (e.kind === 'stepStarted') {
      fresh.set(e.seq, { execution_id: row.id, seq: e.seq, step_id: orderedId(), name: e.name, component_type: e.type, status: 'RUNNING', started_at: e.startedAt, finished_at: null, message: null, child_execution_id: e.childId ?? null, child_pipeline_name: e.childPath ?? null });
    } else {
      const f = fresh.get(e.seq);
      if (f) Object.assign(f, { status: e.status, finished_at: e.finishedAt, message: e.message });
      else await d.repo.finishStep(row.id, e.seq, { status: e.status, finished_at: e.finishedAt, message: e.message }, trx);
    }
  }
  if (fresh.size) await d.repo.insertSteps([...fresh.values()], trx);
  if (done) await ended(d, trx, { ...row, status: result.status }, result.status === 'SUCCESS' ? 'COMPLETE' : 'FAIL', finishedAt!, at);
  return true;
}

/** Lineage of a run that ended, and its parent woken. */
async function ended(d: EngineDeps, trx: Db, row: ExecutionRow, eventType: 'COMPLETE' | 'FAIL' | 'ABORT', finishedAt: string, at: string) {
  await d.repo.insertLineage(lineageEvent(row, eventType, finishedAt), trx);
  if (row.parent_id) await d.repo.wake(row.parent_id, at, trx);
}

/** A CANCELLING run ends: its running step and the run become CANCELLED. */
async function finishCancelled(d: EngineDeps, row: ExecutionRow, at: string) {
  return d.db.transaction().execute(async (trx) => {
    const ok = await d.repo.update(row.id, row.version, { status: 'CANCELLED', finished_at: at, active_tag: null, lease_owner: null, lease_until: null, next_at: NEVER, millicredits: millicreditsOf(row, at, row.steps_run), message: row.message ?? 'Cancelled' }, trx);
    if (!ok) return false;
    await cancelCurrentStep(d, trx, row, at);
    await ended(d, trx, row, 'ABORT', at, at);
    return true;
  });
}

async function cancelCurrentStep(d: EngineDeps, trx: Db, row: ExecutionRow, at: string) {
  const cur = (JSON.parse(row.state) as RunState).current;
  if (cur) await d.repo.finishStep(row.id, cur.seq, { status: 'CANCELLED', finished_at: at, message: `"${cur.name}": Cancelled` }, trx);
}

/**
 * Cancel inside the caller's transaction: soft → CANCELLING (ended by the next advancement),
 * forced → CANCELLED now; the run's active children the same way. False when already ended.
 */
async function cancel(d: EngineDeps, trx: Db, id: string, force: boolean): Promise<boolean> {
  const row = await d.repo.byId(id, trx);
  if (!row || isTerminal(row.status)) return false;
  const at = d.clock().toISOString();
  if (force) {
    const ok = await d.repo.update(row.id, row.version, { status: 'CANCELLED', cancel_mode: 'FORCE', finished_at: at, active_tag: null, lease_owner: null, lease_until: null, next_at: NEVER, millicredits: millicreditsOf(row, at, row.steps_run) }, trx);
    if (!ok) return false;
    await cancelCurrentStep(d, trx, row, at);
    await ended(d, trx, row, 'ABORT', at, at);
  } else if (row.status === 'RUNNING') {
    if (!(await d.repo.update(row.id, row.version, { status: 'CANCELLING', cancel_mode: 'SOFT', next_at: at }, trx))) return false;
  }
  for (const c of await d.repo.activeChildren(id, trx)) await cancel(d, trx, c.id, force);
  return true;
}

/**
 * Advances a run as far as Plinth's clock allows, children first, when this node may take its
 * lease. Safe to call from anywhere, any number of times.
 */
async function catchUp(d: EngineDeps, id: string, depth = 0): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await d.repo.byId(id);
    if (!row || isTerminal(row.status)) return;
    const t = d.clock();
    if (row.next_at > t.toISOString() && row.status !== 'CANCELLING') {
      // Waiting for a child: the child may be due even though the parent is not.
      const childId = (JSON.parse(row.state) as RunState).current?.childId;
      if (!childId || depth >= MAX_DEPTH) return;
      await catchUp(d, childId, depth + 1);
      const child = await d.repo.statusOf(childId);
      if (child && !isTerminal(child.status)) return;
    }
    if (!(await d.repo.claim(id, d.nodeId, t.toISOString(), new Date(t.getTime() + LEASE_MS).toISOString()))) return;
    const { changed, children } = await step(d, id);
    for (const c of children) if (depth < MAX_DEPTH) await catchUp(d, c, depth + 1);
    if (!changed && children.length === 0) return;
  }
}

/** One worker pass: every due run this node may take. */
async function runDue(d: EngineDeps, limit = 50): Promise<number> {
  const ids = await d.repo.due(d.nodeId, d.clock().toISOString(), limit);
  for (const id of ids) await catchUp(d, id);
  return ids.length;
}

function worker(d: EngineDeps, idleMs = WORKER_IDLE_MS) {
  // Whether any run is active is asked only before the worker would slow down: while runs wait
  // on a step, the passes that find none due cost one read, not two.
  return paced(async (idleIfNothing) => (await runDue(d)) > 0 || (idleIfNothing && (await d.repo.anyActive())), {
    firstDelayMs: WORKER_INTERVAL_MS,
    intervalMs: WORKER_INTERVAL_MS,
    idle: { afterRuns: WORKER_IDLE_AFTER, intervalMs: idleMs },
    onError: (err) => d.logger.warn({ err: { message: (err as Error).message } }, 'pipeline execution worker pass failed; retrying'),
  });
}

/** The engine as the service uses it. */
export function createEngine(d: EngineDeps, opts: { workerIdleMs?: number } = {}) {
  let running: ReturnType<typeof worker> | undefined;
  return {
    async create(trx: Db, r: NewRun, status?: 'RUNNING' | 'FAILED', message?: string) {
      const id = await create(d, trx, r, status, message);
      // An idle worker looks again at once, and keeps looking at its usual pace (see WORKER_IDLE_AFTER)
      // while the caller's transaction commits.
      running?.wake();
      return id;
    },
    cancel: (trx: Db, id: string, force: boolean) => cancel(d, trx, id, force),
    catchUp: (id: string) => catchUp(d, id),
    runDue: (limit?: number) => runDue(d, limit),
    worker: () => (running = worker(d, opts.workerIdleMs)),
  };
}
export type Engine = ReturnType<typeof createEngine>;
