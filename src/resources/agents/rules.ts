import { Violations } from '../../core/errors.js';
import type { AgentRow } from './store.js';

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

export type AllowlistMap = Record<string, string[]>;

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

/** The rules that depend on the type/provider pair; `field` prefixes name where the value came from. */
export function checkCombination(type: string, provider: string, deployment: string | undefined, opts: { enableAutoUpdates?: boolean; restrictedAccess?: boolean }) {
  const v = new Violations();
  const providers = DEPLOYMENTS[type];
  if (!providers) v.add('agentType', `must be one of: ${Object.keys(DEPLOYMENTS).join(', ')}`);
  else if (!providers[provider]) v.add('cloudProvider', `must be one of ${Object.keys(providers).join(', ')} for agentType ${type}`);
  else if (deployment !== undefined && !providers[provider]!.includes(deployment)) {
    v.add('deployment', `must be one of ${providers[provider]!.join(', ')} for agentType ${type} on ${provider}`);
  }
  if (opts.enableAutoUpdates === true && (type === 'streaming' || provider === 'snowflake')) {
    v.add('enableAutoUpdates', 'automatic updates are not available for streaming or Snowflake agents');
  }
  if (opts.restrictedAccess === true && type === 'streaming') {
    v.add('restrictedAccess', 'restricted access is not available for streaming agents');
  }
  return v;
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
