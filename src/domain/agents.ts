import { randomUUID } from 'node:crypto';
import type { AgentRow, AgentsRepo } from '../store/agents.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/db.js';
import type { ProjectRow, ProjectsRepo } from '../store/projects.js';
import type { CredentialChanges } from './credential-cache.js';
import { badRequest, conflict, forbidden, invalid, notFound } from './errors.js';
import { newClientId, newClientSecret } from './identity.js';
import { pageWindow, toPage, type PageQuery } from './pagination.js';
import type { Actor, Policy } from './policy.js';
import type { ProjectHooks } from './projects.js';

/**
 * Agents (account-level, contract §5.2).
 *
 * Which deployments exist for which agent type and cloud provider (C-cbk; also documented in
 * the OpenAPI description of createAgent):
 */
export const DEPLOYMENTS: Record<string, Record<string, readonly string[]>> = {
  data_productivity_cloud: { aws: ['fargate', 'eks'], azure: ['container app', 'aks', 'aci'], snowflake: ['native app'] },
  streaming: { aws: ['fargate', 'eks'], azure: ['container app', 'aks', 'aci'], gcp: ['gke', 'gce'] },
};

/**
 * Life cycle. Plinth runs no agent processes, so status is driven by the API alone:
 *
 * - a new hybrid agent is `pending` (never started, not connected);
 * - RESTART starts or restarts it → `running` (from pending, running or paused);
 * - PAUSE → `paused` for PAUSE_HOURS (`pausedUntil`); only a running or paused agent can be paused;
 * - RESUME → `running`; only a paused (or already running) agent can be resumed;
 * - a pause lapses by itself: once `pausedUntil` has passed the agent reads as `running`;
 * - DELETE is refused (409) while the agent is `running`; pending and paused agents can be deleted.
 *
 * A Matillion-hosted agent is created `running` with its FULL_SAAS project and deleted with it;
 * it cannot be changed, commanded, deleted or given credentials through the API (409).
 */
export type AgentStatus = 'pending' | 'running' | 'paused';
export const PAUSE_HOURS = 24;
export type AgentCommand = 'RESTART' | 'PAUSE' | 'RESUME';

/** Synthetic release tracks: Plinth has no agent builds, so version details are fixed per track. */
const TRACKS: Record<string, { trackVersion: string; trackReleaseDate: string }> = {
  current: { trackVersion: '1.1.0', trackReleaseDate: '2026-01-15' },
  stable: { trackVersion: '1.0.0', trackReleaseDate: '2025-10-01' },
};

export const HOSTED_AGENT = { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' } as const;

export interface CreateAgentInput {
  agentType: string;
  cloudProvider: string;
  deployment: string;
  name: string;
  description?: string;
  enableAutoUpdates?: boolean;
  restrictedAccess?: boolean;
  trackName?: string;
}

export type PatchAgentInput = Partial<Pick<CreateAgentInput, 'name' | 'description' | 'enableAutoUpdates' | 'restrictedAccess' | 'trackName'>>;

export interface AllowlistInput {
  projects: Record<string, { environments?: string[] }>;
}

type AllowlistMap = Record<string, string[]>;

export function effectiveStatus(r: AgentRow, now: Date): AgentStatus {
  if (r.status === 'paused' && r.paused_until && r.paused_until <= now.toISOString()) return 'running';
  return r.status as AgentStatus;
}

export function agentView(r: AgentRow, now: Date) {
  const status = effectiveStatus(r, now);
  const trackName = r.track_name ?? 'current';
  const track = TRACKS[trackName] ?? TRACKS.current!;
  return {
    agentId: r.id,
    agentStatus: status,
    agentType: r.agent_type,
    cloudProvider: r.cloud_provider,
    connected: status !== 'pending',
    deployment: r.deployment,
    description: r.description ?? '',
    enableAutoUpdates: r.enable_auto_updates === 1,
    name: r.name,
    restrictedAccess: r.restricted_access === 1,
    ...(status === 'paused' && r.paused_until ? { pausedUntil: r.paused_until } : {}),
    versionDetails: {
      agentUpdateAvailable: false,
      agentVersion: track.trackVersion,
      support: 'SUPPORTED',
      trackName,
      trackReleaseDate: track.trackReleaseDate,
      trackVersion: track.trackVersion,
    },
    hosted: r.hosted === 1,
    ...(r.project_id ? { projectId: r.project_id } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type AgentView = ReturnType<typeof agentView>;

function parseAllowlist(r: AgentRow): AllowlistMap {
  try {
    const v = JSON.parse(r.allowlist);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

const allowlistView = (m: AllowlistMap) => ({
  projects: Object.fromEntries(Object.entries(m).map(([pid, envs]) => [pid, { environments: envs }])),
});

/** The rules that depend on the type/provider pair; `field` prefixes name where the value came from. */
function checkCombination(type: string, provider: string, deployment: string | undefined, opts: { enableAutoUpdates?: boolean; restrictedAccess?: boolean }) {
  const v: string[] = [];
  const providers = DEPLOYMENTS[type];
  if (!providers) v.push(`body.agentType: must be one of: ${Object.keys(DEPLOYMENTS).join(', ')}`);
  else if (!providers[provider]) v.push(`body.cloudProvider: must be one of ${Object.keys(providers).join(', ')} for agentType ${type}`);
  else if (deployment !== undefined && !providers[provider]!.includes(deployment)) {
    v.push(`body.deployment: must be one of ${providers[provider]!.join(', ')} for agentType ${type} on ${provider}`);
  }
  if (opts.enableAutoUpdates === true && (type === 'streaming' || provider === 'snowflake')) {
    v.push('body.enableAutoUpdates: automatic updates are not available for streaming or Snowflake agents');
  }
  if (opts.restrictedAccess === true && type === 'streaming') {
    v.push('body.restrictedAccess: restricted access is not available for streaming agents');
  }
  return v;
}

export interface AgentsDeps {
  db: Db;
  agents: AgentsRepo;
  projects: ProjectsRepo;
  policy: Policy;
  hashSecret: (secret: string) => string;
  clock: () => Date;
  /** Every change to an agent's credential goes through it (cache eviction on every node). */
  changes: CredentialChanges;
}

export function createAgentsService({ db, agents, projects, policy, hashSecret, clock, changes }: AgentsDeps) {
  const nameTaken = (name: string) => conflict(`An agent named "${name}" already exists in this account`, ['body.name: must be unique within the account']);

  async function find(actor: Actor, agentId: string) {
    const row = await agents.find(actor.accountId, agentId);
    if (!row) throw notFound(`Agent ${agentId} not found`);
    return row;
  }

  /** For changes: the agent must exist and be a customer (hybrid) agent. */
  async function findHybrid(actor: Actor, agentId: string, what: string) {
    const row = await find(actor, agentId);
    if (row.hosted === 1) {
      throw conflict(`Agent ${agentId} is Matillion-hosted: it is managed by Plinth with its project and ${what} is not possible`);
    }
    return row;
  }

  /** Apply a change computed from the current row; retried when another writer got there first. */
  async function change(actor: Actor, agentId: string, what: string, compute: (row: AgentRow, now: Date) => Partial<AgentRow>) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await findHybrid(actor, agentId, what);
      const now = clock();
      const fields = { ...compute(row, now), updated_at: now.toISOString() };
      if (fields.updated_at === row.updated_at) fields.updated_at = new Date(now.getTime() + 1).toISOString();
      try {
        if (await agents.update(actor.accountId, agentId, row.updated_at, fields)) return agentView({ ...row, ...fields }, now);
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(fields.name ?? row.name);
        throw err;
      }
    }
    throw conflict(`Agent ${agentId} is being changed concurrently; retry`);
  }

  async function issueCredential(actor: Actor, agentId: string) {
    const clientSecret = newClientSecret();
    const clientId = newClientId();
    await agents.insertCredential({
      client_id: clientId,
      account_id: actor.accountId,
      name: `agent:${agentId}`,
      // The role is never consulted for agent credentials (policy refuses agent actors every
      // account permission); the least privileged one is recorded.
      role: 'MEMBER',
      kind: 'agent',
      agent_id: agentId,
      secret_hash: hashSecret(clientSecret),
      created_at: clock().toISOString(),
    });
    // api_credentials has no foreign key to agents: if the agent was deleted meanwhile, undo.
    if (!(await agents.find(actor.accountId, agentId))) {
      await changes.run(async (trx) => ({ clientIds: await agents.deleteCredentials(actor.accountId, agentId, trx), result: undefined }));
      throw notFound(`Agent ${agentId} not found`);
    }
    return { clientId, clientSecret };
  }

  const service = {
    async list(actor: Actor, q: PageQuery) {
      policy.assert(actor, 'agents.read');
      const w = pageWindow(q);
      const { rows, total } = await agents.page(actor.accountId, w.offset, w.limit);
      const now = clock();
      return toPage(w, total, rows, (r) => agentView(r, now));
    },

    /** Account roles with agents.read; an agent's own credential may read that agent only. */
    async get(actor: Actor, agentId: string) {
      if (actor.kind === 'agent') {
        if (actor.agentId !== agentId) throw forbidden('An agent credential may only read its own agent');
      } else policy.assert(actor, 'agents.read');
      return agentView(await find(actor, agentId), clock());
    },

    async create(actor: Actor, input: CreateAgentInput) {
      policy.assert(actor, 'agents.manage');
      const v = checkCombination(input.agentType, input.cloudProvider, input.deployment, input);
      if (input.name.trim() === '') v.push('body.name: must not be blank');
      if (v.length) throw badRequest(`Invalid request: ${v.join('; ')}`, v);
      const now = clock().toISOString();
      const row: AgentRow = {
        id: randomUUID(),
        account_id: actor.accountId,
        name: input.name,
        description: input.description ?? null,
        agent_type: input.agentType,
        cloud_provider: input.cloudProvider,
        deployment: input.deployment,
        status: 'pending',
        hosted: 0,
        project_id: null,
        enable_auto_updates: input.enableAutoUpdates ? 1 : 0,
        restricted_access: input.restrictedAccess ? 1 : 0,
        track_name: input.trackName ?? 'current',
        paused_until: null,
        allowlist: '{}',
        created_at: now,
        updated_at: now,
      };
      try {
        await agents.insert(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(input.name);
        throw err;
      }
      return agentView(row, clock());
    },

    async update(actor: Actor, agentId: string, input: PatchAgentInput) {
      policy.assert(actor, 'agents.manage');
      const given = (['name', 'description', 'trackName', 'enableAutoUpdates', 'restrictedAccess'] as const).filter((k) => input[k] !== undefined);
      if (given.length === 0) {
        throw badRequest('Nothing to change: send at least one of name, description, trackName, enableAutoUpdates, restrictedAccess', [
          'body: must contain at least one of name, description, trackName, enableAutoUpdates, restrictedAccess',
        ]);
      }
      if (input.name !== undefined && input.name.trim() === '') throw invalid('body.name', 'must not be blank');
      return change(actor, agentId, 'changing it', (row) => {
        const v = checkCombination(row.agent_type, row.cloud_provider, undefined, input);
        if (v.length) throw badRequest(`Invalid request: ${v.join('; ')}`, v);
        return {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.trackName !== undefined ? { track_name: input.trackName } : {}),
          ...(input.enableAutoUpdates !== undefined ? { enable_auto_updates: input.enableAutoUpdates ? 1 : 0 } : {}),
          ...(input.restrictedAccess !== undefined ? { restricted_access: input.restrictedAccess ? 1 : 0 } : {}),
        };
      });
    },

    async delete(actor: Actor, agentId: string) {
      policy.assert(actor, 'agents.manage');
      const row = await findHybrid(actor, agentId, 'deleting it (it is deleted with its project)');
      if (effectiveStatus(row, clock()) === 'running') {
        throw conflict(`Agent ${agentId} is running; PAUSE it (POST /v1/agents/${agentId}/commands) before deleting it`);
      }
      const gone = await db.transaction().execute(async (trx) => {
        if (!(await agents.deleteIfUnchanged(actor.accountId, agentId, row.updated_at, trx))) return null;
        const clientIds = await agents.deleteCredentials(actor.accountId, agentId, trx);
        await changes.announce(trx, clientIds);
        return clientIds;
      });
      if (gone) changes.committed(gone);
      if (!gone) throw conflict(`Agent ${agentId} changed while it was being deleted; retry`);
    },

    async command(actor: Actor, agentId: string, command: AgentCommand) {
      policy.assert(actor, 'agents.manage');
      return change(actor, agentId, `sending it ${command}`, (row, now) => {
        const status = effectiveStatus(row, now);
        switch (command) {
          case 'RESTART':
            return { status: 'running', paused_until: null };
          case 'PAUSE':
            if (status === 'pending') throw conflict(`Agent ${agentId} has not been started (status pending); only a running agent can be paused`);
            return { status: 'paused', paused_until: new Date(now.getTime() + PAUSE_HOURS * 3600_000).toISOString() };
          case 'RESUME':
            if (status === 'pending') throw conflict(`Agent ${agentId} has not been started (status pending); send RESTART to start it`);
            return { status: 'running', paused_until: null };
        }
      });
    },

    /**
     * The agent's client credentials. The secret is kept only as a keyed hash, so it can be shown
     * once: the first GET issues the credential and returns the secret; later GETs return the
     * client id only. SECRET_REFRESH always issues a new secret (same client id) and returns it.
     */
    async credentials(actor: Actor, agentId: string): Promise<{ clientId: string; clientSecret?: string }> {
      policy.assert(actor, 'agents.manage');
      await findHybrid(actor, agentId, 'reading its credentials');
      const existing = await agents.findCredential(actor.accountId, agentId);
      if (existing) return { clientId: existing.client_id };
      try {
        return await issueCredential(actor, agentId);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request issued it first; its secret was shown to that caller only.
        const row = await agents.findCredential(actor.accountId, agentId);
        if (!row) throw err;
        return { clientId: row.client_id };
      }
    },

    async refreshSecret(actor: Actor, agentId: string): Promise<{ clientId: string; clientSecret: string }> {
      policy.assert(actor, 'agents.manage');
      await findHybrid(actor, agentId, 'refreshing its credentials');
      const existing = await agents.findCredential(actor.accountId, agentId);
      if (!existing) {
        try {
          return await issueCredential(actor, agentId);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          return this.refreshSecret(actor, agentId);
        }
      }
      const clientSecret = newClientSecret();
      // The actor does not change (tokens issued before keep working, as before), but every
      // change to a credential row goes through CredentialChanges.
      await changes.run(async (trx) => {
        await agents.setCredentialSecret(existing.client_id, hashSecret(clientSecret), trx);
        return { clientIds: [existing.client_id], result: undefined };
      });
      return { clientId: existing.client_id, clientSecret };
    },

    async allowlist(actor: Actor, agentId: string) {
      policy.assert(actor, 'agents.read');
      return allowlistView(parseAllowlist(await find(actor, agentId)));
    },

    /** Merge: listed projects are added, listed environments are added to what is there. */
    async addToAllowlist(actor: Actor, agentId: string, input: AllowlistInput) {
      policy.assert(actor, 'agents.manage');
      const ids = Object.keys(input.projects);
      if (ids.length === 0) throw invalid('body.projects', 'must name at least one project');
      const missing: string[] = [];
      for (const pid of ids) if (!(await projects.find(actor.accountId, pid))) missing.push(`body.projects.${pid}: no such project in this account`);
      if (missing.length) throw badRequest(`Invalid request: ${missing.join('; ')}`, missing);
      const view = await change(actor, agentId, 'changing its allowlist', (row) => {
        const m = parseAllowlist(row);
        for (const pid of ids) {
          const envs = new Set(m[pid] ?? []);
          for (const e of input.projects[pid]?.environments ?? []) envs.add(e);
          m[pid] = [...envs];
        }
        return { allowlist: JSON.stringify(m) };
      });
      return service.allowlist(actor, view.agentId);
    },

    /** Project life cycle: a FULL_SAAS project gets a hosted agent; deleting a project removes it. */
    projectHooks(): ProjectHooks {
      return {
        createsWith: (project: ProjectRow) => project.agent_deployment_type === 'FULL_SAAS',
        async afterCreate(trx: Db, project: ProjectRow) {
          if (project.agent_deployment_type !== 'FULL_SAAS') return;
          await agents.insert(
            {
              id: randomUUID(),
              account_id: project.account_id,
              // Agent names are at most 30 characters: "hosted-" and the first 23 of the project id.
              name: `hosted-${project.id.slice(0, 23)}`,
              description: `Matillion-hosted agent of project ${project.id}`,
              ...{ agent_type: HOSTED_AGENT.agentType, cloud_provider: HOSTED_AGENT.cloudProvider, deployment: HOSTED_AGENT.deployment },
              status: 'running',
              hosted: 1,
              project_id: project.id,
              enable_auto_updates: 1,
              restricted_access: 0,
              track_name: 'current',
              paused_until: null,
              allowlist: JSON.stringify({ [project.id]: [] }),
              created_at: project.created_at,
              updated_at: project.created_at,
            },
            trx,
          );
        },
        async beforeDelete(trx: Db, project: ProjectRow) {
          const hosted = await agents.findHostedForProject(project.id, trx);
          let clientIds: string[] = [];
          if (hosted) {
            await agents.delete(project.account_id, hosted.id, trx);
            // The API never issues credentials to a hosted agent; should one exist, it goes too.
            clientIds = await agents.deleteCredentials(project.account_id, hosted.id, trx);
            await changes.announce(trx, clientIds);
          }
          const now = clock().toISOString();
          for (const a of await agents.mentioningProject(project.account_id, project.id, trx)) {
            const m = parseAllowlist(a);
            if (!(project.id in m)) continue;
            delete m[project.id];
            await agents.setAllowlist(a.id, JSON.stringify(m), now, trx);
          }
          if (clientIds.length > 0) return async () => changes.committed(clientIds);
        },
      };
    },
  };
  return service;
}
export type AgentsService = ReturnType<typeof createAgentsService>;
