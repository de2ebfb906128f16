import { generateKeyPairSync } from 'node:crypto';
import { Api, getToken, json, type RawResponse } from './http.js';
import type { Rng } from './prng.js';

/**
 * A coherent set of resources made through the API, so fuzzed requests reach the code behind
 * "the project exists": a FULL_SAAS Snowflake project with its hosted agent, a warehouse
 * connection, a hosted secret, a secret reference, a COMPONENT_BASIC connection, an
 * environment; a hybrid agent; a MEMBER API credential. A step that fails leaves a placeholder
 * (a random id or name), so generation draws the same random numbers either way.
 */
export interface FixtureSet {
  tag: string;
  projectId: string;
  hostedAgentId: string;
  hybridAgentId: string;
  dwhConnection: string;
  basicConnection: string;
  secretName: string;
  secretReference: string;
  environment: string;
  clientId: string;
  clientSecret: string;
  /** Requests of the seeding, to be checked like any other. */
  responses: { step: string; method: string; path: string; body?: string; r: RawResponse }[];
}

let pemCache: string | undefined;
export function pem(): string {
  pemCache ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return pemCache;
}

export function envBody(f: Pick<FixtureSet, 'hostedAgentId' | 'dwhConnection' | 'secretName'>, name: string) {
  return {
    name,
    displayName: 'Fuzz env',
    defaultAgentId: f.hostedAgentId,
    defaultUserAccessLevel: 'readOnly',
    defaultConnections: { DWH: { snowflake: f.dwhConnection } },
    connectionOverrides: [
      {
        connectionName: f.dwhConnection,
        connectionProperties: {
          account: { value: 'xy12345.eu-west-1' },
          username: { value: 'FUZZ_USER' },
          privateKey: { secretName: f.secretName, secretKey: 'private_key' },
          defaultRole: { value: 'SYSADMIN' },
          defaultWarehouse: { value: 'COMPUTE_WH' },
          defaultDatabase: { value: 'ANALYTICS' },
          defaultSchema: { value: 'PUBLIC' },
        },
      },
    ],
  };
}

/** The hosted agent of a project, looked for on the last pages of GET /v1/agents (it was just created). */
export async function hostedAgentOf(api: Api, projectId: string): Promise<string | undefined> {
  const first = await api.call('GET', '/v1/agents?page=0&size=100');
  if (first.status !== 200) return undefined;
  const total: number = first.json.total;
  const last = Math.max(0, Math.ceil(total / 100) - 1);
  for (let page = last; page >= Math.max(0, last - 3); page--) {
    const r = page === 0 ? first : await api.call('GET', `/v1/agents?page=${page}&size=100`);
    const hit = (r.json?.results ?? []).find((a: any) => a.projectId === projectId);
    if (hit) return hit.agentId;
  }
  return undefined;
}

export async function seedFixtureSet(api: Api, rng: Rng, tag: string): Promise<FixtureSet> {
  const responses: FixtureSet['responses'] = [];
  const call = async (step: string, method: string, path: string, body?: unknown) => {
    const r = await api.call(method, path, body);
    responses.push({ step, method, path, body: body === undefined ? undefined : JSON.stringify(body).slice(0, 300), r });
    return r;
  };
  // Placeholders first (same draws whatever the server answers).
  const f: FixtureSet = {
    tag,
    projectId: rng.uuid(),
    hostedAgentId: rng.uuid(),
    hybridAgentId: rng.uuid(),
    dwhConnection: `fx-dwh-${tag}`,
    basicConnection: `fx-basic-${tag}`,
    secretName: `fx-key-${tag}`,
    secretReference: `fx-ref-${tag}`,
    environment: `fx-env-${tag}`,
    clientId: `fx-missing-${rng.alnum(8)}`,
    clientSecret: `fx-secret-${rng.alnum(24)}`,
    responses,
  };
  const p = await call('project', 'POST', '/v1/projects', { name: `fx-project-${tag}`, description: 'fuzz fixture', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' });
  if (p.status === 201) f.projectId = p.json.projectId;
  const hosted = p.status === 201 ? await hostedAgentOf(api, f.projectId) : undefined;
  if (hosted) f.hostedAgentId = hosted;
  const pid = f.projectId;
  await call('dwh', 'POST', `/v1/projects/${pid}/data-platform-connections`, { name: f.dwhConnection, platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' });
  await call('secret', 'POST', `/v1/secrets/${f.hostedAgentId}/secret-value`, { name: f.secretName, type: 'DWH_PASSWORD', key: 'private_key', value: pem() });
  await call('basic', 'POST', `/v1/projects/${pid}/connections`, {
    name: f.basicConnection,
    platformConnectionType: 'COMPONENT_BASIC',
    authProvider: 'NONE',
    authType: 'GENERIC_SECRET',
    connectionDetails: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { secretName: f.secretName, secretKey: 'private_key' } },
  });
  await call('reference', 'POST', `/v1/projects/${pid}/secret-references/${f.secretReference}`, {
    agentType: 'Matillion hosted',
    secretReferenceType: 'PASSWORD',
    description: 'fuzz fixture',
    agentId: f.hostedAgentId,
    secretValue: { password: 'fx-password' },
  });
  await call('environment', 'POST', `/v1/projects/${pid}/environments`, envBody(f, f.environment));
  const a = await call('agent', 'POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: `fx-agent-${tag}`.slice(0, 30), description: 'fuzz fixture' });
  if (a.status === 201) f.hybridAgentId = a.json.agentId;
  const c = await call('credential', 'POST', '/v1/api-credentials', { name: `fx-cred-${tag}`, role: 'MEMBER' });
  if (c.status === 201) {
    f.clientId = c.json.clientId;
    f.clientSecret = c.json.clientSecret;
  }
  return f;
}

/** Tokens of other roles, for requests the fuzzer sends as a less privileged caller. */
export async function roleTokens(api: Api, base: string, tag: string): Promise<string[]> {
  const out: string[] = [];
  for (const role of ['MEMBER', 'ADMIN', 'BILLING_ADMIN']) {
    const r = await api.call('POST', '/v1/api-credentials', { name: `fx-role-${role}-${tag}`, role });
    const j = json(r);
    if (r.status === 201) out.push(await getToken(base, j.clientId, j.clientSecret));
  }
  return out;
}
