import { Violations } from '../../core/errors.js';
import type { AgentListRow, AgentRow } from './store.js';

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

export const AGENT_TYPES = Object.keys(DEPLOYMENTS);
export const CLOUD_PROVIDERS = ['aws', 'azure', 'snowflake', 'gcp'] as const;
export const ALL_DEPLOYMENTS = ['fargate', 'eks', 'container app', 'aks', 'aci', 'native app', 'gke', 'gce'] as const;
export const TRACK_NAMES = ['current', 'stable'] as const;

/**
 * Life cycle. Plinth runs no agent processes, so status is driven by the API alone:
 *
 * - a new hybrid agent is `pending` (never started, not connected);
 * - RESTART starts or restarts it → `running` (from any status);
 * - PAUSE → `paused` for PAUSE_HOURS (`pausedUntil`); only a running or paused agent can be paused;
 * - RESUME → `running`; only a paused (or already running) agent can be resumed;
 * - a pause lapses by itself: once `pausedUntil` has passed the agent reads as `running`;
 * - DELETE is refused (409) while the agent is `running`; every other status can be deleted.
 *
 * `stopped` and `unknown` are statuses the SaaS documents that an agent process reports (it
 * stopped; it has not been heard from). Plinth never sets them itself, but a row may hold them
 * (written by an operator or a future agent channel): such an agent is not connected, RESTART
 * brings it back, PAUSE and RESUME are 409 (as for `pending`), DELETE is allowed.
 *
 * A Matillion-hosted agent is created `running` with its FULL_SAAS project and deleted with it;
 * it cannot be changed, commanded, deleted or given credentials through the API (409).
 */
export const AGENT_STATUSES = ['pending', 'running', 'paused', 'stopped', 'unknown'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const PAUSE_HOURS = 24;
export const AGENT_COMMANDS = ['RESTART', 'PAUSE', 'RESUME'] as const;
export type AgentCommand = (typeof AGENT_COMMANDS)[number];
export const CREDENTIAL_ACTIONS = ['SECRET_REFRESH'] as const;
export type CredentialAction = (typeof CREDENTIAL_ACTIONS)[number];

/**
 * Agent enums are matched case-insensitively, like every other enum of the API, and stored and
 * returned in their canonical form (the contract's spelling: lower case for the agent's fields,
 * upper case for commands and actions). Undefined (and a violation) when the value is unknown.
 */
export function canonical<T extends string>(v: Violations, field: string, value: string, allowed: readonly T[]): T | undefined {
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (hit === undefined) v.add(field, `must be one of: ${allowed.join(', ')} (case-insensitive)`);
  return hit;
}

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

export type AllowlistMap = Record<string, string[]>;

export function effectiveStatus(r: Pick<AgentRow, 'status' | 'paused_until'>, now: Date): AgentStatus {
  if (r.status === 'paused' && r.paused_until && r.paused_until <= now.toISOString()) return 'running';
  // Stored lower-case; a value written around the API in another case reads canonical, and one
  // that is no status at all reads as `unknown` (the response schema lists the statuses).
  const status = r.status.toLowerCase();
  return (AGENT_STATUSES as readonly string[]).includes(status) ? (status as AgentStatus) : 'unknown';
}

/** Whether the agent process is (as far as Plinth knows) connected: it was started and has not stopped. */
export const isConnected = (status: AgentStatus) => status === 'running' || status === 'paused';

export function agentView(r: AgentListRow, now: Date) {
  const status = effectiveStatus(r, now);
  const trackName = r.track_name ?? 'current';
  const track = TRACKS[trackName] ?? TRACKS.current!;
  return {
    agentId: r.id,
    agentStatus: status,
    agentType: r.agent_type,
    cloudProvider: r.cloud_provider,
    connected: isConnected(status),
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

export function parseAllowlist(r: AgentRow): AllowlistMap {
  try {
    const v = JSON.parse(r.allowlist);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export const allowlistView = (m: AllowlistMap) => ({
  projects: Object.fromEntries(Object.entries(m).map(([pid, envs]) => [pid, { environments: envs }])),
});

/**
 * A create body in canonical form: agentType, cloudProvider, deployment and trackName matched
 * case-insensitively and lower-cased; each unknown value is a violation naming its field.
 */
export function canonicalCreate(v: Violations, input: CreateAgentInput): CreateAgentInput {
  const agentType = canonical(v, 'agentType', input.agentType, AGENT_TYPES);
  const cloudProvider = canonical(v, 'cloudProvider', input.cloudProvider, CLOUD_PROVIDERS);
  const deployment = canonical(v, 'deployment', input.deployment, ALL_DEPLOYMENTS);
  const trackName = input.trackName === undefined ? undefined : canonical(v, 'trackName', input.trackName, TRACK_NAMES);
  return {
    ...input,
    agentType: agentType ?? input.agentType,
    cloudProvider: cloudProvider ?? input.cloudProvider,
    deployment: deployment ?? input.deployment,
    ...(input.trackName !== undefined ? { trackName: trackName ?? input.trackName } : {}),
  };
}

/** A PATCH body in canonical form (trackName lower-cased). */
export function canonicalPatch(v: Violations, input: PatchAgentInput): PatchAgentInput {
  if (input.trackName === undefined) return input;
  return { ...input, trackName: canonical(v, 'trackName', input.trackName, TRACK_NAMES) ?? input.trackName };
}

/**
 * The rules that depend on the type/provider pair, on canonical values. A value `canonical`
 * already refused (not a known agentType, cloudProvider or deployment at all) is not judged again.
 */
export function checkCombination(
  v: Violations,
  type: string,
  provider: string,
  deployment: string | undefined,
  opts: { enableAutoUpdates?: boolean; restrictedAccess?: boolean },
) {
  const providers = DEPLOYMENTS[type];
  const deployments = providers?.[provider];
  if (providers && !deployments) {
    if ((CLOUD_PROVIDERS as readonly string[]).includes(provider)) v.add('cloudProvider', `must be one of ${Object.keys(providers).join(', ')} for agentType ${type}`);
  } else if (deployments && deployment !== undefined && !deployments.includes(deployment)) {
    if ((ALL_DEPLOYMENTS as readonly string[]).includes(deployment)) v.add('deployment', `must be one of ${deployments.join(', ')} for agentType ${type} on ${provider}`);
  }
  if (opts.enableAutoUpdates === true && (type === 'streaming' || provider === 'snowflake')) {
    v.add('enableAutoUpdates', 'automatic updates are not available for streaming or Snowflake agents');
  }
  if (opts.restrictedAccess === true && type === 'streaming') {
    v.add('restrictedAccess', 'restricted access is not available for streaming agents');
  }
}

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
