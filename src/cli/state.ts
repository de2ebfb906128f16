/**
 * What a project looks like on the server, read through the SDK (HTTP only).
 *
 * Reads use the SaaS contract where it has the call (projects, agents, connections,
 * environments, environment overrides). Three reads are Plinth extensions
 * (`x-plinth-extension`): the secrets of a hosted agent, the secret references of a project and
 * the project's repository. When a server does not serve them (the SaaS: 404/405), that part of
 * the state is `unknown`: plan shows those resources as "create if absent" and apply creates
 * them under the 409 rule (an existing one is left as it is).
 */
import type { components } from '../generated/openapi-types.js';
import { PlinthApiError, type PlinthClient } from '../sdk/index.js';

type S = components['schemas'];
export type Project = S['Project'];
export type Agent = S['Agent'];
export type Connection = S['ProjectConnectionResponse'];
export type EnvironmentSummary = S['EnvironmentSummary'];
export type Override = S['EnvironmentConnectionOverrideResponse'];
export type SecretValueInfo = S['SecretValueInfo'];
export type SecretReference = S['SecretReference'];
export type Repository = S['Repository'];

export const UNKNOWN = Symbol('unknown (not served)');
export type Maybe<T> = T | typeof UNKNOWN;

export interface ActualState {
  project?: Project;
  /** Every agent of the account (empty when the credential may not list agents). */
  agents: Agent[];
  agentsReadable: boolean;
  /** The project's Matillion-hosted agent (Plinth marks it `hosted: true, projectId`). */
  hostedAgent?: Agent;
  secrets: Maybe<SecretValueInfo[]>;
  secretReferences: Maybe<SecretReference[]>;
  connections: Connection[];
  environments: EnvironmentSummary[];
  overrides: Map<string, Override[]>;
  repository: Maybe<Repository | undefined>;
}

/** Every item of a list (all its pages). */
export const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** A read that is a Plinth extension: UNKNOWN when the server does not serve it. */
async function extension<T>(read: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof PlinthApiError && (err.status === 404 || err.status === 405 || err.status === 501)) return UNKNOWN;
    throw err;
  }
}

export async function findProject(api: PlinthClient, name: string): Promise<Project | undefined> {
  for await (const p of api.paginate('/v1/projects')) if (p.name === name) return p;
  return undefined;
}

export async function listAgents(api: PlinthClient): Promise<{ agents: Agent[]; readable: boolean }> {
  try {
    return { agents: await all(api.paginate('/v1/agents')), readable: true };
  } catch (err) {
    if (err instanceof PlinthApiError && err.status === 403) return { agents: [], readable: false };
    throw err;
  }
}

export const hostedAgentOf = (agents: Agent[], projectId: string | undefined) => (projectId ? agents.find((a) => a.hosted && a.projectId === projectId) : undefined);

export async function readState(api: PlinthClient, projectName: string, onProgress?: (what: string) => void): Promise<ActualState> {
  onProgress?.('project');
  const project = await findProject(api, projectName);
  const { agents, readable } = await listAgents(api);
  const state: ActualState = {
    project,
    agents,
    agentsReadable: readable,
    hostedAgent: hostedAgentOf(agents, project?.id),
    secrets: [],
    secretReferences: [],
    connections: [],
    environments: [],
    overrides: new Map(),
    repository: undefined,
  };
  if (!project) return state;
  const projectId = project.id;
  const path = { projectId };
  onProgress?.('connections');
  state.connections = await all(api.paginate('/v1/projects/{projectId}/connections', { params: { path } }));
  onProgress?.('environments');
  state.environments = await all(api.paginate('/v1/projects/{projectId}/environments', { params: { path } }));
  for (const env of state.environments) {
    state.overrides.set(env.name, await all(api.paginate('/v1/projects/{projectId}/connections/environment-overrides', { params: { path, query: { environmentName: env.name } } })));
  }
  onProgress?.('secret references');
  state.secretReferences = await extension(() => all(api.paginate('/v1/projects/{projectId}/secret-references', { params: { path } })));
  if (state.hostedAgent) {
    const agentId = state.hostedAgent.agentId;
    state.secrets = await extension(() => all(api.paginate('/v1/secrets/{agentId}/secret-values', { params: { path: { agentId } } })));
  } else if (project.agentDeploymentType === 'FULL_SAAS') state.secrets = UNKNOWN;
  onProgress?.('repository');
  state.repository = await extension(async () => (await api.GET('/v1/projects/{projectId}/repositories', { params: { path } })).results[0]);
  return state;
}
