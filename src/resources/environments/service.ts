import type { ProjectAccess } from '../../core/access.js';
import type { Audit, AuditEventInput } from '../../core/audit.js';
import { iso } from '../../core/clock.js';
import { projectGrantKey } from '../../core/grants.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, invalid, notFound, Violations } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { AgentsService } from '../agents/service.js';
import type { ConnectionRecord, ConnectionsService } from '../connections/service.js';
import { cleanWarehouseProperties, CLOUD_PROVIDERS, type Json, type SecretPointer, type Warehouse } from '../connections/rules.js';
import type { EnvironmentOverridesService } from '../environment-overrides/service.js';
import type { SecretReferencesService } from '../secret-references/service.js';
import type { SecretsService } from '../secrets/service.js';
import type { EnvironmentRow, EnvironmentsRepo } from './store.js';

export type { EnvironmentRow };

export interface CreateEnvironmentInput {
  name: string;
  displayName?: string;
  description?: string;
  defaultAgentId: string;
  defaultUserAccessLevel: string;
  defaultConnections: { DWH: Record<string, string>; CLOUD_PLATFORM?: Record<string, string> };
  connectionOverrides: { connectionName: string; connectionProperties: Record<string, unknown> }[];
}

export interface EnvironmentsDeps {
  db: Db;
  audit: Audit;
  projects: ProjectAccess;
  connections: Pick<ConnectionsService, 'findByName'>;
  environments: EnvironmentsRepo;
  agents: Pick<AgentsService, 'lookup'>;
  secrets: Pick<SecretsService, 'findHosted'>;
  references: Pick<SecretReferencesService, 'exists'>;
  /** The overrides resource's part of creating and reading an environment. */
  overrides: Pick<EnvironmentOverridesService, 'insertIn' | 'listFor'>;
  clock: () => Date;
  /**
   * Members' cached grants hold every environment of their projects with its default, so an
   * environment created, deleted or given a new default is announced (in its transaction) and
   * evicted (after commit) for the whole project.
   */
  grants: Pick<CredentialChanges, 'announce' | 'committed'>;
}

/**
 * Resources with per-environment state join an environment's deletion through these (the
 * environments resource does not know them): each runs inside the deletion transaction, after
 * the environment row is gone, with the deleting actor for its own audit events.
 */
export interface EnvironmentHooks {
  beforeDelete(trx: Db, actor: Actor, env: EnvironmentRow): Promise<void>;
}

export interface UpdateEnvironmentInput {
  displayName?: string | null;
  description?: string | null;
  defaultUserAccessLevel?: string;
}

/** A default connection of a new environment, as environments.insert links it. */
type DefaultConnection = { kind: string; connection_id: string };

/** A validated override of a new environment, with the secret pointers it names. */
type NewOverride = { connection: ConnectionRecord; stored: Json; pointers: SecretPointer[] };

const summary = (r: EnvironmentRow, agentName: string | undefined) => ({
  name: r.name,
  ...(r.display_name !== null ? { displayName: r.display_name } : {}),
  ...(r.description !== null ? { description: r.description } : {}),
  defaultAgentId: r.default_agent_id,
  ...(agentName !== undefined ? { defaultAgentName: agentName } : {}),
  defaultUserAccessLevel: r.default_user_access_level,
  defaultConnections: JSON.parse(r.default_connections) as Json,
});

type AgentNames = Map<string, string | undefined>;

/** An environment's audit event (its overrides created with it are named, not their properties). */
const environmentEvent = (
  eventName: 'environment_created' | 'environment_updated' | 'environment_deleted',
  row: Pick<EnvironmentRow, 'id' | 'name' | 'project_id'>,
  additionalInfo: Record<string, unknown> = {},
): AuditEventInput => ({
  eventName,
  eventType: eventName === 'environment_created' ? 'CREATE' : eventName === 'environment_updated' ? 'UPDATE' : 'DELETE',
  description: eventName === 'environment_created' ? 'Environment created' : eventName === 'environment_updated' ? 'Environment updated' : 'Environment deleted',
  subjectType: 'ENVIRONMENT',
  subjectId: row.id,
  subjectName: row.name,
  projectId: row.project_id,
  additionalInfo,
});

async function agentName(d: Pick<EnvironmentsDeps, 'agents'>, accountId: string, id: string, cache: AgentNames = new Map()) {
  if (!cache.has(id)) cache.set(id, (await d.agents.lookup(accountId, id))?.name);
  return cache.get(id);
}

/**
 * A secret pointer resolves to a hosted secret of the environment's default agent (whose key
 * must be `secretKey`) or to a secret reference of the project. Every pointer here is a
 * warehouse credential (password, private key, passphrase), so a hosted secret must be of type
 * DWH_PASSWORD: a CLOUD_PROVIDER_SECRET holds cloud credentials JSON, not a warehouse secret.
 */
async function resolveSecrets(d: Pick<EnvironmentsDeps, 'secrets' | 'references'>, v: Violations, projectId: string, agentId: string, pointers: SecretPointer[]) {
  for (const p of pointers) {
    const hosted = await d.secrets.findHosted(agentId, p.secretName);
    if (hosted) {
      if (hosted.type !== 'DWH_PASSWORD') v.add(`${p.field}.secretName`, `must name a DWH_PASSWORD hosted secret ("${p.secretName}" is a ${hosted.type})`);
      else if (hosted.secretKey !== p.secretKey) v.add(`${p.field}.secretKey`, `must be the key of hosted secret "${p.secretName}"`);
      continue;
    }
    if (await d.references.exists(projectId, p.secretName)) continue;
    v.add(`${p.field}.secretName`, `must name a hosted secret of the default agent ${agentId} or a secret reference of the project`);
  }
}

async function requireEnvironment(d: Pick<EnvironmentsDeps, 'environments'>, projectId: string, name: string, field: string) {
  const env = await d.environments.findByName(projectId, name);
  if (!env) throw notFound(`Environment "${name}" not found in project ${projectId}`, [{ field, rule: `no environment named "${name}" in the project` }]);
  return env;
}

/** The default agent: of this account, and allowed for this project. */
async function defaultAgent(d: Pick<EnvironmentsDeps, 'agents'>, actor: Actor, projectId: string, agentId: string) {
  // Agent ids are stored in lower case; an upper-case UUID names the same agent.
  const agent = await d.agents.lookup(actor.accountId, agentId.toLowerCase());
  if (!agent) throw invalid('defaultAgentId', 'must name an agent of this account');
  if (!agent.usableBy(projectId)) {
    throw invalid('defaultAgentId', `agent ${agent.id} is not allowed for this project (it is another project's hosted agent, or its allow list does not name the project)`);
  }
  return agent;
}

/** defaultConnections: each names a connection of the project of the right kind and provider. */
async function checkDefaults(d: Pick<EnvironmentsDeps, 'connections'>, v: Violations, projectId: string, given: CreateEnvironmentInput['defaultConnections']) {
  const defaults: DefaultConnection[] = [];
  let dwh: ConnectionRecord | undefined;
  for (const kind of ['DWH', 'CLOUD_PLATFORM'] as const) {
    const entry = given[kind];
    if (!entry) continue;
    const [key, connName] = Object.entries(entry)[0]!;
    const field = `defaultConnections.${kind}.${key}`;
    const providers: readonly string[] = kind === 'DWH' ? ['snowflake', 'redshift'] : CLOUD_PROVIDERS;
    if (!providers.includes(key.toLowerCase())) {
      v.add(`defaultConnections.${kind}`, `key must be one of: ${providers.join(', ')} (got "${key}")`);
      continue;
    }
    const conn = await d.connections.findByName(projectId, connName);
    const wantType = kind === 'DWH' ? 'DWH' : 'CLOUD_PLATFORM_CREDENTIALS';
    if (!conn) v.add(field, `must name a connection of the project (none is named "${connName}")`);
    else if (conn.platform_connection_type !== wantType) v.add(field, `must name a ${wantType} connection ("${connName}" is ${conn.platform_connection_type})`);
    else if (conn.auth_provider?.toLowerCase() !== key.toLowerCase()) v.add(field, `must name a connection whose authProvider is ${key} ("${connName}" is ${conn.auth_provider})`);
    else {
      defaults.push({ kind, connection_id: conn.id });
      if (kind === 'DWH') dwh = conn;
    }
  }
  return { defaults, dwh };
}

/** connectionOverrides of a new environment: the warehouse credentials of its default DWH connection. */
function checkOverrides(v: Violations, dwh: ConnectionRecord, given: CreateEnvironmentInput['connectionOverrides']) {
  const out: NewOverride[] = [];
  given.forEach((o, i) => {
    const field = `connectionOverrides[${i}]`;
    if (o.connectionName !== dwh.name) {
      v.add(`${field}.connectionName`, `must name the environment's default DWH connection ("${dwh.name}")`);
      return;
    }
    if (out.some((x) => x.connection.id === dwh.id)) {
      v.add(`${field}.connectionName`, `overrides "${o.connectionName}" a second time`);
      return;
    }
    const r = cleanWarehouseProperties(v, `${field}.connectionProperties`, dwh.auth_provider as Warehouse, o.connectionProperties);
    out.push({ connection: dwh, stored: { connectionProperties: r.props }, pointers: r.secrets });
  });
  return out;
}

async function createEnvironment(d: EnvironmentsDeps, actor: Actor, projectId: string, input: CreateEnvironmentInput) {
  await d.projects.require(actor, projectId, 'projects.write');
  const agent = await defaultAgent(d, actor, projectId, input.defaultAgentId);
  const v = new Violations();
  const { defaults, dwh } = await checkDefaults(d, v, projectId, input.defaultConnections);
  v.throwIfAny();
  const stored = checkOverrides(v, dwh!, input.connectionOverrides);
  if (v.empty) await resolveSecrets(d, v, projectId, agent.id, stored.flatMap((o) => o.pointers));
  v.throwIfAny();

  const now = iso(d.clock());
  const row: EnvironmentRow = {
    id: orderedId(),
    project_id: projectId,
    name: input.name,
    display_name: input.displayName ?? null,
    description: input.description ?? null,
    default_agent_id: agent.id,
    default_user_access_level: input.defaultUserAccessLevel,
    default_connections: JSON.stringify(input.defaultConnections),
    created_by: actor.clientId,
    created_at: now,
    updated_at: now,
  };
  await insertEnvironment(d, actor, row, defaults, stored);
  return {
    ...summary(row, agent.name),
    connectionOverrides: stored.map((o) => ({ connectionName: o.connection.name, ...o.stored })),
  };
}

/** The environment, its default-connection links and its overrides in one transaction. */
async function insertEnvironment(d: EnvironmentsDeps, actor: Actor, row: EnvironmentRow, defaults: DefaultConnection[], stored: NewOverride[]) {
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.environments.insert(row, defaults, trx);
      await d.overrides.insertIn(trx, row, stored.map((o) => ({ connection: o.connection, stored: o.stored })), actor.clientId, row.created_at);
      const info = { defaultAgentId: row.default_agent_id, defaultUserAccessLevel: row.default_user_access_level, connectionOverrides: stored.map((o) => o.connection.name) };
      await d.audit.record(trx, actor, environmentEvent('environment_created', row, info));
      await d.grants.announce(trx, [projectGrantKey(row.project_id)]);
    });
    d.grants.committed([projectGrantKey(row.project_id)]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`An environment named "${row.name}" already exists in this project`, [{ field: 'name', rule: 'must be unique within the project' }]);
    if (isForeignKeyViolation(err) && !(await d.projects.find(actor.accountId, row.project_id))) throw notFound(`Project ${row.project_id} not found`);
    if (isForeignKeyViolation(err)) throw conflict('A default connection was deleted while the environment was being created', [{ field: 'defaultConnections', rule: 'a named connection no longer exists' }]);
    throw err;
  }
}

async function listEnvironments(d: EnvironmentsDeps, actor: Actor, projectId: string, q: PageQuery) {
  await d.projects.require(actor, projectId, 'projects.read');
  const w = pageWindow(q);
  const { rows, total } = await d.environments.page(projectId, w.offset, w.limit);
  const cache: AgentNames = new Map();
  const names = await Promise.all(rows.map((r) => agentName(d, actor.accountId, r.default_agent_id, cache)));
  return toPage(w, total, rows.map((r, i) => [r, names[i]] as const), ([r, n]) => summary(r, n));
}

async function getEnvironment(d: EnvironmentsDeps, actor: Actor, projectId: string, name: string) {
  await d.projects.requireEnvironment(actor, projectId, name, 'environment.view');
  const env = await requireEnvironment(d, projectId, name, 'environmentName');
  const list = await d.overrides.listFor(env.id);
  return {
    ...summary(env, await agentName(d, actor.accountId, env.default_agent_id)),
    connectionOverrides: list.map((o) => ({ connectionName: o.connectionName, ...o.overrides })),
  };
}

async function deleteEnvironment(d: EnvironmentsDeps, hooks: EnvironmentHooks[], actor: Actor, projectId: string, name: string) {
  await d.projects.requireEnvironment(actor, projectId, name, 'environment.delete');
  const env = await requireEnvironment(d, projectId, name, 'environmentName');
  const keys = [projectGrantKey(projectId)];
  // Overrides, default-connection links and explicit environment roles cascade; state kept by
  // environment name (schedules) goes through the hooks, in this transaction.
  await d.db.transaction().execute(async (trx) => {
    if (await d.environments.delete(env.id, trx)) {
      await d.audit.record(trx, actor, environmentEvent('environment_deleted', env));
      for (const h of hooks) await h.beforeDelete(trx, actor, env);
    }
    await d.grants.announce(trx, keys);
  });
  d.grants.committed(keys);
}

/** displayName, description, defaultUserAccessLevel (the last re-applies to members on the default). */
async function updateEnvironment(d: EnvironmentsDeps, actor: Actor, projectId: string, name: string, input: UpdateEnvironmentInput) {
  await d.projects.requireEnvironment(actor, projectId, name, 'environment.manage');
  const env = await requireEnvironment(d, projectId, name, 'environmentName');
  const fields = {
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.defaultUserAccessLevel !== undefined ? { default_user_access_level: input.defaultUserAccessLevel } : {}),
    updated_at: iso(d.clock()),
  };
  const keys = [projectGrantKey(projectId)];
  const done = await d.db.transaction().execute(async (trx) => {
    if (!(await d.environments.update(env.id, fields, trx))) return false;
    const changed = Object.keys(input).filter((k) => input[k as keyof UpdateEnvironmentInput] !== undefined);
    await d.audit.record(trx, actor, environmentEvent('environment_updated', env, { changed, ...(fields.default_user_access_level !== undefined ? { defaultUserAccessLevel: fields.default_user_access_level } : {}) }));
    if (fields.default_user_access_level !== undefined) await d.grants.announce(trx, keys);
    return true;
  });
  if (!done) throw notFound(`Environment "${name}" not found in project ${projectId}`, [{ field: 'environmentName', rule: `no environment named "${name}" in the project` }]);
  if (fields.default_user_access_level !== undefined) d.grants.committed(keys);
  return getEnvironment(d, actor, projectId, name);
}

/** Environments of a project (their connection overrides are the environment-overrides resource). */
export function createEnvironmentsService(d: EnvironmentsDeps) {
  const hooks: EnvironmentHooks[] = [];
  return {
    create: (actor: Actor, projectId: string, input: CreateEnvironmentInput) => createEnvironment(d, actor, projectId, input),
    list: (actor: Actor, projectId: string, q: PageQuery) => listEnvironments(d, actor, projectId, q),
    get: (actor: Actor, projectId: string, name: string) => getEnvironment(d, actor, projectId, name),
    delete: (actor: Actor, projectId: string, name: string) => deleteEnvironment(d, hooks, actor, projectId, name),
    update: (actor: Actor, projectId: string, name: string, input: UpdateEnvironmentInput) => updateEnvironment(d, actor, projectId, name, input),

    /** In-process: join every environment's deletion (see EnvironmentHooks). */
    addHooks: (h: EnvironmentHooks) => void hooks.push(h),
    // In-process, for the environment-overrides resource.
    find: (projectId: string, name: string, field: string) => requireEnvironment(d, projectId, name, field),
    resolveSecrets: (v: Violations, projectId: string, agentId: string, pointers: SecretPointer[]) => resolveSecrets(d, v, projectId, agentId, pointers),
  };
}
export type EnvironmentsService = ReturnType<typeof createEnvironmentsService>;
