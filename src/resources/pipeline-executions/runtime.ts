import { markersOf, type Behaviour } from './controls.js';
import type { Plan, PlanComponent } from './dpc.js';

/**
 * The simulated runtime's rules, as a pure function of (plan, state, behaviour, now): which
 * steps start and finish by `now`, and whether the run has ended. The service stores the result
 * (a row, not a timer), so any node can take the next step.
 *
 * Semantics (README "Simulated pipeline runs"):
 * - components run one at a time, from the start component(s), each at most once; after a
 *   component, its `success` (or `failure`) transitions and its `unconditional` ones are queued;
 * - a failed component with neither `failure` nor `unconditional` transitions fails the run
 *   (after the queued components have run); an `end-success` / `end-failure` component ends the
 *   run at once; otherwise the run succeeds when nothing is left to run;
 * - a Run Orchestration / Run Transformation step starts a child execution and ends as the
 *   child ends;
 * - a step takes `stepDelayMs` of Plinth's clock (0 by default); a hanging step never ends;
 *   step times are the simulated ones (a step that ended at t ends at t however late it is seen).
 */

export const TERMINAL_STATUSES = ['SUCCESS', 'FAILED', 'CANCELLED', 'SKIPPED', 'UNKNOWN'] as const;
export const isTerminal = (s: string) => (TERMINAL_STATUSES as readonly string[]).includes(s);

export interface Current {
  name: string;
  seq: number;
  startedAt: string;
  /** When the step ends; null while it hangs or waits for its child. */
  dueAt: string | null;
  fail: boolean;
  childId?: string;
}

export interface RunState {
  queue: string[];
  visited: string[];
  seq: number;
  /** The simulated time the run has reached. */
  at: string;
  current?: Current;
  failed: boolean;
  /** A bare `fail` / `hang` (= the first step after Start) has been used. */
  firstUsed: boolean;
  message?: string;
}

export type Effect =
  | { kind: 'stepStarted'; seq: number; name: string; type: string; startedAt: string; childId?: string; childPath?: string }
  | { kind: 'stepFinished'; seq: number; status: 'SUCCESS' | 'FAILED'; finishedAt: string; message: string };

export interface AdvanceResult {
  state: RunState;
  effects: Effect[];
  status: 'RUNNING' | 'SUCCESS' | 'FAILED';
  /** When there is something to do next (null: waiting for a child, a hang or a cancel). */
  nextAt: string | null;
}

export function initialState(plan: Plan, startedAt: string): RunState {
  return { queue: [...plan.start], visited: [], seq: 0, at: startedAt, failed: false, firstUsed: false };
}

const later = (a: string, b: string) => (a > b ? a : b);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Steps until `now` (or a wait); `child` is the current step's child execution, when it has one. */
export function advance(plan: Plan, prev: RunState, b: Behaviour, now: Date, child: { id: string; status: string; finishedAt: string | null } | undefined, newId: () => string): AdvanceResult {
  const state: RunState = structuredClone(prev);
  const effects: Effect[] = [];
  const nowIso = now.toISOString();
  for (let guard = 0; guard <= Object.keys(plan.components).length * 2 + 2; guard++) {
    const cur = state.current;
    if (cur) {
      let outcome: 'SUCCESS' | 'FAILED';
      let at: string;
      let why = '';
      if (cur.childId) {
        // Only the child this step started counts (one started in this very advancement has not run yet).
        if (!child || child.id !== cur.childId || !isTerminal(child.status)) return { state, effects, status: 'RUNNING', nextAt: null };
        outcome = child.status === 'SUCCESS' ? 'SUCCESS' : 'FAILED';
        at = later(child.finishedAt ?? nowIso, cur.startedAt);
        if (outcome === 'FAILED') why = ` (child execution ${child.status})`;
      } else {
        if (cur.dueAt === null) return { state, effects, status: 'RUNNING', nextAt: null };
        if (cur.dueAt > nowIso) return { state, effects, status: 'RUNNING', nextAt: cur.dueAt };
        outcome = cur.fail ? 'FAILED' : 'SUCCESS';
        at = cur.dueAt;
        if (cur.fail) why = ' (simulated failure)';
      }
      const ended = finish(plan, state, cur, outcome, at, why, effects);
      if (ended) return { state, effects, status: ended, nextAt: null };
      continue;
    }
    const name = state.queue.shift();
    if (name === undefined) return { state, effects, status: state.failed ? 'FAILED' : 'SUCCESS', nextAt: null };
    if (state.visited.includes(name)) continue;
    start(plan.components[name]!, name, state, b, effects, newId);
  }
  // Unreachable for a finite plan (each component runs once); end rather than loop.
  return { state, effects, status: state.failed ? 'FAILED' : 'SUCCESS', nextAt: null };
}

function start(c: PlanComponent, name: string, state: RunState, b: Behaviour, effects: Effect[], newId: () => string) {
  state.visited.push(name);
  const seq = ++state.seq;
  const startedAt = state.at;
  const m = markersOf(name);
  const first = c.type.toLowerCase() !== 'start' && !state.firstUsed;
  if (first) state.firstUsed = true;
  const hits = (v: true | string | undefined) => (v === true ? first : v === name);
  const hang = hits(b.hang) || m.hang;
  const fail = hits(b.fail) || m.fail;
  const delay = b.stepDelayMs ?? m.delayMs ?? 0;
  if (c.child && !hang && !fail) {
    const childId = newId();
    state.current = { name, seq, startedAt, dueAt: null, fail, childId };
    effects.push({ kind: 'stepStarted', seq, name, type: c.type, startedAt, childId, childPath: c.child });
    return;
  }
  state.current = { name, seq, startedAt, dueAt: hang ? null : plus(startedAt, delay), fail };
  effects.push({ kind: 'stepStarted', seq, name, type: c.type, startedAt });
}

/** Ends the current step; returns the run's final status when this step ends the run. */
function finish(plan: Plan, state: RunState, cur: Current, outcome: 'SUCCESS' | 'FAILED', at: string, why: string, effects: Effect[]): 'SUCCESS' | 'FAILED' | undefined {
  const c = plan.components[cur.name]!;
  const message = `"${cur.name}": ${outcome === 'SUCCESS' ? 'Success' : 'Failed'}${why}`;
  effects.push({ kind: 'stepFinished', seq: cur.seq, status: outcome, finishedAt: at, message });
  state.current = undefined;
  state.at = at;
  state.message = message;
  const type = c.type.toLowerCase();
  if (type === 'end-success' || type === 'end-failure') {
    state.queue = [];
    return type === 'end-success' && outcome === 'SUCCESS' ? 'SUCCESS' : 'FAILED';
  }
  const next = outcome === 'SUCCESS' ? [...c.success, ...c.unconditional] : [...c.failure, ...c.unconditional];
  if (outcome === 'FAILED' && c.failure.length === 0 && c.unconditional.length === 0) state.failed = true;
  state.queue.push(...next.filter((n) => !state.visited.includes(n)));
  return undefined;
}
