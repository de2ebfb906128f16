import type { AgentRow, AgentsRepo } from '../store/agents.js';
import type { ConnectionRow, ConnectionsRepo } from '../store/connections.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../store/db.js';
import type { EnvironmentRow, EnvironmentsRepo, OverrideWithConnection } from '../store/environments.js';
import type { SecretsRepo } from '../store/secrets.js';
import {
  ALL_AUTH_TYPES,
  canonicalEnum,
  checkCombination,
  cleanConnectionProperties,
  cleanVaultLocation,
  cleanWarehouseProperties,
  CLOUD_PROVIDERS,
  Violations,
  WAREHOUSE_AUTH,
  type Json,
  type SecretPointer,
  type Warehouse,
} from './connection-rules.js';
import { conflict, invalid, notFound } from './errors.js';
import { orderedId } from './ordered-id.js';
import { pageWindow, toPage, type PageQuery } from './pagination.js';
import type { Actor } from './policy.js';
import type { ProjectsService } from './projects.js';

export interface CreateEnvironmentInput {
  name: string;
  displayName?: string;
  description?: string;
  defaultAgentId: string;
  defaultUserAccessLevel: string;
  defaultConnections: { DWH: Record<string, string>; CLOUD_PLATFORM?: Record<string, string> };
  connectionOverrides: { connectionName: string; connectionProperties: Record<string, unknown> }[];
}

export interface OverrideInput {
  environmentName: string;
  connectionName: string;
  authType: string;
  connectionOverrides: { secretsLocation?: Json; connectionProperties: Json };
}

export interface EnvironmentsDeps {
  db: Db;
  projects: Pick<ProjectsService, 'require'>;
  connections: Pick<ConnectionsRepo, 'findByName'>;
  environments: EnvironmentsRepo;
  agents: Pick<AgentsRepo, 'find'>;
  secrets: Pick<SecretsRepo, 'findHosted' | 'findReference'>;
  clock: () => Date;
}

const summary = (r: EnvironmentRow, agentName: string | undefined) => ({
  name: r.name,
  ...(r.display_name !== null ? { displayName: r.display_name } : {}),
  ...(r.description !== null ? { description: r.description } : {}),
  defaultAgentId: r.default_agent_id,
  ...(agentName !== undefined ? { defaultAgentName: agentName } : {}),
  defaultUserAccessLevel: r.default_user_access_level,
  defaultConnections: JSON.parse(r.default_connections) as Json,
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

/** Whether a project may use an agent (seed 000, contract reference §5.2). */
export function agentAllowedFor(agent: AgentRow, projectId: string): boolean {
  if (Number(agent.hosted) === 1) return agent.project_id === projectId;
  if (Number(agent.restricted_access) === 0) return true;
  try {
    const list = JSON.parse(agent.allowlist) as unknown;
    return typeof list === 'object' && list !== null && Object.prototype.hasOwnProperty.call(list, projectId);
  } catch {
    return false;
  }
}

/** Environments, and environment connection overrides (`/connections/environment-overrides`). */
export function createEnvironmentsService(deps: EnvironmentsDeps) {
  const { db, projects, connections, environments, agents, secrets, clock } = deps;

  async function agentName(accountId: string, id: string, cache = new Map<string, string | undefined>()) {
    if (!cache.has(id)) cache.set(id, (await agents.find(accountId, id))?.name);
    return cache.get(id);
  }

  /**
   * A secret pointer resolves to a hosted secret of the environment's default agent (whose key
   * must be `secretKey`) or to a secret reference of the project. Every pointer here is a
   * warehouse credential (password, private key, passphrase), so a hosted secret must be of type
   * DWH_PASSWORD: a CLOUD_PROVIDER_SECRET holds cloud credentials JSON, not a warehouse secret.
   */
  async function resolveSecrets(v: Violations, projectId: string, agentId: string, pointers: SecretPointer[]) {
    for (const p of pointers) {
      const hosted = await secrets.findHosted(agentId, p.secretName);
      if (hosted) {
        if (hosted.type !== 'DWH_PASSWORD') v.add(`${p.field}.secretName`, `must name a DWH_PASSWORD hosted secret ("${p.secretName}" is a ${hosted.type})`);
        else if (hosted.secret_key !== p.secretKey) v.add(`${p.field}.secretKey`, `must be the key of hosted secret "${p.secretName}"`);
        continue;
      }
      if (await secrets.findReference(projectId, p.secretName)) continue;
      v.add(`${p.field}.secretName`, `must name a hosted secret of the default agent ${agentId} or a secret reference of the project`);
    }
  }

  async function requireEnvironment(projectId: string, name: string, field: string) {
    const env = await environments.findByName(projectId, name);
    if (!env) throw notFound(`Environment "${name}" not found in project ${projectId}`, [`${field}: no environment named "${name}" in the project`]);
    return env;
  }

  /** Validate an override body against its connection; the stored form, or a 400. */
  async function validateOverride(projectId: string, env: EnvironmentRow, conn: ConnectionRow, input: OverrideInput) {
    const v = new Violations();
    const authType = canonicalEnum(v, 'body.authType', input.authType, ALL_AUTH_TYPES);
    const type = conn.platform_connection_type;
    if (authType) {
      if (type === 'DWH') {
        const expected = WAREHOUSE_AUTH[conn.auth_provider as Warehouse];
        if (authType !== expected) v.add('body.authType', `must be ${expected} for the ${conn.auth_provider} connection "${conn.name}"`);
      } else {
        const sub = new Violations();
        checkCombination(sub, type as 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS', conn.auth_provider ?? undefined, authType);
        for (const m of sub.list) v.list.push(m.startsWith('body.authType') ? `${m} (connection "${conn.name}")` : m);
      }
    }
    const base = 'body.connectionOverrides';
    const stored: Json = {};
    let pointers: SecretPointer[] = [];
    for (const [k, val] of Object.entries(input.connectionOverrides)) {
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
    if (v.empty) await resolveSecrets(v, projectId, env.default_agent_id, pointers);
    v.throwIfAny();
    return { authType: authType!, stored };
  }

  async function overrideTarget(actor: Actor, projectId: string, input: OverrideInput) {
    await projects.require(actor, projectId, 'projects.write');
    const env = await requireEnvironment(projectId, input.environmentName, 'body.environmentName');
    const conn = await connections.findByName(projectId, input.connectionName);
    if (!conn) throw notFound(`Connection "${input.connectionName}" not found in project ${projectId}`, [`body.connectionName: no connection named "${input.connectionName}" in the project`]);
    return { env, conn };
  }

  return {
    async create(actor: Actor, projectId: string, input: CreateEnvironmentInput) {
      await projects.require(actor, projectId, 'projects.write');
      const v = new Violations();

      // Default agent: of this account, and allowed for this project. Agent ids are stored in
      // lower case; an upper-case UUID names the same agent (as for secret references).
      const agent = await agents.find(actor.accountId, input.defaultAgentId.toLowerCase());
      if (!agent) throw invalid('body.defaultAgentId', 'must name an agent of this account');
      if (!agentAllowedFor(agent, projectId)) {
        throw invalid('body.defaultAgentId', `agent ${agent.id} is not allowed for this project (it is another project's hosted agent, or its allow list does not name the project)`);
      }

      // Default connections.
      const defaults: { kind: string; connection_id: string }[] = [];
      let dwh: ConnectionRow | undefined;
      for (const kind of ['DWH', 'CLOUD_PLATFORM'] as const) {
        const entry = input.defaultConnections[kind];
        if (!entry) continue;
        const [key, connName] = Object.entries(entry)[0]!;
        const field = `body.defaultConnections.${kind}.${key}`;
        const providers: readonly string[] = kind === 'DWH' ? ['snowflake', 'redshift'] : CLOUD_PROVIDERS;
        if (!providers.includes(key.toLowerCase())) {
          v.add(`body.defaultConnections.${kind}`, `key must be one of: ${providers.join(', ')} (got "${key}")`);
          continue;
        }
        const conn = await connections.findByName(projectId, connName);
        const wantType = kind === 'DWH' ? 'DWH' : 'CLOUD_PLATFORM_CREDENTIALS';
        if (!conn) v.add(field, `must name a connection of the project (none is named "${connName}")`);
        else if (conn.platform_connection_type !== wantType) v.add(field, `must name a ${wantType} connection ("${connName}" is ${conn.platform_connection_type})`);
        else if (conn.auth_provider?.toLowerCase() !== key.toLowerCase()) v.add(field, `must name a connection whose authProvider is ${key} ("${connName}" is ${conn.auth_provider})`);
        else {
          defaults.push({ kind, connection_id: conn.id });
          if (kind === 'DWH') dwh = conn;
        }
      }
      v.throwIfAny();

      // Connection overrides: the warehouse credentials of the default DWH connection.
      const overrides: { connection: ConnectionRow; stored: Json }[] = [];
      const pointers: SecretPointer[] = [];
      input.connectionOverrides.forEach((o, i) => {
        const field = `body.connectionOverrides[${i}]`;
        if (o.connectionName !== dwh!.name) {
          v.add(`${field}.connectionName`, `must name the environment's default DWH connection ("${dwh!.name}")`);
          return;
        }
        if (overrides.some((x) => x.connection.id === dwh!.id)) {
          v.add(`${field}.connectionName`, `overrides "${o.connectionName}" a second time`);
          return;
        }
        const r = cleanWarehouseProperties(v, `${field}.connectionProperties`, dwh!.auth_provider as Warehouse, o.connectionProperties);
        pointers.push(...r.secrets);
        overrides.push({ connection: dwh!, stored: { connectionProperties: r.props } });
      });
      if (v.empty) await resolveSecrets(v, projectId, agent.id, pointers);
      v.throwIfAny();

      const now = clock().toISOString();
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
      try {
        await db.transaction().execute(async (trx) => {
          await environments.insert(row, defaults, trx);
          for (const o of overrides) {
            await environments.insertOverride(
              {
                id: orderedId(),
                project_id: projectId,
                environment_id: row.id,
                connection_id: o.connection.id,
                auth_type: o.connection.auth_type,
                overrides: JSON.stringify(o.stored),
                created_by: actor.clientId,
                created_at: now,
                updated_at: now,
              },
              trx,
            );
          }
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`An environment named "${input.name}" already exists in this project`, ['body.name: must be unique within the project']);
        if (isForeignKeyViolation(err)) throw conflict('A default connection was deleted while the environment was being created', ['body.defaultConnections: a named connection no longer exists']);
        throw err;
      }
      return {
        ...summary(row, agent.name),
        connectionOverrides: overrides.map((o) => ({ connectionName: o.connection.name, ...o.stored })),
      };
    },

    async list(actor: Actor, projectId: string, q: PageQuery) {
      await projects.require(actor, projectId, 'projects.read');
      const w = pageWindow(q);
      const { rows, total } = await environments.page(projectId, w.offset, w.limit);
      const cache = new Map<string, string | undefined>();
      const names = await Promise.all(rows.map((r) => agentName(actor.accountId, r.default_agent_id, cache)));
      return toPage(w, total, rows.map((r, i) => [r, names[i]] as const), ([r, n]) => summary(r, n));
    },

    async get(actor: Actor, projectId: string, name: string) {
      await projects.require(actor, projectId, 'projects.read');
      const env = await requireEnvironment(projectId, name, 'path.environmentName');
      const overrides = await environments.overridesOf(env.id);
      return {
        ...summary(env, await agentName(actor.accountId, env.default_agent_id)),
        connectionOverrides: overrides.map((o) => ({ connectionName: o.connection_name, ...(JSON.parse(o.overrides) as Json) })),
      };
    },

    async delete(actor: Actor, projectId: string, name: string) {
      await projects.require(actor, projectId, 'projects.write');
      const env = await requireEnvironment(projectId, name, 'path.environmentName');
      await environments.delete(env.id); // overrides and default-connection links cascade
    },

    // --- environment connection overrides -------------------------------------------------

    async createOverride(actor: Actor, projectId: string, input: OverrideInput) {
      const { env, conn } = await overrideTarget(actor, projectId, input);
      if (await environments.findOverride(env.id, conn.id)) {
        throw conflict(`Environment "${env.name}" already overrides connection "${conn.name}"; use PUT to replace it`, ['body.connectionName: override already exists for this environment']);
      }
      const { authType, stored } = await validateOverride(projectId, env, conn, input);
      const now = clock().toISOString();
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
        await environments.insertOverride(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`Environment "${env.name}" already overrides connection "${conn.name}"`, ['body.connectionName: override already exists for this environment']);
        if (isForeignKeyViolation(err)) throw notFound('The environment or the connection was deleted concurrently');
        throw err;
      }
      return overrideView({ ...row, environment_name: env.name, connection_name: conn.name, platform_connection_type: conn.platform_connection_type, auth_provider: conn.auth_provider });
    },

    async replaceOverride(actor: Actor, projectId: string, input: OverrideInput) {
      const { env, conn } = await overrideTarget(actor, projectId, input);
      const current = await environments.findOverride(env.id, conn.id);
      if (!current) throw notFound(`Environment "${env.name}" has no override for connection "${conn.name}"`, [`body.connectionName: environment "${env.name}" has no override for this connection`]);
      const { authType, stored } = await validateOverride(projectId, env, conn, input);
      const fields = { auth_type: authType, overrides: JSON.stringify(stored), updated_at: clock().toISOString() };
      if (!(await environments.replaceOverride(current.id, fields))) throw notFound(`Environment "${env.name}" has no override for connection "${conn.name}"`);
      return overrideView({ ...current, ...fields });
    },

    async listOverrides(actor: Actor, projectId: string, q: PageQuery & { environmentName: string }) {
      await projects.require(actor, projectId, 'projects.read');
      const env = await requireEnvironment(projectId, q.environmentName, 'query.environmentName');
      const w = pageWindow(q);
      const { rows, total } = await environments.overridePage(env.id, w.offset, w.limit);
      return toPage(w, total, rows, overrideView);
    },

    async deleteOverrides(actor: Actor, projectId: string, environmentName: string, connectionNames: string) {
      await projects.require(actor, projectId, 'projects.write');
      const names = [...new Set(connectionNames.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
      if (names.length === 0) throw invalid('query.connectionNames', 'must name at least one connection');
      const env = await requireEnvironment(projectId, environmentName, 'query.environmentName');
      const existing = new Map((await environments.overridesOf(env.id)).map((o) => [o.connection_name, o.id]));
      const missing = names.find((n) => !existing.has(n));
      if (missing !== undefined) throw notFound(`Environment "${env.name}" has no override for connection "${missing}"`, [`query.connectionNames: environment "${env.name}" has no override for connection "${missing}"`]);
      await db.transaction().execute(async (trx) => {
        await environments.deleteOverrides(names.map((n) => existing.get(n)!), trx);
      });
    },
  };
}
export type EnvironmentsService = ReturnType<typeof createEnvironmentsService>;
