/** The shape of a plan (see ../diff.ts for its rules) and the value comparison it is built on. */

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'unchanged' | 'unknown' | 'unsupported';
export type Kind = 'project' | 'secret' | 'secret-reference' | 'warehouse-connection' | 'connection' | 'environment' | 'override' | 'repository';

export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface Change {
  kind: Kind;
  /** The resource's name (`<environment>/<connection>` for an override). */
  name: string;
  action: Action;
  fields: FieldChange[];
  note?: string;
  /** For overrides: the environment, and whether the override travels in the environment's create request. */
  environment?: string;
  withEnvironment?: boolean;
}

export interface Plan {
  projectName: string;
  changes: Change[];
  /** Resources on the server that the file does not declare, kept because --allow-delete was not given. */
  unmanaged: { kind: Kind; name: string }[];
  warnings: string[];
}

export interface PlanOptions {
  allowDelete?: boolean;
  forceSecrets?: boolean;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

export const PENDING: Action[] = ['create', 'update', 'replace', 'delete', 'unknown'];
export const isPending = (c: Change) => PENDING.includes(c.action);
export const needsDelete = (c: Change) => c.action === 'replace' || c.action === 'delete';

/** A placeholder for an id that exists only after apply (the hosted agent of a project to be created). */
export const HOSTED_AGENT_PENDING = '(hosted agent, known after apply)';

/** Removes undefined members (recursively), so absent and undefined compare equal. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = clean(x);
    return out as T;
  }
  return v;
}

/** Leaf differences between two plain values. */
export function diffValues(from: unknown, to: unknown, prefix = ''): FieldChange[] {
  const a = clean(from);
  const b = clean(to);
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffValues(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: prefix || '(value)', from: a, to: b }];
}
