import { randomUUID } from 'node:crypto';
import type { ProjectAccess } from '../../core/access.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { badRequest, conflict, forbidden, invalid, notFound, Violations } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import { createAgentCredentialAccess, type AgentCredentials } from './credentials.js';
import {
  agentAllowedFor,
  AGENT_COMMANDS,
  agentView,
  allowlistView,
  canonical,
  canonicalCreate,
  canonicalPatch,
  checkCombination,
  CREDENTIAL_ACTIONS,
  effectiveStatus,
  isConnected,
  parseAllowlist,
  PAUSE_HOURS,
  type AgentCommand,
  type AllowlistInput,
  type CreateAgentInput,
  type PatchAgentInput,
} from './rules.js';
import type { AgentRow, AgentsRepo } from './store.js';

/** An agent as other resources see it. */
export interface AgentRef {
  id: string;
  name: string;
  hosted: boolean;
  /** The project of a hosted agent. */
  projectId: string | null;
  /** Whether the project may use this agent (hosted: its own project; restricted: allowlisted). */
  usableBy(projectId: string): boolean;
}

/** Agents (account-level, contract §5.2): rules and life cycle in rules.ts. */
export interface AgentsDeps {
  db: Db;
  agents: AgentsRepo;
  projects: Pick<ProjectAccess, 'find'>;
  policy: Policy;
  clock: () => Date;
  /** The agents' own credentials (kept by the api-credentials resource). */
  credentials: AgentCredentials;
}

export function createAgentsService(deps: AgentsDeps) {
  const { db, agents, projects, policy, clock, credentials } = deps;
  const nameTaken = (name: string) => conflict(`An agent named "${name}" already exists in this account`, [{ field: 'name', rule: 'must be unique within the account' }]);

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
      const v = new Violations();
      input = canonicalCreate(v, input);
      checkCombination(v, input.agentType, input.cloudProvider, input.deployment, input);
      if (input.name.trim() === '') v.add('name', 'must not be blank');
      v.throwIfAny();
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
        throw badRequest(
          [{ field: '', rule: 'must contain at least one of name, description, trackName, enableAutoUpdates, restrictedAccess' }],
          'Nothing to change: send at least one of name, description, trackName, enableAutoUpdates, restrictedAccess',
        );
      }
      if (input.name !== undefined && input.name.trim() === '') throw invalid('name', 'must not be blank');
      const canon = new Violations();
      input = canonicalPatch(canon, input);
      canon.throwIfAny();
      return change(actor, agentId, 'changing it', (row) => {
        const v = new Violations();
        checkCombination(v, row.agent_type, row.cloud_provider, undefined, input);
        v.throwIfAny();
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
        return credentials.removeIn(trx, actor.accountId, agentId);
      });
      if (gone) credentials.committed(gone);
      if (!gone) throw conflict(`Agent ${agentId} changed while it was being deleted; retry`);
    },

    /** `command` in any case (canonical upper case); the life cycle is in rules.ts. */
    async command(actor: Actor, agentId: string, given: string) {
      policy.assert(actor, 'agents.manage');
      const v = new Violations();
      const command = canonical(v, 'command', given, AGENT_COMMANDS);
      v.throwIfAny();
      return change(actor, agentId, `sending it ${command}`, (row, now) => {
        const status = effectiveStatus(row, now);
        const notStarted = (what: string) =>
          status === 'pending'
            ? conflict(`Agent ${agentId} has not been started (status pending); ${what}`)
            : conflict(`Agent ${agentId} is ${status}, not running; ${what}`);
        switch (command as AgentCommand) {
          case 'RESTART':
            return { status: 'running', paused_until: null };
          case 'PAUSE':
            if (!isConnected(status)) throw notStarted('only a running agent can be paused');
            return { status: 'paused', paused_until: new Date(now.getTime() + PAUSE_HOURS * 3600_000).toISOString() };
          case 'RESUME':
            if (!isConnected(status)) throw notStarted('send RESTART to start it');
            return { status: 'running', paused_until: null };
        }
      });
    },

    async allowlist(actor: Actor, agentId: string) {
      policy.assert(actor, 'agents.read');
      return allowlistView(parseAllowlist(await find(actor, agentId)));
    },

    /** Merge: listed projects are added, listed environments are added to what is there. */
    async addToAllowlist(actor: Actor, agentId: string, input: AllowlistInput) {
      policy.assert(actor, 'agents.manage');
      // Project ids in any case name the same project: keyed lower-case, the same id given in
      // several cases is one entry with the environments of each.
      const wanted = new Map<string, string[]>();
      for (const [key, entry] of Object.entries(input.projects)) {
        const pid = key.toLowerCase();
        wanted.set(pid, [...(wanted.get(pid) ?? []), ...(entry?.environments ?? [])]);
      }
      if (wanted.size === 0) throw invalid('projects', 'must name at least one project');
      const missing = new Violations();
      for (const pid of wanted.keys()) if (!(await projects.find(actor.accountId, pid))) missing.add(`projects.${pid}`, 'no such project in this account');
      missing.throwIfAny();
      const view = await change(actor, agentId, 'changing its allowlist', (row) => {
        const m = parseAllowlist(row);
        for (const [pid, environments] of wanted) {
          const envs = new Set(m[pid] ?? []);
          for (const e of environments) envs.add(e);
          m[pid] = [...envs];
        }
        return { allowlist: JSON.stringify(m) };
      });
      return service.allowlist(actor, view.agentId);
    },

    credentials: (actor: Actor, agentId: string) => agentCredentials.read(actor, agentId),

    /** In-process: an agent of the account, as other resources need it. */
    async lookup(accountId: string, agentId: string): Promise<AgentRef | undefined> {
      const row = await agents.find(accountId, agentId);
      if (!row) return undefined;
      return { id: row.id, name: row.name, hosted: row.hosted === 1, projectId: row.project_id, usableBy: (projectId) => agentAllowedFor(row, projectId) };
    },
    /** `POST …/credentials`: `action` in any case; SECRET_REFRESH is the only one. */
    credentialsAction(actor: Actor, agentId: string, action: string) {
      policy.assert(actor, 'agents.manage');
      const v = new Violations();
      canonical(v, 'action', action, CREDENTIAL_ACTIONS);
      v.throwIfAny();
      return agentCredentials.refresh(actor, agentId);
    },
  };
  const agentCredentials = createAgentCredentialAccess({ agents, policy, credentials, findHybrid });
  return service;
}
export type AgentsService = ReturnType<typeof createAgentsService>;
