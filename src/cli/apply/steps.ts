/**
 * One step per resource kind: how apply carries out a pending change of that kind (see
 * ../apply.ts for the rules). A replace is the delete, then the create; every create goes through
 * the SDK's create rule with a find by name, so a retried create never duplicates.
 */
import { Agents, desiredDefaultConnections, dwhConnectionOf, environmentDesired, needsDelete, overrideAuthType, secretRefDesired, warehouseAuthType, type Change, type Kind } from '../diff.js';
import { jsonOrText } from '../spec.js';
import { all, findProject, hostedAgentOf, listAgents } from '../state.js';
import { createTolerant, extensionFind, type ApplyContext } from './context.js';

type Step = (ctx: ApplyContext, c: Change) => Promise<void>;

/** Carries out one pending change. */
export const applyChange: Step = (ctx, c) => STEPS[c.kind](ctx, c);

const STEPS: Record<Kind, Step> = {
  project: applyProject,
  secret: applySecret,
  'secret-reference': applySecretReference,
  'warehouse-connection': applyWarehouseConnection,
  connection: applyConnection,
  environment: applyEnvironment,
  override: applyOverride,
  repository: (ctx, c) => createRepository(ctx, c.action === 'unknown'),
};

// ---- the project -----------------------------------------------------------------------------------

async function applyProject(ctx: ApplyContext, c: Change) {
  if (c.action === 'replace') await ctx.api.DELETE('/v1/projects/{projectId}', { params: { path: ctx.project() } });
  await createProject(ctx);
}

async function createProject(ctx: ApplyContext) {
  const { api, file: f } = ctx;
  const body = { name: f.project.name, warehouse: f.project.warehouse, agentDeploymentType: f.project.agentDeploymentType, ...(f.project.description !== undefined ? { description: f.project.description } : {}) };
  const r = await api.create('/v1/projects', { body }, () => findProject(api, f.project.name));
  ctx.projectId = r.adopted ? r.existing!.id : r.data!.projectId;
  // The project's hosted agent exists from now on: resolve `hosted` against it.
  const listed = await listAgents(api);
  ctx.state = { ...ctx.state, agents: listed.agents, agentsReadable: listed.readable, hostedAgent: hostedAgentOf(listed.agents, ctx.projectId) };
  ctx.agents = new Agents(ctx.state, false);
}

// ---- secrets (values are read from their sources only here) -----------------------------------------

async function applySecret(ctx: ApplyContext, c: Change) {
  if (needsDelete(c)) await ctx.api.DELETE('/v1/secrets/{agentId}/secret-values/{secretName}', { params: { path: { agentId: ctx.hostedAgentId(), secretName: c.name } } });
  if (c.action !== 'delete') await createSecret(ctx, c.name, c.action === 'unknown');
}

async function createSecret(ctx: ApplyContext, name: string, tolerateExisting: boolean) {
  const { api, file: f } = ctx;
  const s = f.secrets!.find((x) => x.name === name)!;
  const raw = ctx.secret(s.value);
  const body = { name: s.name, type: s.type, key: s.key, value: (s.type === 'CLOUD_PROVIDER_SECRET' ? jsonOrText(raw) : raw) as any };
  const find = extensionFind(async () => (await all(api.paginate('/v1/secrets/{agentId}/secret-values', { params: { path: { agentId: ctx.hostedAgentId() } } }))).find((x) => x.name === name));
  await createTolerant(() => api.create('/v1/secrets/{agentId}/secret-value', { params: { path: { agentId: ctx.hostedAgentId() } }, body }, find), tolerateExisting);
}

async function applySecretReference(ctx: ApplyContext, c: Change) {
  if (needsDelete(c)) await ctx.api.DELETE('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { ...ctx.project(), secretReferenceName: c.name } } });
  if (c.action !== 'delete') await createSecretReference(ctx, c.name, c.action === 'unknown');
}

async function createSecretReference(ctx: ApplyContext, name: string, tolerateExisting: boolean) {
  const { api, file: f } = ctx;
  const i = f.secretReferences!.findIndex((x) => x.name === name);
  const r = f.secretReferences![i];
  const d = secretRefDesired(r, ctx.agents, `secretReferences.${i}`);
  const body: Record<string, unknown> = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));
  if (r.secretValue) body.secretValue = jsonOrText(ctx.secret(r.secretValue));
  const find = extensionFind(async () => (await all(api.paginate('/v1/projects/{projectId}/secret-references', { params: { path: ctx.project() } }))).find((s) => s.name === name));
  await createTolerant(() => api.create('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { ...ctx.project(), secretReferenceName: name } }, body: body as any }, find), tolerateExisting);
}

// ---- connections -----------------------------------------------------------------------------------

const findConnection = (ctx: ApplyContext, name: string) => async () => (await all(ctx.api.paginate('/v1/projects/{projectId}/connections', { params: { path: ctx.project(), query: { connectionNames: name } } }))).find((c) => c.name === name);
const deleteConnection = (ctx: ApplyContext, name: string) => ctx.api.DELETE('/v1/projects/{projectId}/connections', { params: { path: ctx.project(), query: { connectionName: name } } });

async function applyWarehouseConnection(ctx: ApplyContext, c: Change) {
  if (c.action === 'update') await updateWarehouseConnection(ctx);
  else {
    if (needsDelete(c)) await deleteConnection(ctx, c.name);
    if (c.action !== 'delete') await createWarehouseConnection(ctx);
  }
}

const warehouseBody = ({ file: f }: ApplyContext) => ({ platformConnectionType: 'DWH' as const, authProvider: f.project.warehouse, authType: f.warehouseConnection!.authType ?? warehouseAuthType(f.project.warehouse) });

/** The create request carries no details: they follow in an update. */
async function createWarehouseConnection(ctx: ApplyContext) {
  const w = ctx.file.warehouseConnection!;
  await ctx.api.create('/v1/projects/{projectId}/data-platform-connections', { params: { path: ctx.project() }, body: { name: w.name, ...warehouseBody(ctx) } }, findConnection(ctx, w.name));
  if (w.connectionDetails) await updateWarehouseConnection(ctx);
}

const updateWarehouseConnection = (ctx: ApplyContext) => {
  const w = ctx.file.warehouseConnection!;
  return ctx.api.PUT('/v1/projects/{projectId}/connections', { params: { path: ctx.project(), query: { connectionName: w.name } }, body: { ...warehouseBody(ctx), connectionDetails: w.connectionDetails } as any });
};

async function applyConnection(ctx: ApplyContext, c: Change) {
  if (c.action === 'update') await updateConnection(ctx, c.name);
  else {
    if (needsDelete(c)) await deleteConnection(ctx, c.name);
    if (c.action !== 'delete') await createConnection(ctx, c.name);
  }
}

const connectionSpec = ({ file: f }: ApplyContext, name: string) => f.connections!.find((c) => c.name === name)!;

function createConnection(ctx: ApplyContext, name: string) {
  const c = connectionSpec(ctx, name);
  return ctx.api.create('/v1/projects/{projectId}/connections', { params: { path: ctx.project() }, body: c as any }, findConnection(ctx, name));
}

/** The update request is the create request without the name (which identifies the connection). */
function updateConnection(ctx: ApplyContext, name: string) {
  const { name: _n, ...c } = connectionSpec(ctx, name);
  return ctx.api.PUT('/v1/projects/{projectId}/connections', { params: { path: ctx.project(), query: { connectionName: name } }, body: c as any });
}

// ---- environments and their overrides ---------------------------------------------------------------

async function applyEnvironment(ctx: ApplyContext, c: Change) {
  if (needsDelete(c)) await ctx.api.DELETE('/v1/projects/{projectId}/environments/{environmentName}', { params: { path: { ...ctx.project(), environmentName: c.name } } });
  if (c.action !== 'delete') await createEnvironment(ctx, c.name);
}

/** An environment is created with its DWH override (the API requires one). */
async function createEnvironment(ctx: ApplyContext, name: string) {
  const { api, file: f } = ctx;
  const i = f.environments!.findIndex((x) => x.name === name);
  const e = f.environments![i];
  const d = environmentDesired(f, e, ctx.agents, `environments.${i}`);
  const dwh = dwhConnectionOf(f, e);
  const o = e.connectionOverrides.find((x) => x.connectionName === dwh)!;
  const body = {
    name: e.name,
    ...(e.displayName !== undefined ? { displayName: e.displayName } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    defaultAgentId: d.defaultAgentId,
    defaultUserAccessLevel: e.defaultUserAccessLevel,
    defaultConnections: desiredDefaultConnections(f, e),
    connectionOverrides: [{ connectionName: dwh, connectionProperties: o.connectionProperties }],
  };
  await api.create('/v1/projects/{projectId}/environments', { params: { path: ctx.project() }, body: body as any }, async () => (await all(api.paginate('/v1/projects/{projectId}/environments', { params: { path: ctx.project() } }))).find((x) => x.name === name));
  // What the create request cannot carry: the override's vault location and another auth type.
  const dwhAuth = overrideAuthType(f, o, ctx.state);
  if (o.secretsLocation || (o.authType && dwhAuth !== warehouseAuthType(f.project.warehouse)))
    await api.PUT('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: ctx.project() }, body: overrideBody(ctx, name, dwh) as any });
}

/** An override's name is `<environment>/<connection>`; one created with its environment needs no step of its own. */
async function applyOverride(ctx: ApplyContext, c: Change) {
  const { api } = ctx;
  const env = c.environment!;
  const conn = c.name.slice(env.length + 1);
  if (c.action === 'delete') await api.DELETE('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: ctx.project(), query: { environmentName: env, connectionNames: conn } } });
  else if (c.action === 'update') await api.PUT('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: ctx.project() }, body: overrideBody(ctx, env, conn) as any });
  else if (!c.withEnvironment) await api.create('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: ctx.project() }, body: overrideBody(ctx, env, conn) as any }, findOverride(ctx, env, conn));
}

function overrideBody({ file: f, state }: ApplyContext, envName: string, connectionName: string) {
  const e = f.environments!.find((x) => x.name === envName)!;
  const o = e.connectionOverrides.find((x) => x.connectionName === connectionName)!;
  return { environmentName: envName, connectionName, authType: overrideAuthType(f, o, state), connectionOverrides: { ...(o.secretsLocation ? { secretsLocation: o.secretsLocation } : {}), connectionProperties: o.connectionProperties } };
}

const findOverride = (ctx: ApplyContext, envName: string, connectionName: string) => async () =>
  (await all(ctx.api.paginate('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: ctx.project(), query: { environmentName: envName } } }))).find((o) => o.name === connectionName);

// ---- the repository --------------------------------------------------------------------------------

async function createRepository(ctx: ApplyContext, tolerateExisting: boolean) {
  const { api } = ctx;
  const r = ctx.file.repository!;
  const headers = r.accessToken ? { 'Git-Provider-Access-Token': ctx.secret(r.accessToken).trim() } : undefined;
  const find = extensionFind(async () => (await api.GET('/v1/projects/{projectId}/repositories', { params: { path: ctx.project() } })).results[0]);
  await createTolerant(
    () => api.create('/v1/projects/{projectId}/repositories', { params: { path: ctx.project(), ...(headers ? { header: headers } : {}) }, body: { provider: r.provider, repositoryName: r.repositoryName, providerParameters: r.providerParameters } as any }, find),
    tolerateExisting,
  );
}
