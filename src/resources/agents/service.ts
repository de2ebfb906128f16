import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../core/db/db.js';
import { badRequest, conflict, forbidden, invalid, Violations } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import { addToAllowlist, readAllowlist } from './allowlist.js';
import { agentEvent, change, find, findHybrid, nameTaken, type AgentsDeps } from './changes.js';
import { commandAgent } from './commands.js';
import { createAgentCredentialAccess } from './credentials.js';
import {
  agentAllowedFor,
  agentView,
  canonical,
  canonicalCreate,
  canonicalPatch,
  checkCombination,
  CREDENTIAL_ACTIONS,
  effectiveStatus,
  type AllowlistInput,
  type CreateAgentInput,
  type PatchAgentInput,
} from './rules.js';
import type { AgentRow } from './store.js';

export type { AgentsDeps };

type AgentCredentialAccess = ReturnType<typeof createAgentCredentialAccess>;

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

async function listAgents(d: AgentsDeps, actor: Actor, q: PageQuery) {
  d.policy.assert(actor, 'agents.read');
  const w = pageWindow(q);
  const { rows, total } = await d.agents.page(actor.accountId, w.offset, w.limit);
  const now = d.clock();
  return toPage(w, total, rows, (r) => agentView(r, now));
}

/** Account roles with agents.read; an agent's own credential may read that agent only. */
async function getAgent(d: AgentsDeps, actor: Actor, agentId: string) {
  if (actor.kind === 'agent') {
    if (actor.agentId !== agentId) throw forbidden('An agent credential may only read its own agent');
  } else d.policy.assert(actor, 'agents.read');
  return agentView(await find(d, actor, agentId), d.clock());
}

async function createAgent(d: AgentsDeps, actor: Actor, input: CreateAgentInput) {
  d.policy.assert(actor, 'agents.manage');
  const v = new Violations();
  input = canonicalCreate(v, input);
  checkCombination(v, input.agentType, input.cloudProvider, input.deployment, input);
  if (input.name.trim() === '') v.add('name', 'must not be blank');
  v.throwIfAny();
  const row = newAgentRow(actor, input, d.clock().toISOString());
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.agents.insert(row, trx);
      await d.audit.record(trx, actor, agentEvent(row, 'agent_created', 'CREATE', 'Agent created', { agentType: row.agent_type, cloudProvider: row.cloud_provider, deployment: row.deployment }));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
  return agentView(row, d.clock());
}

/** A new customer (hybrid) agent: pending until started, with an empty allowlist. */
function newAgentRow(actor: Actor, input: CreateAgentInput, now: string): AgentRow {
  return {
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
}

async function updateAgent(d: AgentsDeps, actor: Actor, agentId: string, input: PatchAgentInput) {
  d.policy.assert(actor, 'agents.manage');
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
  return change(d, actor, agentId, 'changing it', (row) => {
    const v = new Violations();
    checkCombination(v, row.agent_type, row.cloud_provider, undefined, input);
    v.throwIfAny();
    return patchedFields(input);
  }, (row) => agentEvent(row, 'agent_updated', 'UPDATE', 'Agent updated', { changed: given }));
}

/** The columns a patch sets: only the fields it names. */
function patchedFields(input: PatchAgentInput): Partial<AgentRow> {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.trackName !== undefined ? { track_name: input.trackName } : {}),
    ...(input.enableAutoUpdates !== undefined ? { enable_auto_updates: input.enableAutoUpdates ? 1 : 0 } : {}),
    ...(input.restrictedAccess !== undefined ? { restricted_access: input.restrictedAccess ? 1 : 0 } : {}),
  };
}

async function deleteAgent(d: AgentsDeps, actor: Actor, agentId: string) {
  d.policy.assert(actor, 'agents.manage');
  const row = await findHybrid(d, actor, agentId, 'deleting it (it is deleted with its project)');
  if (effectiveStatus(row, d.clock()) === 'running') {
    throw conflict(`Agent ${agentId} is running; PAUSE it (POST /v1/agents/${agentId}/commands) before deleting it`);
  }
  const gone = await d.db.transaction().execute(async (trx) => {
    if (!(await d.agents.deleteIfUnchanged(actor.accountId, agentId, row.updated_at, trx))) return null;
    await d.audit.record(trx, actor, agentEvent(row, 'agent_deleted', 'DELETE', 'Agent deleted'));
    return d.credentials.removeIn(trx, actor.accountId, agentId);
  });
  if (gone) d.credentials.committed(gone);
  if (!gone) throw conflict(`Agent ${agentId} changed while it was being deleted; retry`);
}

/** In-process: an agent of the account, as other resources need it. */
async function lookupAgent(d: AgentsDeps, accountId: string, agentId: string): Promise<AgentRef | undefined> {
  const row = await d.agents.find(accountId, agentId);
  if (!row) return undefined;
  return { id: row.id, name: row.name, hosted: row.hosted === 1, projectId: row.project_id, usableBy: (projectId) => agentAllowedFor(row, projectId) };
}

/** `POST …/credentials`: `action` in any case; SECRET_REFRESH is the only one. */
function credentialsAction(d: AgentsDeps, access: AgentCredentialAccess, actor: Actor, agentId: string, action: string) {
  d.policy.assert(actor, 'agents.manage');
  const v = new Violations();
  canonical(v, 'action', action, CREDENTIAL_ACTIONS);
  v.throwIfAny();
  return access.refresh(actor, agentId);
}

export function createAgentsService(d: AgentsDeps) {
  const agentCredentials = createAgentCredentialAccess({
    audit: d.audit,
    agents: d.agents,
    policy: d.policy,
    credentials: d.credentials,
    findHybrid: (actor, agentId, what) => findHybrid(d, actor, agentId, what),
  });
  return {
    list: (actor: Actor, q: PageQuery) => listAgents(d, actor, q),
    get: (actor: Actor, agentId: string) => getAgent(d, actor, agentId),
    create: (actor: Actor, input: CreateAgentInput) => createAgent(d, actor, input),
    update: (actor: Actor, agentId: string, input: PatchAgentInput) => updateAgent(d, actor, agentId, input),
    delete: (actor: Actor, agentId: string) => deleteAgent(d, actor, agentId),
    command: (actor: Actor, agentId: string, given: string) => commandAgent(d, actor, agentId, given),
    allowlist: (actor: Actor, agentId: string) => readAllowlist(d, actor, agentId),
    addToAllowlist: (actor: Actor, agentId: string, input: AllowlistInput) => addToAllowlist(d, actor, agentId, input),
    credentials: (actor: Actor, agentId: string) => agentCredentials.read(actor, agentId),
    lookup: (accountId: string, agentId: string) => lookupAgent(d, accountId, agentId),
    credentialsAction: (actor: Actor, agentId: string, action: string) => credentialsAction(d, agentCredentials, actor, agentId, action),
  };
}
export type AgentsService = ReturnType<typeof createAgentsService>;
