import { randomUUID } from 'node:crypto';
import type { EnvironmentPermission, EnvironmentRole, ProjectRole } from '../../src/core/grants.js';
import type { Permission, Role } from '../../src/core/policy.js';
import type { TestApp } from './app.js';
import { credential, environmentBody, ok } from './access.js';
import { snowflakeProps, uniq } from './fixtures.js';
import { tfPostgresToSnowflake } from './streaming.js';

/**
 * The permission matrix's table (test/api/permission-matrix.test.ts runs it): for every operation
 * of the served contract, the permission it needs and a factory for a request that exercises it.
 */

export type ProjectPermission = 'projects.read' | 'projects.write' | 'projects.delete';
export type Need = { account: Permission } | { project: ProjectPermission } | { env: EnvironmentPermission };

export interface Caller {
  label: string;
  role: Role;
  projectRole: ProjectRole | null;
  envRole: EnvironmentRole | null;
  clientId: string;
  token: string;
}

interface Req {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Fx {
  t: TestApp;
  admin: string;
  projectId: string;
  hostedAgentId: string;
  hybridAgentId: string;
  userId: string;
  target: string;
  streamingId: string;
}

interface Entry {
  need: Need;
  req: (fx: Fx, who: Caller) => Req | Promise<Req>;
  partial?: true;
  /** Not called on this database (a known defect of the operation, named in `why`). */
  skipOn?: 'sqlite' | 'postgres';
  why?: string;
}

export const P = (fx: Fx, path = '') => `/v1/projects/${fx.projectId}${path}`;
export const ENV = 'e1';
export const fakeId = () => randomUUID();

/** Re-grants the caller on the project with its environment role on `e1` and on `extra` too. */
export async function regrant(fx: Fx, who: Caller, projectId: string, extraEnv?: string) {
  if (!who.projectRole) return;
  const environmentRoles: Record<string, string> = {};
  if (who.envRole && projectId === fx.projectId) environmentRoles[ENV] = who.envRole;
  if (who.envRole && extraEnv) environmentRoles[extraEnv] = who.envRole;
  ok(await fx.t.inject({ method: 'PUT', url: `/v1/projects/${projectId}/members/${who.clientId}`, token: fx.admin, body: { role: who.projectRole, environmentRoles } }), 200);
}

/** A fresh environment of the project on which the caller holds its environment role. */
async function freshEnvironment(fx: Fx, who: Caller) {
  const name = uniq('env');
  ok(await fx.t.inject({ method: 'POST', url: P(fx, '/environments'), token: fx.admin, body: environmentBody(fx.hostedAgentId, name) }), 201);
  await regrant(fx, who, fx.projectId, name);
  return name;
}

export async function adminPost(fx: Fx, url: string, body: unknown, status = 201) {
  return ok(await fx.t.inject({ method: 'POST', url, token: fx.admin, body }), status);
}

export const basic = (name: string) => ({ name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });
export const agentBody = () => ({ name: uniq('agent'), agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' });
const overrideBody = () => ({ environmentName: ENV, connectionName: 'sf-dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: snowflakeProps() } });

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const hourAhead = () => new Date(Date.now() + 3600_000).toISOString();

/** A one-file artifact upload (multipart) to environment e1 under a new version name. */
function multipartArtifact(): Req {
  const boundary = `----matrix${randomUUID().slice(0, 8)}`;
  const file = 'type: "orchestration"\nversion: "1.0"\npipeline:\n  components: {}\n';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="p.orch.yaml"\r\nContent-Type: application/octet-stream\r\n\r\n${file}\r\n--${boundary}--\r\n`;
  return { method: 'POST', url: '', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, versionName: uniq('v'), environmentName: ENV } };
}

const SCIM = '/v1/directory-integration/scim/v2';
const SCIM_JSON = { 'content-type': 'application/scim+json' };

export const MATRIX: Record<string, Entry> = {
  // Projects
  createProject: { need: { account: 'projects.create' }, req: () => ({ method: 'POST', url: '/v1/projects', body: { name: uniq('m'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } }) },
  listProjects: { need: { account: 'authenticated' }, req: () => ({ method: 'GET', url: '/v1/projects' }) },
  getProject: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx) }) },
  deleteProject: {
    need: { project: 'projects.delete' },
    async req(fx, who) {
      const { projectId } = await adminPost(fx, '/v1/projects', { name: uniq('del'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' });
      await regrant(fx, who, projectId);
      return { method: 'DELETE', url: `/v1/projects/${projectId}` };
    },
  },
  // API credentials
  createApiCredential: { need: { account: 'apiCredentials.manage' }, req: () => ({ method: 'POST', url: '/v1/api-credentials', body: { name: uniq('c'), role: 'MEMBER' } }) },
  listApiCredentials: { need: { account: 'apiCredentials.manage' }, req: () => ({ method: 'GET', url: '/v1/api-credentials' }) },
  deleteApiCredential: {
    need: { account: 'apiCredentials.manage' },
    async req(fx) {
      const c = await adminPost(fx, '/v1/api-credentials', { name: uniq('gone'), role: 'MEMBER' });
      return { method: 'DELETE', url: `/v1/api-credentials/${c.clientId}` };
    },
  },
  // Users and invitations (the people module)
  listUsers: { need: { account: 'users.read' }, req: () => ({ method: 'GET', url: '/v1/users' }) },
  getUser: { need: { account: 'users.read' }, req: (fx) => ({ method: 'GET', url: `/v1/users/${fx.userId}` }) },
  updateUser: { need: { account: 'users.manage' }, req: () => ({ method: 'PATCH', url: `/v1/users/${fakeId()}`, body: { role: 'MEMBER' } }), partial: true },
  deleteUser: { need: { account: 'users.manage' }, req: () => ({ method: 'DELETE', url: `/v1/users/${fakeId()}` }), partial: true },
  createInvitation: { need: { account: 'users.manage' }, req: () => ({ method: 'POST', url: '/v1/invitations', body: { email: `${uniq('inv')}@example.com`, role: 'MEMBER' } }) },
  listInvitations: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: '/v1/invitations' }) },
  deleteInvitation: { need: { account: 'users.manage' }, req: () => ({ method: 'DELETE', url: `/v1/invitations/${fakeId()}` }), partial: true },
  // Agents and their hosted secrets
  listAgents: { need: { account: 'agents.read' }, req: () => ({ method: 'GET', url: '/v1/agents' }) },
  createAgent: { need: { account: 'agents.manage' }, req: () => ({ method: 'POST', url: '/v1/agents', body: agentBody() }) },
  getAgent: { need: { account: 'agents.read' }, req: (fx) => ({ method: 'GET', url: `/v1/agents/${fx.hybridAgentId}` }) },
  updateAgent: { need: { account: 'agents.manage' }, req: (fx) => ({ method: 'PATCH', url: `/v1/agents/${fx.hybridAgentId}`, body: { description: uniq('d') } }) },
  deleteAgent: {
    need: { account: 'agents.manage' },
    async req(fx) {
      const a = await adminPost(fx, '/v1/agents', agentBody());
      return { method: 'DELETE', url: `/v1/agents/${a.agentId}` };
    },
  },
  getAgentCredentials: { need: { account: 'agents.manage' }, req: (fx) => ({ method: 'GET', url: `/v1/agents/${fx.hybridAgentId}/credentials` }) },
  refreshAgentCredentials: {
    need: { account: 'agents.manage' },
    async req(fx) {
      const a = await adminPost(fx, '/v1/agents', agentBody());
      return { method: 'POST', url: `/v1/agents/${a.agentId}/credentials`, body: { action: 'SECRET_REFRESH' } };
    },
  },
  getAgentAllowlist: { need: { account: 'agents.read' }, req: (fx) => ({ method: 'GET', url: `/v1/agents/${fx.hybridAgentId}/allowlist` }) },
  updateAgentAllowlist: { need: { account: 'agents.manage' }, req: (fx) => ({ method: 'PATCH', url: `/v1/agents/${fx.hybridAgentId}/allowlist`, body: { projects: { [fx.projectId]: { environments: [] } } } }) },
  agentCommand: { need: { account: 'agents.manage' }, req: (fx) => ({ method: 'POST', url: `/v1/agents/${fx.hybridAgentId}/commands`, body: { command: 'RESTART' } }) },
  createSecretValue: { need: { account: 'agents.manage' }, req: (fx) => ({ method: 'POST', url: `/v1/secrets/${fx.hostedAgentId}/secret-value`, body: { type: 'DWH_PASSWORD', name: uniq('s'), key: 'k', value: 'v' } }) },
  listSecretValues: { need: { account: 'agents.read' }, req: (fx) => ({ method: 'GET', url: `/v1/secrets/${fx.hostedAgentId}/secret-values` }) },
  deleteSecretValue: {
    need: { account: 'agents.manage' },
    async req(fx) {
      const name = uniq('sv');
      await adminPost(fx, `/v1/secrets/${fx.hostedAgentId}/secret-value`, { type: 'DWH_PASSWORD', name, key: 'k', value: 'v' });
      return { method: 'DELETE', url: `/v1/secrets/${fx.hostedAgentId}/secret-values/${name}` };
    },
  },
  // Secret references
  listSecretReferences: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/secret-references') }) },
  createSecretReference: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, `/secret-references/${uniq('ref')}`), body: { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/x' } }) },
  deleteSecretReference: {
    need: { project: 'projects.delete' },
    async req(fx) {
      const name = uniq('ref');
      await adminPost(fx, P(fx, `/secret-references/${name}`), { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/x' });
      return { method: 'DELETE', url: P(fx, `/secret-references/${name}`) };
    },
  },
  // Connections
  createDataPlatformConnection: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/data-platform-connections'), body: { name: uniq('dwh'), platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }) },
  createProjectConnection: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/connections'), body: basic(uniq('b')) }) },
  listProjectConnections: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/connections') }) },
  updateProjectConnection: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'PUT', url: `${P(fx, '/connections')}?connectionName=basic`, body: { platformConnectionType: 'COMPONENT_BASIC', authType: 'GENERIC_SECRET' } }) },
  deleteProjectConnection: {
    need: { project: 'projects.delete' },
    async req(fx) {
      const name = uniq('gone');
      await adminPost(fx, P(fx, '/connections'), basic(name));
      return { method: 'DELETE', url: `${P(fx, '/connections')}?connectionName=${name}` };
    },
  },
  // Environment connection overrides (the environment's role)
  // An allowed create meets the override the environment was created with: 409.
  createEnvironmentConnectionOverride: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'POST', url: P(fx, '/connections/environment-overrides'), body: overrideBody() }) },
  updateEnvironmentConnectionOverride: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'PUT', url: P(fx, '/connections/environment-overrides'), body: overrideBody() }) },
  listEnvironmentConnectionOverrides: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: `${P(fx, '/connections/environment-overrides')}?environmentName=${ENV}` }) },
  deleteEnvironmentConnectionOverrides: {
    need: { env: 'environment.manage' },
    async req(fx, who) {
      const name = await freshEnvironment(fx, who);
      return { method: 'DELETE', url: `${P(fx, '/connections/environment-overrides')}?environmentName=${name}&connectionNames=sf-dwh` };
    },
  },
  // Environments
  createEnvironment: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/environments'), body: environmentBody(fx.hostedAgentId, uniq('new')) }) },
  listEnvironments: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/environments') }) },
  getEnvironment: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/environments/${ENV}`) }) },
  updateEnvironment: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'PATCH', url: P(fx, `/environments/${ENV}`), body: { description: uniq('d') } }) },
  deleteEnvironment: {
    need: { env: 'environment.delete' },
    async req(fx, who) {
      return { method: 'DELETE', url: P(fx, `/environments/${await freshEnvironment(fx, who)}`) };
    },
  },
  // Members
  listProjectMembers: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/members') }) },
  putProjectMember: { need: { project: 'projects.delete' }, req: (fx) => ({ method: 'PUT', url: P(fx, `/members/${fx.target}`), body: { role: 'VIEWER' } }) },
  deleteProjectMember: {
    need: { project: 'projects.delete' },
    async req(fx) {
      const c = await credential(fx.t, 'MEMBER');
      ok(await fx.t.inject({ method: 'PUT', url: P(fx, `/members/${c.clientId}`), token: fx.admin, body: { role: 'VIEWER' } }), 200);
      return { method: 'DELETE', url: P(fx, `/members/${c.clientId}`) };
    },
  },
  // Repositories (the project has a GitHub repository: associating again is 409, rotating a non-GitLab token 409)
  associateRepository: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/repositories'), body: { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } } }) },
  listRepositories: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/repositories') }) },
  rotateRepositoryToken: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/repositories/token'), headers: { 'git-provider-access-token': 'glpat-xxxxxxxxxxxxxxxxxxxx' } }) },
  // Artifacts and published pipelines (issue 15)
  createArtifact: { need: { env: 'environment.publish' }, req: (fx) => ({ ...multipartArtifact(), url: P(fx, '/artifacts') }) },
  listArtifacts: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: `${P(fx, '/artifacts')}?environmentName=${ENV}` }) },
  updateArtifactEnabled: { need: { env: 'environment.publish' }, req: (fx) => ({ method: 'PATCH', url: `${P(fx, '/artifacts')}?environmentName=${ENV}&versionName=nope`, body: { enabled: true } }), partial: true },
  getArtifactDetails: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: `${P(fx, '/artifacts/details')}?environmentName=${ENV}` }), partial: true },
  promoteArtifact: { need: { env: 'environment.publish' }, req: (fx) => ({ method: 'POST', url: P(fx, '/artifacts/promotions'), body: { sourceEnvironmentName: ENV, targetEnvironmentName: ENV, versionName: 'nope' } }), partial: true },
  listPublishedPipelines: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/published-pipelines') }) },
  listCustomConnectors: { need: { account: 'authenticated' }, req: () => ({ method: 'GET', url: '/v1/custom-connectors' }) },
  registerCustomConnector: { need: { account: 'connectorProfiles.manage' }, req: () => ({ method: 'POST', url: '/v1/custom-connectors', body: {} }) },
  listFlexConnectors: { need: { account: 'authenticated' }, req: () => ({ method: 'GET', url: '/v1/flex-connectors' }) },
  registerFlexConnector: { need: { account: 'connectorProfiles.manage' }, req: () => ({ method: 'POST', url: '/v1/flex-connectors', body: {} }) },
  listSharedPipelines: { need: { account: 'sharedPipelines.manage' }, req: () => ({ method: 'GET', url: '/v1/shared-pipelines' }) },
  createSharedPipelineArtifact: { need: { account: 'sharedPipelines.manage' }, req: () => ({ ...multipartArtifact(), url: '/v1/shared-pipelines/artifacts' }) },
  listSharedPipelineArtifacts: { need: { account: 'sharedPipelines.manage' }, req: () => ({ method: 'GET', url: '/v1/shared-pipelines/artifacts' }) },
  getSharedPipelineArtifactDetails: { need: { account: 'sharedPipelines.manage' }, req: () => ({ method: 'GET', url: '/v1/shared-pipelines/artifacts/details?sharedPipelineIdPrefix=nope' }), partial: true },
  // Pipeline executions (issue 15): the targets do not exist, so these check the denials.
  executePublishedPipeline: {
    need: { env: 'environment.run' },
    req: (fx) => ({ method: 'POST', url: P(fx, '/pipeline-executions'), body: { pipelineName: 'nope', environmentName: ENV } }),
    partial: true,
  },
  getPipelineExecution: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/pipeline-executions/${fakeId()}`) }), partial: true },
  cancelPipelineExecution: { need: { env: 'environment.run' }, req: (fx) => ({ method: 'PATCH', url: P(fx, `/pipeline-executions/${fakeId()}`), body: { status: 'CANCELLED' } }), partial: true },
  getExecutionStatusOnly: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/pipeline-executions/${fakeId()}/status`) }), partial: true },
  getPipelineExecutionSteps: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/pipeline-executions/${fakeId()}/steps`) }), partial: true },
  listPipelineExecutions: { need: { account: 'authenticated' }, req: () => ({ method: 'GET', url: '/v1/pipeline-executions' }) },
  putPipelineBehaviour: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'PUT', url: P(fx, '/pipeline-behaviours'), body: { environmentName: ENV, pipelineName: 'nope' } }), partial: true },
  startTestExecution: {
    need: { env: 'environment.run' },
    req: (fx) => ({ method: 'POST', url: P(fx, '/test-executions'), body: { pipelineName: 'nope', environmentName: ENV } }),
    partial: true,
  },
  getTestExecution: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/test-executions/${fakeId()}`) }), partial: true },
  cancelTestExecution: { need: { env: 'environment.run' }, req: (fx) => ({ method: 'PATCH', url: P(fx, `/test-executions/${fakeId()}`), body: { status: 'CANCELLED' } }), partial: true },
  getLineageEvents: { need: { account: 'lineage.read' }, req: () => ({ method: 'GET', url: `/v1/lineage/events?generatedFrom=${hourAgo()}&generatedBefore=${hourAhead()}` }) },
  getConsumption: { need: { account: 'billing.manage' }, req: () => ({ method: 'GET', url: `/v1/consumption?consumedFrom=${hourAgo()}&consumedBefore=${hourAhead()}` }) },
  getEtlUsersConsumption: { need: { account: 'billing.manage' }, req: () => ({ method: 'GET', url: `/v1/consumption/etl-users?consumedFrom=${hourAgo()}&consumedBefore=${hourAhead()}` }) },
  // Schedules (issue 15)
  createSchedule: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'POST', url: P(fx, '/schedules'), body: { pipeline: { pipelineName: 'nope', environmentName: ENV }, schedule: { name: uniq('s'), cronExpression: '0 0 12 * * ? *' } } }), partial: true },
  listSchedules: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/schedules') }) },
  getSchedule: { need: { env: 'environment.view' }, req: (fx) => ({ method: 'GET', url: P(fx, `/schedules/${fakeId()}`) }), partial: true },
  updateSchedule: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'PATCH', url: P(fx, `/schedules/${fakeId()}`), body: { name: 's', cronExpression: '0 0 12 * * ? *' } }), partial: true },
  deleteSchedule: { need: { env: 'environment.manage' }, req: (fx) => ({ method: 'DELETE', url: P(fx, `/schedules/${fakeId()}`) }), partial: true },
  // Streaming pipelines (issue 15; project roles)
  listStreamingPipelines: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, '/streaming-pipelines') }) },
  createStreamingPipeline: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, '/streaming-pipelines'), body: tfPostgresToSnowflake(uniq('sp'), fx.hostedAgentId) }) },
  getStreamingPipeline: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, `/streaming-pipelines/${fx.streamingId}`) }) },
  replaceStreamingPipeline: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'PUT', url: P(fx, `/streaming-pipelines/${fx.streamingId}`), body: tfPostgresToSnowflake('sp-fixture', fx.hostedAgentId) }) },
  deleteStreamingPipeline: {
    need: { project: 'projects.delete' },
    async req(fx) {
      const sp = await adminPost(fx, P(fx, '/streaming-pipelines'), tfPostgresToSnowflake(uniq('gone'), fx.hostedAgentId));
      return { method: 'DELETE', url: P(fx, `/streaming-pipelines/${sp.streamingPipelineId}`) };
    },
  },
  getStreamingPipelineStatus: { need: { project: 'projects.read' }, req: (fx) => ({ method: 'GET', url: P(fx, `/streaming-pipelines/${fx.streamingId}/status`) }) },
  executeStreamingPipelineCommand: { need: { project: 'projects.write' }, req: (fx) => ({ method: 'POST', url: P(fx, `/streaming-pipelines/${fx.streamingId}/commands`), body: { command: 'STOP' } }) },
  // SCIM 2.0 with the API's bearer tokens: "Manage users"; its long-lived secrets: "Manage API credentials"
  getScimServiceProviderConfig: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/ServiceProviderConfig` }) },
  listScimResourceTypes: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/ResourceTypes` }) },
  getScimResourceType: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/ResourceTypes/User` }) },
  listScimSchemas: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Schemas` }) },
  getScimSchema: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` }) },
  createScimUser: { need: { account: 'users.manage' }, req: () => ({ method: 'POST', url: `${SCIM}/Users`, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${uniq('scim')}@example.com`, active: true }, headers: SCIM_JSON }) },
  listScimUsers: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Users` }) },
  getScimUser: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Users/${fakeId()}` }), partial: true },
  updateScimUser: { need: { account: 'users.manage' }, req: () => ({ method: 'PUT', url: `${SCIM}/Users/${fakeId()}`, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x@example.com' }, headers: SCIM_JSON }), partial: true },
  patchScimUser: { need: { account: 'users.manage' }, req: () => ({ method: 'PATCH', url: `${SCIM}/Users/${fakeId()}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }, headers: SCIM_JSON }), partial: true },
  deleteScimUser: { need: { account: 'users.manage' }, req: () => ({ method: 'DELETE', url: `${SCIM}/Users/${fakeId()}` }), partial: true },
  listScimGroups: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Groups` }) },
  getScimGroup: { need: { account: 'users.manage' }, req: () => ({ method: 'GET', url: `${SCIM}/Groups/${fakeId()}` }), partial: true },
  // (A group's membership change also needs the group's project OWNER role; a missing group cannot show that.)
  patchScimGroup: { need: { account: 'users.manage' }, req: () => ({ method: 'PATCH', url: `${SCIM}/Groups/${fakeId()}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: fakeId() }] }] }, headers: SCIM_JSON }), partial: true },
  createScimToken: { need: { account: 'apiCredentials.manage' }, req: () => ({ method: 'POST', url: '/v1/directory-integration/scim-tokens', body: { name: uniq('scim') } }) },
  listScimTokens: { need: { account: 'apiCredentials.manage' }, req: () => ({ method: 'GET', url: '/v1/directory-integration/scim-tokens' }) },
  deleteScimToken: { need: { account: 'apiCredentials.manage' }, req: () => ({ method: 'DELETE', url: `/v1/directory-integration/scim-tokens/${fakeId()}` }), partial: true },
  // Audit events
  listAuditEvents: { need: { account: 'audit.read' }, req: () => ({ method: 'GET', url: `/v1/events?from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date(Date.now() + 3600_000).toISOString()}` }) },
};
