/**
 * One planner per resource kind, run by `computePlan` (../diff.ts) in dependency order. Each
 * compares what the file declares with what the server has, by name, and records the changes;
 * what the server has and the file does not declare is pruned (see `PlanBuilder.prune`).
 */
import type { ConnectionSpec, EnvironmentSpec, ProjectFile, RepositorySpec, SecretSpec } from '../spec.js';
import { UNKNOWN, type ActualState, type Connection, type EnvironmentSummary, type Override, type SecretReference, type SecretValueInfo } from '../state.js';
import { Agents, dwhConnectionOf, environmentDesired, lowerKeys, overrideDesired, secretRefDesired, warehouseAuthType } from './desired.js';
import { diffValues, PlanError, type Change, type FieldChange, type Kind, type Plan, type PlanOptions } from './model.js';

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
/** A provider parameter and its text compare equal (YAML reads `123` as a number). */
const repositoryView = (x: { provider: string; repositoryName: string; providerParameters: Record<string, unknown> }) => ({
  provider: x.provider,
  repositoryName: x.repositoryName,
  providerParameters: Object.fromEntries(Object.entries(x.providerParameters ?? {}).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])),
});

// ---- recording changes -------------------------------------------------------------------------------

/** Collects the changes in the order the planners find them. */
export class PlanBuilder {
  readonly changes: Change[] = [];
  readonly unmanaged: Plan['unmanaged'] = [];
  constructor(private readonly allowDelete: boolean | undefined) {}
  add(c: Omit<Change, 'fields'> & { fields?: FieldChange[] }) {
    this.changes.push({ fields: [], ...c });
  }
  /** A resource on the server that the file does not declare: deleted only with --allow-delete, otherwise reported as kept. */
  prune(r: { kind: Kind; name: string; environment?: string }) {
    if (this.allowDelete) this.changes.push({ ...r, action: 'delete', fields: [] });
    else this.unmanaged.push({ kind: r.kind, name: r.name });
  }
}

/** What the planners of a project's children share. */
export interface PlanContext {
  file: ProjectFile;
  /** The server's state as the children see it: empty when the project is created or replaced. */
  view: ActualState;
  agents: Agents;
  opts: PlanOptions;
  out: PlanBuilder;
}

// ---- the planners ----------------------------------------------------------------------------------

/** The project. Returns whether it is created or replaced, in which case every child is created afresh. */
export function planProject(f: ProjectFile, state: ActualState, out: PlanBuilder): boolean {
  if (!state.project) {
    out.add({ kind: 'project', name: f.project.name, action: 'create' });
    return true;
  }
  const fields = diffValues(projectView(state.project), projectView(f.project));
  if (fields.length) {
    out.add({ kind: 'project', name: f.project.name, action: 'replace', fields, note: 'the API cannot update a project: it is deleted with everything in it, then created' });
    return true;
  }
  out.add({ kind: 'project', name: f.project.name, action: 'unchanged' });
  return false;
}

/** The state the children of a created or replaced project are planned against: nothing yet. */
export const emptyProject = (state: ActualState): ActualState => ({ ...state, project: undefined, hostedAgent: undefined, secrets: [], secretReferences: [], connections: [], environments: [], overrides: new Map(), repository: undefined });

/** Hosted secret values (write-only: compared by type and key only). */
export function planSecrets({ file: f, view, opts, out }: PlanContext) {
  const secrets = view.secrets;
  for (const s of f.secrets ?? []) {
    if (secrets === UNKNOWN) {
      out.add({ kind: 'secret', name: s.name, action: 'unknown', note: 'the server does not list secrets: created unless it exists' });
      continue;
    }
    const actual = secrets.find((x: SecretValueInfo) => x.name === s.name);
    if (!actual) out.add({ kind: 'secret', name: s.name, action: 'create' });
    else {
      const fields = diffValues(secretView(actual), secretView(s));
      if (fields.length) out.add({ kind: 'secret', name: s.name, action: 'replace', fields, note: 'secrets cannot be updated' });
      else if (opts.forceSecrets) out.add({ kind: 'secret', name: s.name, action: 'replace', note: 'value written again (--force-secrets)' });
      else out.add({ kind: 'secret', name: s.name, action: 'unchanged', note: 'value not compared (write-only)' });
    }
  }
  if (secrets !== UNKNOWN) for (const a of secrets) if (!f.secrets?.some((s: SecretSpec) => s.name === a.name)) out.prune({ kind: 'secret', name: a.name });
}

export function planSecretReferences({ file: f, view, agents, opts, out }: PlanContext) {
  const refs = view.secretReferences;
  for (const [i, r] of (f.secretReferences ?? []).entries()) {
    const where = `secretReferences.${i}`;
    if (refs === UNKNOWN) {
      out.add({ kind: 'secret-reference', name: r.name, action: 'unknown', note: 'the server does not list secret references: created unless it exists' });
      continue;
    }
    const actual = refs.find((x) => x.name === r.name);
    if (!actual) {
      out.add({ kind: 'secret-reference', name: r.name, action: 'create' });
      continue;
    }
    const fields = diffValues(secretRefActual(actual), secretRefDesired(r, agents, where));
    if (fields.length) out.add({ kind: 'secret-reference', name: r.name, action: 'replace', fields, note: 'secret references cannot be updated' });
    else if (opts.forceSecrets && r.secretValue) out.add({ kind: 'secret-reference', name: r.name, action: 'replace', note: 'value written again (--force-secrets)' });
    else out.add({ kind: 'secret-reference', name: r.name, action: 'unchanged', ...(r.secretValue ? { note: 'value not compared (write-only)' } : {}) });
  }
  if (refs !== UNKNOWN) for (const a of refs) if (!f.secretReferences?.some((r) => r.name === a.name)) out.prune({ kind: 'secret-reference', name: a.name });
}

/** The warehouse connection, then the other connections; then the server's undeclared ones. */
export function planConnections(ctx: PlanContext) {
  const { file: f, view, out } = ctx;
  const declared = new Set<string>();
  if (f.warehouseConnection) planWarehouseConnection(ctx, declared);
  for (const c of f.connections ?? []) planConnection(ctx, c, declared);
  for (const a of view.connections) {
    if (declared.has(a.name)) continue;
    if (a.platformConnectionType === 'DWH' && !f.warehouseConnection) continue; // not managed by this file
    out.prune({ kind: a.platformConnectionType === 'DWH' ? 'warehouse-connection' : 'connection', name: a.name });
  }
}

function planWarehouseConnection({ file: f, view, out }: PlanContext, declared: Set<string>) {
  const w = f.warehouseConnection!;
  declared.add(w.name);
  const actual = view.connections.find((c) => c.name === w.name);
  const desired = { platformConnectionType: 'DWH', authProvider: f.project.warehouse, authType: w.authType ?? warehouseAuthType(f.project.warehouse), connectionDetails: w.connectionDetails };
  if (!actual) return out.add({ kind: 'warehouse-connection', name: w.name, action: 'create' });
  const a = connectionActual(actual);
  const fields = diffValues({ ...a, authProvider: a.authProvider?.toUpperCase() }, desired);
  const kindChanged = fields.some((x) => x.path === 'platformConnectionType' || x.path === 'authProvider');
  out.add({ kind: 'warehouse-connection', name: w.name, action: fields.length ? (kindChanged ? 'replace' : 'update') : 'unchanged', fields });
}

function planConnection({ view, out }: PlanContext, c: ConnectionSpec, declared: Set<string>) {
  declared.add(c.name);
  const actual = view.connections.find((x) => x.name === c.name);
  if (!actual) return out.add({ kind: 'connection', name: c.name, action: 'create' });
  const fields = diffValues(connectionActual(actual), connectionDesired(c));
  const kindChanged = fields.some((x) => x.path === 'platformConnectionType');
  out.add({ kind: 'connection', name: c.name, action: fields.length ? (kindChanged ? 'replace' : 'update') : 'unchanged', fields, ...(kindChanged ? { note: 'a connection does not change kind' } : {}) });
}

/** Environments and their overrides; then the server's undeclared environments. */
export function planEnvironments(ctx: PlanContext) {
  const { file: f, view, out } = ctx;
  for (const [i, e] of (f.environments ?? []).entries()) planEnvironment(ctx, e, `environments.${i}`);
  for (const a of view.environments) if (!f.environments?.some((e) => e.name === a.name)) out.prune({ kind: 'environment', name: a.name });
}

function planEnvironment(ctx: PlanContext, e: EnvironmentSpec, where: string) {
  const { file: f, view, agents, out } = ctx;
  const actual = view.environments.find((x) => x.name === e.name);
  const dwh = dwhConnectionOf(f, e);
  let envFresh = false;
  if (!actual) {
    out.add({ kind: 'environment', name: e.name, action: 'create' });
    envFresh = true;
  } else {
    const fields = diffValues(environmentActual(actual), environmentDesired(f, e, agents, where));
    if (fields.length) {
      out.add({ kind: 'environment', name: e.name, action: 'replace', fields, note: 'the API cannot update an environment: deleted with its overrides, then created' });
      envFresh = true;
    } else out.add({ kind: 'environment', name: e.name, action: 'unchanged' });
  }
  if (!envFresh) environmentDesired(f, e, agents, where); // resolve references now, so plan reports bad ones
  if (!e.connectionOverrides.some((o) => o.connectionName === dwh)) throw new PlanError(`${where}.connectionOverrides: must include the default DWH connection "${dwh}" (its credentials)`);
  planOverrides(ctx, e, envFresh, dwh);
}

/** The overrides of one environment. A created environment carries its DWH override in its create request. */
function planOverrides({ file: f, view, out }: PlanContext, e: EnvironmentSpec, envFresh: boolean, dwh: string | undefined) {
  const actualOverrides = envFresh ? [] : (view.overrides.get(e.name) ?? []);
  for (const o of e.connectionOverrides) {
    const name = `${e.name}/${o.connectionName}`;
    const withEnvironment = envFresh && o.connectionName === dwh;
    const a = actualOverrides.find((x) => x.name === o.connectionName);
    if (!a) {
      out.add({ kind: 'override', name, environment: e.name, action: 'create', withEnvironment, ...(withEnvironment ? { note: 'sent with the environment' } : {}) });
      continue;
    }
    const fields = diffValues(overrideActual(a), overrideDesired(f, o, view));
    out.add({ kind: 'override', name, environment: e.name, action: fields.length ? 'update' : 'unchanged', fields });
  }
  for (const a of actualOverrides) if (!e.connectionOverrides.some((o) => o.connectionName === a.name)) out.prune({ kind: 'override', name: `${e.name}/${a.name}`, environment: e.name });
}

/** The repository: associated once, never changed by the API. */
export function planRepository({ file: f, view, out }: PlanContext) {
  if (!f.repository) return;
  const r: RepositorySpec = f.repository;
  const repo = view.repository;
  if (repo === UNKNOWN) out.add({ kind: 'repository', name: r.repositoryName, action: 'unknown', note: 'the server does not show repositories: associated unless the project has one' });
  else if (!repo) out.add({ kind: 'repository', name: r.repositoryName, action: 'create' });
  else {
    const fields = diffValues(repositoryView(repo), repositoryView(r));
    out.add({ kind: 'repository', name: r.repositoryName, action: fields.length ? 'unsupported' : 'unchanged', fields, ...(fields.length ? { note: 'the API cannot change or remove a project’s repository' } : {}) });
  }
}

/** Deletions last, dependants first (overrides before their environment, and so on). */
export function deletionsLast(changes: Change[]): Change[] {
  const order: Kind[] = ['override', 'environment', 'connection', 'warehouse-connection', 'secret-reference', 'secret'];
  const deletions = changes.filter((c) => c.action === 'delete').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const rest = changes.filter((c) => c.action !== 'delete');
  return [...rest, ...deletions];
}
