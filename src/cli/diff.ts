/**
 * The plan: what `apply` would do to make the server match a project file.
 *
 * Every resource is identified by its name (the API's own identity: names are unique in their
 * scope, 409 otherwise), never by ids kept in a state file, so a plan is always computed afresh
 * from the server — which is what makes apply converge after an interruption.
 *
 * Actions: `create`, `update` (in place: connections, the warehouse connection's details,
 * environment overrides), `replace` (delete and create: the API cannot update projects,
 * environments, secret references or secret values), `delete` (only with `--allow-delete`, for
 * resources on the server that the file does not declare), `unchanged`, `unknown` (a Plinth
 * extension read the server does not serve: apply creates it unless it exists) and
 * `unsupported` (a change the API cannot make at all: a project's repository).
 *
 * Secret values are write-only, so they cannot be compared: an existing secret (hosted secret
 * value, `Matillion hosted` secret reference, GitLab token) is `unchanged` unless `--force-secrets`
 * asks to write it again (a replace).
 */
import type { AgentRef, ConnectionSpec, EnvironmentSpec, LoadedSpec, OverrideSpec, ProjectFile, SecretReferenceSpec, SecretSpec } from './spec.js';
import { UNKNOWN, type ActualState, type Agent, type Connection, type EnvironmentSummary, type Override, type SecretReference, type SecretValueInfo } from './state.js';

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

export const warehouseAuthType = (warehouse: string) => (warehouse === 'REDSHIFT' ? 'PASSWORD' : 'KEY_PAIR');

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

/** Resolves agent references against the account's agents. */
export class Agents {
  constructor(
    private readonly state: ActualState,
    private readonly hostedPending: boolean,
  ) {}
  id(ref: AgentRef, where: string): string {
    if (ref === 'hosted') {
      if (this.hostedPending) return HOSTED_AGENT_PENDING;
      if (!this.state.hostedAgent) throw new PlanError(`${where}: the project has no Matillion-hosted agent the server shows (hosted agents are a Plinth addition to the agents list; name the agent with {id: ...} instead)`);
      return this.state.hostedAgent.agentId;
    }
    if ('id' in ref) return ref.id.toLowerCase();
    const found = this.state.agents.filter((a) => a.name === ref.name && !a.hosted);
    if (found.length === 1) return found[0].agentId;
    if (!this.state.agentsReadable) throw new PlanError(`${where}: cannot resolve agent "${ref.name}": this credential may not list agents (give {id: ...})`);
    throw new PlanError(`${where}: no customer-hosted agent named "${ref.name}" in the account`);
  }
  /** The reference to write for an agent id (export): `hosted`, `{name}` or `{id}`. */
  ref(agentId: string | undefined): AgentRef | undefined {
    if (!agentId) return undefined;
    if (this.state.hostedAgent?.agentId === agentId) return 'hosted';
    const a = this.state.agents.find((x) => x.agentId === agentId);
    if (a && !a.hosted && this.state.agents.filter((x) => x.name === a.name && !x.hosted).length === 1) return { name: a.name };
    return { id: agentId };
  }
}

/** The agent an environment uses by default when it names none. */
export function fileDefaultAgent(f: ProjectFile): AgentRef | undefined {
  return f.defaultAgent ?? (f.project.agentDeploymentType === 'FULL_SAAS' ? 'hosted' : undefined);
}

export function desiredDefaultConnections(f: ProjectFile, env: EnvironmentSpec) {
  const out: Record<string, Record<string, string>> = {};
  const dwh = env.defaultConnections?.DWH ?? (f.warehouseConnection ? { [f.project.warehouse.toLowerCase()]: f.warehouseConnection.name } : undefined);
  if (dwh) out.DWH = lowerKeys(dwh);
  if (env.defaultConnections?.CLOUD_PLATFORM) out.CLOUD_PLATFORM = lowerKeys(env.defaultConnections.CLOUD_PLATFORM);
  return out;
}
const lowerKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

/** The name of the environment's default DWH connection. */
export const dwhConnectionOf = (f: ProjectFile, env: EnvironmentSpec) => Object.values(desiredDefaultConnections(f, env).DWH ?? {})[0];

// ---- comparable views: what the file asks for and what the server has, in one shape --------------

const projectView = (p: { description?: string | null; warehouse: string; agentDeploymentType: string }) => ({ description: p.description ?? undefined, warehouse: p.warehouse, agentDeploymentType: p.agentDeploymentType });
const secretView = (s: { type: string; key: string }) => ({ type: s.type, key: s.key });
const secretRefActual = (r: SecretReference) => ({
  agentType: r.agentType,
  secretReferenceType: r.secretReferenceType,
  description: r.description ?? undefined,
  secretName: r.secretName,
  secretKey: r.secretKey,
  vaultName: r.vaultName,
  agentId: r.agentId?.toLowerCase(),
});
const connectionActual = (c: Connection) => ({ platformConnectionType: c.platformConnectionType, authProvider: c.authProvider, authType: c.authType, connectionDetails: c.connectionDetails });
const connectionDesired = (c: ConnectionSpec) => ({ platformConnectionType: c.platformConnectionType, authProvider: c.authProvider, authType: c.authType.toUpperCase(), connectionDetails: c.connectionDetails });
const environmentActual = (e: EnvironmentSummary) => ({
  displayName: e.displayName,
  description: e.description,
  defaultAgentId: e.defaultAgentId?.toLowerCase(),
  defaultUserAccessLevel: e.defaultUserAccessLevel,
  defaultConnections: Object.fromEntries(Object.entries(e.defaultConnections ?? {}).map(([k, v]) => [k, lowerKeys(v as Record<string, string>)])),
});
const overrideActual = (o: Override) => ({ authType: o.authType, secretsLocation: o.connectionOverrides?.secretsLocation, connectionProperties: o.connectionOverrides?.connectionProperties });

export function secretRefDesired(r: SecretReferenceSpec, agents: Agents, where: string) {
  return {
    agentType: r.agentType,
    secretReferenceType: r.secretReferenceType ?? 'PASSWORD',
    description: r.description,
    secretName: r.secretName,
    secretKey: r.secretKey,
    vaultName: r.vaultName,
    agentId: r.agentType === 'Matillion hosted' ? agents.id('hosted', where) : r.agent ? agents.id(r.agent, where) : undefined,
  };
}

export function environmentDesired(f: ProjectFile, e: EnvironmentSpec, agents: Agents, where: string) {
  const ref = e.defaultAgent ?? fileDefaultAgent(f);
  if (!ref) throw new PlanError(`${where}.defaultAgent: is required for a HYBRID project`);
  return {
    displayName: e.displayName,
    description: e.description,
    defaultAgentId: agents.id(ref, `${where}.defaultAgent`),
    defaultUserAccessLevel: e.defaultUserAccessLevel,
    defaultConnections: desiredDefaultConnections(f, e),
  };
}

/** An override's authType when the file gives none: the connection's. */
export function overrideAuthType(f: ProjectFile, o: OverrideSpec, state: ActualState): string {
  if (o.authType) return o.authType.toUpperCase();
  if (f.warehouseConnection?.name === o.connectionName) return f.warehouseConnection.authType ?? warehouseAuthType(f.project.warehouse);
  const c = f.connections?.find((x) => x.name === o.connectionName);
  if (c) return c.authType.toUpperCase();
  const a = state.connections.find((x) => x.name === o.connectionName);
  if (a) return a.authType;
  throw new PlanError(`an override of environment connection "${o.connectionName}": the connection is neither in the file nor on the server`);
}

export const overrideDesired = (f: ProjectFile, o: OverrideSpec, state: ActualState) => ({ authType: overrideAuthType(f, o, state), secretsLocation: o.secretsLocation, connectionProperties: o.connectionProperties });

// ---- the plan --------------------------------------------------------------------------------------

export function computePlan(spec: LoadedSpec, state: ActualState, opts: PlanOptions = {}): Plan {
  const f = spec.file;
  const changes: Change[] = [];
  const unmanaged: Plan['unmanaged'] = [];
  const warnings: string[] = [];
  const add = (c: Omit<Change, 'fields'> & { fields?: FieldChange[] }) => changes.push({ fields: [], ...c });

  // The project. Without it (or when it is replaced) every child is created afresh.
  let fresh = false;
  if (!state.project) {
    add({ kind: 'project', name: f.project.name, action: 'create' });
    fresh = true;
  } else {
    const fields = diffValues(projectView(state.project), projectView(f.project));
    if (fields.length) {
      add({ kind: 'project', name: f.project.name, action: 'replace', fields, note: 'the API cannot update a project: it is deleted with everything in it, then created' });
      fresh = true;
    } else add({ kind: 'project', name: f.project.name, action: 'unchanged' });
  }
  const view: ActualState = fresh
    ? { ...state, project: undefined, hostedAgent: undefined, secrets: [], secretReferences: [], connections: [], environments: [], overrides: new Map(), repository: undefined }
    : state;
  const agents = new Agents(view, fresh && f.project.agentDeploymentType === 'FULL_SAAS');

  // Hosted secret values (write-only).
  const secrets = view.secrets;
  for (const s of f.secrets ?? []) {
    if (secrets === UNKNOWN) {
      add({ kind: 'secret', name: s.name, action: 'unknown', note: 'the server does not list secrets: created unless it exists' });
      continue;
    }
    const actual = secrets.find((x: SecretValueInfo) => x.name === s.name);
    if (!actual) add({ kind: 'secret', name: s.name, action: 'create' });
    else {
      const fields = diffValues(secretView(actual), secretView(s));
      if (fields.length) add({ kind: 'secret', name: s.name, action: 'replace', fields, note: 'secrets cannot be updated' });
      else if (opts.forceSecrets) add({ kind: 'secret', name: s.name, action: 'replace', note: 'value written again (--force-secrets)' });
      else add({ kind: 'secret', name: s.name, action: 'unchanged', note: 'value not compared (write-only)' });
    }
  }
  if (secrets !== UNKNOWN) for (const a of secrets) if (!f.secrets?.some((s: SecretSpec) => s.name === a.name)) prune({ kind: 'secret', name: a.name });

  // Secret references.
  const refs = view.secretReferences;
  for (const [i, r] of (f.secretReferences ?? []).entries()) {
    const where = `secretReferences.${i}`;
    if (refs === UNKNOWN) {
      add({ kind: 'secret-reference', name: r.name, action: 'unknown', note: 'the server does not list secret references: created unless it exists' });
      continue;
    }
    const actual = refs.find((x) => x.name === r.name);
    if (!actual) {
      add({ kind: 'secret-reference', name: r.name, action: 'create' });
      continue;
    }
    const fields = diffValues(secretRefActual(actual), secretRefDesired(r, agents, where));
    if (fields.length) add({ kind: 'secret-reference', name: r.name, action: 'replace', fields, note: 'secret references cannot be updated' });
    else if (opts.forceSecrets && r.secretValue) add({ kind: 'secret-reference', name: r.name, action: 'replace', note: 'value written again (--force-secrets)' });
    else add({ kind: 'secret-reference', name: r.name, action: 'unchanged', ...(r.secretValue ? { note: 'value not compared (write-only)' } : {}) });
  }
  if (refs !== UNKNOWN) for (const a of refs) if (!f.secretReferences?.some((r) => r.name === a.name)) prune({ kind: 'secret-reference', name: a.name });

  // The warehouse connection, then the other connections.
  const declared = new Set<string>();
  if (f.warehouseConnection) {
    const w = f.warehouseConnection;
    declared.add(w.name);
    const actual = view.connections.find((c) => c.name === w.name);
    const desired = { platformConnectionType: 'DWH', authProvider: f.project.warehouse, authType: w.authType ?? warehouseAuthType(f.project.warehouse), connectionDetails: w.connectionDetails };
    if (!actual) add({ kind: 'warehouse-connection', name: w.name, action: 'create' });
    else {
      const a = connectionActual(actual);
      const fields = diffValues({ ...a, authProvider: a.authProvider?.toUpperCase() }, desired);
      const kindChanged = fields.some((x) => x.path === 'platformConnectionType' || x.path === 'authProvider');
      add({ kind: 'warehouse-connection', name: w.name, action: fields.length ? (kindChanged ? 'replace' : 'update') : 'unchanged', fields });
    }
  }
  for (const c of f.connections ?? []) {
    declared.add(c.name);
    const actual = view.connections.find((x) => x.name === c.name);
    if (!actual) {
      add({ kind: 'connection', name: c.name, action: 'create' });
      continue;
    }
    const fields = diffValues(connectionActual(actual), connectionDesired(c));
    const kindChanged = fields.some((x) => x.path === 'platformConnectionType');
    add({ kind: 'connection', name: c.name, action: fields.length ? (kindChanged ? 'replace' : 'update') : 'unchanged', fields, ...(kindChanged ? { note: 'a connection does not change kind' } : {}) });
  }
  for (const a of view.connections) {
    if (declared.has(a.name)) continue;
    if (a.platformConnectionType === 'DWH' && !f.warehouseConnection) continue; // not managed by this file
    prune({ kind: a.platformConnectionType === 'DWH' ? 'warehouse-connection' : 'connection', name: a.name });
  }

  // Environments and their overrides.
  for (const [i, e] of (f.environments ?? []).entries()) {
    const where = `environments.${i}`;
    const actual = view.environments.find((x) => x.name === e.name);
    const dwh = dwhConnectionOf(f, e);
    let envFresh = false;
    if (!actual) {
      add({ kind: 'environment', name: e.name, action: 'create' });
      envFresh = true;
    } else {
      const fields = diffValues(environmentActual(actual), environmentDesired(f, e, agents, where));
      if (fields.length) {
        add({ kind: 'environment', name: e.name, action: 'replace', fields, note: 'the API cannot update an environment: deleted with its overrides, then created' });
        envFresh = true;
      } else add({ kind: 'environment', name: e.name, action: 'unchanged' });
    }
    if (!envFresh) environmentDesired(f, e, agents, where); // resolve references now, so plan reports bad ones
    if (!e.connectionOverrides.some((o) => o.connectionName === dwh)) throw new PlanError(`${where}.connectionOverrides: must include the default DWH connection "${dwh}" (its credentials)`);
    const actualOverrides = envFresh ? [] : (view.overrides.get(e.name) ?? []);
    for (const o of e.connectionOverrides) {
      const name = `${e.name}/${o.connectionName}`;
      const withEnvironment = envFresh && o.connectionName === dwh;
      const a = actualOverrides.find((x) => x.name === o.connectionName);
      if (!a) {
        add({ kind: 'override', name, environment: e.name, action: 'create', withEnvironment, ...(withEnvironment ? { note: 'sent with the environment' } : {}) });
        continue;
      }
      const fields = diffValues(overrideActual(a), overrideDesired(f, o, view));
      add({ kind: 'override', name, environment: e.name, action: fields.length ? 'update' : 'unchanged', fields });
    }
    for (const a of actualOverrides) if (!e.connectionOverrides.some((o) => o.connectionName === a.name)) prune({ kind: 'override', name: `${e.name}/${a.name}`, environment: e.name });
  }
  for (const a of view.environments) if (!f.environments?.some((e) => e.name === a.name)) prune({ kind: 'environment', name: a.name });

  // The repository: associated once, never changed by the API.
  if (f.repository) {
    const r = f.repository;
    const repo = view.repository;
    if (repo === UNKNOWN) add({ kind: 'repository', name: r.repositoryName, action: 'unknown', note: 'the server does not show repositories: associated unless the project has one' });
    else if (!repo) add({ kind: 'repository', name: r.repositoryName, action: 'create' });
    else {
      const norm = (x: { provider: string; repositoryName: string; providerParameters: Record<string, unknown> }) => ({
        provider: x.provider,
        repositoryName: x.repositoryName,
        providerParameters: Object.fromEntries(Object.entries(x.providerParameters ?? {}).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])),
      });
      const fields = diffValues(norm(repo), norm(r));
      add({ kind: 'repository', name: r.repositoryName, action: fields.length ? 'unsupported' : 'unchanged', fields, ...(fields.length ? { note: 'the API cannot change or remove a project’s repository' } : {}) });
    }
  }

  // Deletions last, dependants first.
  const order: Kind[] = ['override', 'environment', 'connection', 'warehouse-connection', 'secret-reference', 'secret'];
  const deletions = changes.filter((c) => c.action === 'delete').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const rest = changes.filter((c) => c.action !== 'delete');
  return { projectName: f.project.name, changes: [...rest, ...deletions], unmanaged, warnings };

  function prune(r: { kind: Kind; name: string; environment?: string }) {
    if (opts.allowDelete) changes.push({ ...r, action: 'delete', fields: [] });
    else unmanaged.push({ kind: r.kind, name: r.name });
  }
}
