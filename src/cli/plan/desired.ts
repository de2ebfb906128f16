/**
 * What the project file asks for, in the API's terms: agent references resolved to ids, default
 * connections and override auth types filled in as the server would. Shared by plan (to compare),
 * apply (to build request bodies) and export (to leave out what the file implies).
 */
import type { AgentRef, EnvironmentSpec, OverrideSpec, ProjectFile, SecretReferenceSpec } from '../spec.js';
import type { ActualState } from '../state.js';
import { HOSTED_AGENT_PENDING, PlanError } from './model.js';

export const warehouseAuthType = (warehouse: string) => (warehouse === 'REDSHIFT' ? 'PASSWORD' : 'KEY_PAIR');

/** Resolves agent references against the account's agents. */
export class Agents {
  constructor(
    private readonly state: ActualState,
    private readonly hostedPending: boolean,
  ) {}
  id(ref: AgentRef, where: string): string {
    if (ref === 'hosted') {
      if (this.hostedPending) return HOSTED_AGENT_PENDING;
      if (!this.state.hostedAgent) throw new PlanError(`${where}: the project has no Matillion-hosted agent the server shows (hosted agents are a Plinth addition to the agents list; name the agent with {id: ...} instead)`);
      return this.state.hostedAgent.agentId;
    }
    if ('id' in ref) return ref.id.toLowerCase();
    const found = this.state.agents.filter((a) => a.name === ref.name && !a.hosted);
    if (found.length === 1) return found[0].agentId;
    if (!this.state.agentsReadable) throw new PlanError(`${where}: cannot resolve agent "${ref.name}": this credential may not list agents (give {id: ...})`);
    throw new PlanError(`${where}: no customer-hosted agent named "${ref.name}" in the account`);
  }
  /** The reference to write for an agent id (export): `hosted`, `{name}` or `{id}`. */
  ref(agentId: string | undefined): AgentRef | undefined {
    if (!agentId) return undefined;
    if (this.state.hostedAgent?.agentId === agentId) return 'hosted';
    const a = this.state.agents.find((x) => x.agentId === agentId);
    if (a && !a.hosted && this.state.agents.filter((x) => x.name === a.name && !x.hosted).length === 1) return { name: a.name };
    return { id: agentId };
  }
}

/** The agent an environment uses by default when it names none. */
export function fileDefaultAgent(f: ProjectFile): AgentRef | undefined {
  return f.defaultAgent ?? (f.project.agentDeploymentType === 'FULL_SAAS' ? 'hosted' : undefined);
}

export function desiredDefaultConnections(f: ProjectFile, env: EnvironmentSpec) {
  const out: Record<string, Record<string, string>> = {};
  const dwh = env.defaultConnections?.DWH ?? (f.warehouseConnection ? { [f.project.warehouse.toLowerCase()]: f.warehouseConnection.name } : undefined);
  if (dwh) out.DWH = lowerKeys(dwh);
  if (env.defaultConnections?.CLOUD_PLATFORM) out.CLOUD_PLATFORM = lowerKeys(env.defaultConnections.CLOUD_PLATFORM);
  return out;
}
export const lowerKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

/** The name of the environment's default DWH connection. */
export const dwhConnectionOf = (f: ProjectFile, env: EnvironmentSpec) => Object.values(desiredDefaultConnections(f, env).DWH ?? {})[0];

export function secretRefDesired(r: SecretReferenceSpec, agents: Agents, where: string) {
  return {
    agentType: r.agentType,
    secretReferenceType: r.secretReferenceType ?? 'PASSWORD',
    description: r.description,
    secretName: r.secretName,
    secretKey: r.secretKey,
    vaultName: r.vaultName,
    agentId: r.agentType === 'Matillion hosted' ? agents.id('hosted', where) : r.agent ? agents.id(r.agent, where) : undefined,
  };
}

export function environmentDesired(f: ProjectFile, e: EnvironmentSpec, agents: Agents, where: string) {
  const ref = e.defaultAgent ?? fileDefaultAgent(f);
  if (!ref) throw new PlanError(`${where}.defaultAgent: is required for a HYBRID project`);
  return {
    displayName: e.displayName,
    description: e.description,
    defaultAgentId: agents.id(ref, `${where}.defaultAgent`),
    defaultUserAccessLevel: e.defaultUserAccessLevel,
    defaultConnections: desiredDefaultConnections(f, e),
  };
}

/** An override's authType when the file gives none: the connection's. */
export function overrideAuthType(f: ProjectFile, o: OverrideSpec, state: ActualState): string {
  if (o.authType) return o.authType.toUpperCase();
  if (f.warehouseConnection?.name === o.connectionName) return f.warehouseConnection.authType ?? warehouseAuthType(f.project.warehouse);
  const c = f.connections?.find((x) => x.name === o.connectionName);
  if (c) return c.authType.toUpperCase();
  const a = state.connections.find((x) => x.name === o.connectionName);
  if (a) return a.authType;
  throw new PlanError(`an override of environment connection "${o.connectionName}": the connection is neither in the file nor on the server`);
}

export const overrideDesired = (f: ProjectFile, o: OverrideSpec, state: ActualState) => ({ authType: overrideAuthType(f, o, state), secretsLocation: o.secretsLocation, connectionProperties: o.connectionProperties });
