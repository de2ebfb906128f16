import { Violations } from '../../core/errors.js';

/**
 * How a simulated run behaves (README "Simulated pipeline runs"). Three sources, the first that
 * says something wins, field by field:
 *  1. per request — reserved scalar variables of the execute request: `plinth.fail`,
 *     `plinth.failStep`, `plinth.hang`, `plinth.stepDelayMs`;
 *  2. per pipeline — a behaviour registered with `PUT …/pipeline-behaviours` (x-plinth-extension);
 *  3. in the file — a component whose name carries `[plinth:fail]`, `[plinth:hang]` or
 *     `[plinth:delay=<ms>]`.
 * `fail` / `hang` are `true` (the first step after Start) or a component name. Without any of
 * them every step succeeds at once.
 */
export interface Behaviour {
  fail?: true | string;
  hang?: true | string;
  stepDelayMs?: number;
}

export const MAX_STEP_DELAY_MS = 86_400_000;

const flag = (v: unknown): true | string | undefined => {
  if (v === undefined || v === null || v === false || v === '' || v === 'false') return undefined;
  if (v === true || v === 'true') return true;
  return String(v);
};

/** The controls among a request's scalar variables; a malformed delay is a 400 naming it. */
export function behaviourFromVariables(vars: Record<string, unknown> | undefined, field = 'scalarVariables'): Behaviour {
  if (!vars) return {};
  const v = new Violations();
  const b: Behaviour = {};
  const fail = flag(vars['plinth.failStep']) ?? flag(vars['plinth.fail']);
  if (fail !== undefined) b.fail = fail;
  const hang = flag(vars['plinth.hang']);
  if (hang !== undefined) b.hang = hang;
  const delay = vars['plinth.stepDelayMs'];
  if (delay !== undefined) {
    const n = typeof delay === 'number' ? delay : /^\d{1,9}$/.test(String(delay)) ? Number(delay) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > MAX_STEP_DELAY_MS) v.add(`${field}.plinth.stepDelayMs`, `must be a whole number of milliseconds from 0 to ${MAX_STEP_DELAY_MS}`);
    else b.stepDelayMs = n;
  }
  v.throwIfAny();
  return b;
}

/** Field by field, the first source that sets it. */
export function mergeBehaviour(...sources: (Behaviour | undefined)[]): Behaviour {
  const out: Behaviour = {};
  for (const s of sources) {
    if (!s) continue;
    if (out.fail === undefined && s.fail !== undefined) out.fail = s.fail;
    if (out.hang === undefined && s.hang !== undefined) out.hang = s.hang;
    if (out.stepDelayMs === undefined && s.stepDelayMs !== undefined) out.stepDelayMs = s.stepDelayMs;
  }
  return out;
}

/** What a child execution inherits: named steps and the delay (a bare `true` is the parent's own). */
export function inherited(b: Behaviour): Behaviour {
  const out: Behaviour = {};
  if (typeof b.fail === 'string') out.fail = b.fail;
  if (typeof b.hang === 'string') out.hang = b.hang;
  if (b.stepDelayMs !== undefined) out.stepDelayMs = b.stepDelayMs;
  return out;
}

/** The markers in a component's name. */
export function markersOf(componentName: string): { fail: boolean; hang: boolean; delayMs?: number } {
  const delay = /\[plinth:delay=(\d{1,8})\]/i.exec(componentName);
  return {
    fail: /\[plinth:fail\]/i.test(componentName),
    hang: /\[plinth:hang\]/i.test(componentName),
    delayMs: delay ? Math.min(Number(delay[1]), MAX_STEP_DELAY_MS) : undefined,
  };
}
