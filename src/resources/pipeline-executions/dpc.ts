import { parse } from 'yaml';
import { invalid } from '../../core/errors.js';

/**
 * Reading DPC pipeline files (`.orch.yaml`, `.tran.yaml`) into a plan the simulated runtime
 * walks. Only what the runtime needs is kept: each component's type, its transitions and, for
 * Run Orchestration / Run Transformation, the child pipeline it runs.
 *
 * Orchestration: components start from the `start` component(s) (or, in a file without one, from
 * the components nothing transitions to) and follow `success` / `failure` / `unconditional`
 * transitions. Transformation: components have `sources` instead of transitions; they run in
 * dependency order (a source before the components reading it), one after another.
 */

export type PipelineType = 'ORCHESTRATION' | 'TRANSFORMATION';

export interface PlanComponent {
  type: string;
  success: string[];
  failure: string[];
  unconditional: string[];
  /** The pipeline path a Run Orchestration / Run Transformation component runs. */
  child?: string;
}

export interface Plan {
  pipelineType: PipelineType;
  start: string[];
  components: Record<string, PlanComponent>;
}

export const MAX_COMPONENTS = 2000;

export function pipelineTypeOf(path: string, doc?: { type?: unknown }): PipelineType {
  if (typeof doc?.type === 'string' && doc.type.toLowerCase() === 'transformation') return 'TRANSFORMATION';
  if (typeof doc?.type === 'string' && doc.type.toLowerCase() === 'orchestration') return 'ORCHESTRATION';
  return /\.tran\.ya?ml$/i.test(path) ? 'TRANSFORMATION' : 'ORCHESTRATION';
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The pipeline's components as a plan; a file that is not a DPC pipeline is `invalid`. */
export function parsePipeline(path: string, content: string): Plan {
  let doc: any;
  try {
    doc = parse(content, { maxAliasCount: 100 });
  } catch (err) {
    throw invalid('pipelineName', `the published file ${path} is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const raw = doc?.pipeline?.components;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('pipelineName', `the published file ${path} has no pipeline.components`);
  const entries = Object.entries(raw as Record<string, any>);
  if (entries.length > MAX_COMPONENTS) throw invalid('pipelineName', `the published file ${path} has more than ${MAX_COMPONENTS} components`);
  const pipelineType = pipelineTypeOf(path, doc);
  return pipelineType === 'TRANSFORMATION' ? transformationPlan(entries) : orchestrationPlan(entries);
}

function childOf(type: string, params: any): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const t = type.toLowerCase();
  if (t === 'run-orchestration') return str(params.orchestrationJob) ?? str(params.orchestrationName);
  if (t === 'run-transformation') return str(params.transformationJob) ?? str(params.transformationName);
  return undefined;
}
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

function orchestrationPlan(entries: [string, any][]): Plan {
  const components: Record<string, PlanComponent> = {};
  for (const [name, c] of entries) {
    const type = typeof c?.type === 'string' ? c.type : 'unknown';
    const tr = c?.transitions ?? {};
    const keep = (list: unknown) => names(list).filter((n) => n !== name);
    components[name] = { type, success: keep(tr.success), failure: keep(tr.failure), unconditional: keep(tr.unconditional), child: childOf(type, c?.parameters) };
  }
  // Transitions to components the file does not define are dropped (a half-edited file still runs).
  for (const c of Object.values(components)) {
    for (const k of ['success', 'failure', 'unconditional'] as const) c[k] = c[k].filter((n) => n in components);
  }
  let start = Object.keys(components).filter((n) => components[n]!.type.toLowerCase() === 'start');
  if (start.length === 0) {
    const targets = new Set(Object.values(components).flatMap((c) => [...c.success, ...c.failure, ...c.unconditional]));
    start = Object.keys(components).filter((n) => !targets.has(n));
  }
  return { pipelineType: 'ORCHESTRATION', start, components };
}

/** Dependency order (Kahn), ties in file order; components in a cycle run last, in file order. */
function transformationPlan(entries: [string, any][]): Plan {
  const order = entries.map(([n]) => n);
  const sources = new Map(entries.map(([n, c]) => [n, names(c?.sources).filter((s) => s !== n && order.includes(s))]));
  const done = new Set<string>();
  const sorted: string[] = [];
  while (sorted.length < order.length) {
    const next = order.find((n) => !done.has(n) && sources.get(n)!.every((s) => done.has(s))) ?? order.find((n) => !done.has(n))!;
    done.add(next);
    sorted.push(next);
  }
  const components: Record<string, PlanComponent> = {};
  sorted.forEach((name, i) => {
    const c = entries.find(([n]) => n === name)![1];
    components[name] = { type: typeof c?.type === 'string' ? c.type : 'unknown', success: sorted[i + 1] ? [sorted[i + 1]!] : [], failure: [], unconditional: [] };
  });
  return { pipelineType: 'TRANSFORMATION', start: sorted.slice(0, 1), components };
}
