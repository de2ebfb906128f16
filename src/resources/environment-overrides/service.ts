import type { ProjectAccess } from '../../core/access.js';
import type { Audit, AuditEventInput } from '../../core/audit.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, invalid, notFound, Violations } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import {
  ALL_AUTH_TYPES,
  canonicalEnum,
  checkCombination,
  cleanConnectionProperties,
  COMBINATIONS,
  cleanVaultLocation,
  cleanWarehouseProperties,
  soleProvider,
  WAREHOUSE_AUTH,
  type Json,
  type SecretPointer,
  type Warehouse,
} from '../connections/rules.js';
import type { ConnectionRecord, ConnectionsService } from '../connections/service.js';
import type { OverridesRepo, OverrideWithConnection } from './store.js';

/**
 * Environment connection overrides (`/v1/projects/{projectId}/connections/environment-overrides`):
 * per environment, the credentials and vault location a connection uses there.
 */

export interface OverrideInput {
  environmentName: string;
  connectionName: string;
  authType: string;
  connectionOverrides: { secretsLocation?: Json; connectionProperties: Json };
}

/** An environment as overrides need it (the environments resource's row). */
export interface EnvironmentRecord {
  id: string;
  project_id: string;
  name: string;
  default_agent_id: string;
}

/**
 * What overrides need of the environments resource. Declared here rather than imported: the
 * environments resource creates its overrides through this service, so it depends on this one.
 */
export interface EnvironmentLookup {
  find(projectId: string, name: string, field: string): Promise<EnvironmentRecord>;
  resolveSecrets(v: Violations, projectId: string, agentId: string, pointers: SecretPointer[]): Promise<void>;
}

export interface OverridesDeps {
  db: Db;
  audit: Audit;
  projects: ProjectAccess;
  connections: Pick<ConnectionsService, 'findByName'>;
  environments: EnvironmentLookup;
  overrides: OverridesRepo;
  clock: () => Date;
}

const OVERRIDE_EVENTS = {
  environment_override_created: ['CREATE', 'Environment connection override created'],
  environment_override_updated: ['UPDATE', 'Environment connection override replaced'],
  environment_override_deleted: ['DELETE', 'Environment connection override deleted'],
} as const;

/** An override's audit event: which environment and connection, never the overriding properties. */
const overrideEvent = (eventName: keyof typeof OVERRIDE_EVENTS, id: string, projectId: string, environmentName: string, connectionName: string): AuditEventInput => ({
  eventName,
  eventType: OVERRIDE_EVENTS[eventName][0],
  description: OVERRIDE_EVENTS[eventName][1],
  subjectType: 'ENVIRONMENT_OVERRIDE',
  subjectId: id,
  subjectName: `${environmentName}/${connectionName}`,
  projectId,
  additionalInfo: { environmentName, connectionName },
});

const overrideView = (o: OverrideWithConnection) => ({
  id: o.connection_id,
  name: o.connection_name,
  platformConnectionType: o.platform_connection_type,
  ...(o.auth_provider !== null ? { authProvider: o.auth_provider } : {}),
  authType: o.auth_type,
  projectId: o.project_id,
  environmentName: o.environment_name,
  connectionOverrides: JSON.parse(o.overrides) as Json,
  createdBy: o.created_by,
  createdDate: o.created_at,
});

/** Validate an override body against its connection; the stored form, or a 400. */
async function validateOverride(d: Pick<OverridesDeps, 'environments'>, projectId: string, env: EnvironmentRecord, conn: ConnectionRecord, input: OverrideInput) {
  const v = new Violations();
  const authType = canonicalEnum(v, 'authType', input.authType, ALL_AUTH_TYPES);
  if (authType) checkAuthType(v, conn, authType);
  const { stored, pointers } = cleanOverrides(v, conn, input.connectionOverrides);
  if (v.empty) await d.environments.resolveSecrets(v, projectId, env.default_agent_id, pointers);
  v.throwIfAny();
  return { authType: authType!, stored };
}

/** An override's authType must be one its connection admits. */
function checkAuthType(v: Violations, conn: ConnectionRecord, authType: string) {
  const type = conn.platform_connection_type;
  if (type === 'DWH') {
    const expected = WAREHOUSE_AUTH[conn.auth_provider as Warehouse];
    if (authType !== expected) v.add('authType', `must be ${expected} for the ${conn.auth_provider} connection "${conn.name}"`);
    return;
  }
  const component = type as 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS';
  const about = ` (connection "${conn.name}")`;
  // A connection stored without a provider (before omitted providers were inferred): the
  // provider its own authType implies, when the combination table admits exactly one.
  const provider = conn.auth_provider ?? soleProvider(component, conn.auth_type);
  if (provider !== undefined) checkCombination(v, component, provider, authType, about);
  else if (!COMBINATIONS.some((c) => c.type === component && c.authTypes.includes(authType))) v.add('authType', `is not an authType of ${component} connections${about}`);
}

/** The stored form of `connectionOverrides`, and the secret pointers of a warehouse's properties. */
function cleanOverrides(v: Violations, conn: ConnectionRecord, given: OverrideInput['connectionOverrides']) {
  const base = 'connectionOverrides';
  const type = conn.platform_connection_type;
  const stored: Json = {};
  let pointers: SecretPointer[] = [];
  for (const [k, val] of Object.entries(given)) {
    if (k === 'secretsLocation') stored[k] = cleanVaultLocation(v, `${base}.secretsLocation`, val as Json);
    else if (k === 'connectionProperties') {
      if (type === 'DWH') {
        const r = cleanWarehouseProperties(v, `${base}.connectionProperties`, conn.auth_provider as Warehouse, val as Json);
        stored[k] = r.props;
        pointers = r.secrets;
      } else {
        stored[k] = cleanConnectionProperties(v, `${base}.connectionProperties`, type as 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS', val as Json);
      }
    }
  }
  return { stored, pointers };
}

async function overrideTarget(d: Pick<OverridesDeps, 'projects' | 'environments' | 'connections'>, actor: Actor, projectId: string, input: OverrideInput) {
  // Overrides are the environment's settings: its OWNER and CONTRIBUTOR change them.
  await d.projects.requireEnvironment(actor, projectId, input.environmentName, 'environment.manage');
  const env = await d.environments.find(projectId, input.environmentName, 'environmentName');
  const conn = await d.connections.findByName(projectId, input.connectionName);
  if (!conn) throw notFound(`Connection "${input.connectionName}" not found in project ${projectId}`, [{ field: `connectionName`, rule: `no connection named "${input.connectionName}" in the project` }]);
  return { env, conn };
}

async function createOverride(d: OverridesDeps, actor: Actor, projectId: string, input: OverrideInput) {
  const { env, conn } = await overrideTarget(d, actor, projectId, input);
  if (await d.overrides.find(env.id, conn.id)) {
    throw conflict(`Environment "${env.name}" already overrides connection "${conn.name}"; use PUT to replace it`, [{ field: 'connectionName', rule: 'override already exists for this environment' }]);
  }
  const { authType, stored } = await validateOverride(d, projectId, env, conn, input);
  const now = d.clock().toISOString();
  const row = {
    id: orderedId(),
    project_id: projectId,
    environment_id: env.id,
    connection_id: conn.id,
    auth_type: authType,
    overrides: JSON.stringify(stored),
    created_by: actor.clientId,
    created_at: now,
    updated_at: now,
  };
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.overrides.insert(row, trx);
      await d.audit.record(trx, actor, overrideEvent('environment_override_created', row.id, projectId, env.name, conn.name));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`Environment "${env.name}" already overrides connection "${conn.name}"`, [{ field: 'connectionName', rule: 'override already exists for this environment' }]);
    if (isForeignKeyViolation(err)) throw notFound('The environment or the connection was deleted concurrently');
    throw err;
  }
  return overrideView({ ...row, environment_name: env.name, connection_name: conn.name, platform_connection_type: conn.platform_connection_type, auth_provider: conn.auth_provider });
}

async function replaceOverride(d: OverridesDeps, actor: Actor, projectId: string, input: OverrideInput) {
  const { env, conn } = await overrideTarget(d, actor, projectId, input);
  const current = await d.overrides.find(env.id, conn.id);
  if (!current) throw notFound(`Environment "${env.name}" has no override for connection "${conn.name}"`, [{ field: `connectionName`, rule: `environment "${env.name}" has no override for this connection` }]);
  const { authType, stored } = await validateOverride(d, projectId, env, conn, input);
  const fields = { auth_type: authType, overrides: JSON.stringify(stored), updated_at: d.clock().toISOString() };
  await d.db.transaction().execute(async (trx) => {
    if (!(await d.overrides.replace(current.id, fields, trx))) throw notFound(`Environment "${env.name}" has no override for connection "${conn.name}"`);
    await d.audit.record(trx, actor, overrideEvent('environment_override_updated', current.id, projectId, env.name, conn.name));
  });
  return overrideView({ ...current, ...fields });
}

async function listOverrides(d: OverridesDeps, actor: Actor, projectId: string, q: PageQuery & { environmentName: string }) {
  await d.projects.requireEnvironment(actor, projectId, q.environmentName, 'environment.view');
  const env = await d.environments.find(projectId, q.environmentName, 'environmentName');
  const w = pageWindow(q);
  const { rows, total } = await d.overrides.page(env.id, w.offset, w.limit);
  return toPage(w, total, rows, overrideView);
}

async function deleteOverrides(d: OverridesDeps, actor: Actor, projectId: string, environmentName: string, connectionNames: string) {
  await d.projects.requireEnvironment(actor, projectId, environmentName, 'environment.manage');
  const names = [...new Set(connectionNames.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
  if (names.length === 0) throw invalid('connectionNames', 'must name at least one connection');
  const env = await d.environments.find(projectId, environmentName, 'environmentName');
  const existing = new Map((await d.overrides.listFor(env.id)).map((o) => [o.connection_name, o.id]));
  const missing = names.find((n) => !existing.has(n));
  if (missing !== undefined) throw notFound(`Environment "${env.name}" has no override for connection "${missing}"`, [{ field: `connectionNames`, rule: `environment "${env.name}" has no override for connection "${missing}"` }]);
  await d.db.transaction().execute(async (trx) => {
    await d.overrides.deleteMany(names.map((n) => existing.get(n)!), trx);
    for (const n of names) await d.audit.record(trx, actor, overrideEvent('environment_override_deleted', existing.get(n)!, projectId, env.name, n));
  });
}

/** In-process: a new environment's overrides, inside its creating transaction. */
async function insertIn(d: Pick<OverridesDeps, 'overrides'>, trx: Db, env: EnvironmentRecord, list: { connection: ConnectionRecord; stored: Json }[], createdBy: string, now: string) {
  for (const o of list) {
    await d.overrides.insert(
      {
        id: orderedId(),
        project_id: env.project_id,
        environment_id: env.id,
        connection_id: o.connection.id,
        auth_type: o.connection.auth_type,
        overrides: JSON.stringify(o.stored),
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      },
      trx,
    );
  }
}

/** In-process: an environment's overrides, in creation order. */
async function listFor(d: Pick<OverridesDeps, 'overrides'>, environmentId: string) {
  return (await d.overrides.listFor(environmentId)).map((o) => ({ connectionName: o.connection_name, overrides: JSON.parse(o.overrides) as Json }));
}

export function createEnvironmentOverridesService(d: OverridesDeps) {
  return {
    create: (actor: Actor, projectId: string, input: OverrideInput) => createOverride(d, actor, projectId, input),
    replace: (actor: Actor, projectId: string, input: OverrideInput) => replaceOverride(d, actor, projectId, input),
    list: (actor: Actor, projectId: string, q: PageQuery & { environmentName: string }) => listOverrides(d, actor, projectId, q),
    delete: (actor: Actor, projectId: string, environmentName: string, connectionNames: string) => deleteOverrides(d, actor, projectId, environmentName, connectionNames),
    insertIn: (trx: Db, env: EnvironmentRecord, list: { connection: ConnectionRecord; stored: Json }[], createdBy: string, now: string) => insertIn(d, trx, env, list, createdBy, now),
    listFor: (environmentId: string) => listFor(d, environmentId),
  };
}
export type EnvironmentOverridesService = ReturnType<typeof createEnvironmentOverridesService>;
