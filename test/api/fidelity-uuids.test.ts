import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq, snowflakeProps } from '../helpers/fixtures.js';
import { newProject } from '../helpers/seed.js';

/**
 * Issue 12, point 3: a UUID in upper (or mixed) case — as .NET's Guid.ToString("B"/"D").ToUpper(),
 * PowerShell and some CLIs send it — names the same thing as its lower-case form. Accepted in every
 * path parameter and body field that is a UUID; stored and returned lower-case. The contract's
 * UUID-valued inputs: path `projectId` and `agentId` (every operation under /v1/projects/{projectId}
 * and /v1/agents/{agentId}, /v1/secrets/{agentId}), body `defaultAgentId` (environments), `agentId`
 * (secret references, every variant), the project-id keys of an agent allow list, and Azure DevOps
 * `providerParameters.repositoryId` / `tenantId`. A string that is not a UUID is still a 400.
 */

type Res = Awaited<ReturnType<TestApp['inject']>>;

function ok(r: Res, status: number) {
  expect(r.statusCode, `${status} expected: ${r.body}`).toBe(status);
  return r.body === '' ? undefined : r.json();
}

const UP = (id: string) => id.toUpperCase();
/** Mixed case: every other hex letter upper-cased. */
const MIX = (id: string) => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');

describeEachDb('issue 12 point 3: UUIDs in any case', (t) => {
  let token: string;
  /** A FULL_SAAS Snowflake project and its hosted agent. */
  let saas: string;
  let hosted: string;
  /** A hybrid agent of the account. */
  let agent: string;
  const req = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => t().inject({ method, url, token, body, headers });

  beforeAll(async () => {
    token = await t().adminToken();
    ({ projectId: saas, agentId: hosted } = await fullSaasProject(t(), token));
    agent = ok(await req('POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('uuid').slice(0, 30) }), 201).agentId;
  });

  it('GET and DELETE /v1/projects/{projectId} (and under /dpc) with an upper-case id', async () => {
    const p = await newProject(t());
    const one = ok(await req('GET', `/v1/projects/${UP(p)}`), 200);
    expect(one.id).toBe(p);
    expect(ok(await req('GET', `/dpc/v1/projects/${MIX(p)}`), 200)).toEqual(one);
    ok(await req('DELETE', `/v1/projects/${UP(p)}`), 204);
    ok(await req('GET', `/v1/projects/${p}`), 404);
  });

  it('connections and data-platform connections under an upper-case projectId: create, list, replace, delete; projectId returned lower-case', async () => {
    const p = await newProject(t());
    const base = `/v1/projects/${UP(p)}/connections`;
    const created = ok(await req('POST', base, { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    expect(created.projectId).toBe(p);
    const dwh = ok(await req('POST', `/v1/projects/${UP(p)}/data-platform-connections`, { name: 'dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    expect(dwh.projectId).toBe(p);
    const page = ok(await req('GET', `/v1/projects/${MIX(p)}/connections`), 200);
    expect(page.results.map((c: any) => [c.name, c.projectId])).toEqual([['c1', p], ['dwh', p]]);
    expect(ok(await req('GET', `/v1/projects/${p}/connections`), 200)).toEqual(page);
    const put = ok(await req('PUT', `${base}?connectionName=c1`, { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED' }), 200);
    expect(put).toMatchObject({ projectId: p, authProvider: 'salesforce' });
    ok(await req('DELETE', `${base}?connectionName=c1`), 204);
    expect(ok(await req('GET', `/v1/projects/${p}/connections`), 200).total).toBe(1);
  });

  it('environments and overrides under an upper-case projectId, with an upper-case defaultAgentId: stored and returned lower-case', async () => {
    const P = UP(saas);
    ok(await req('POST', `/v1/secrets/${UP(hosted)}/secret-value`, { name: 'sf-key', type: 'DWH_PASSWORD', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }), 201);
    ok(await req('POST', `/v1/projects/${P}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    ok(await req('POST', `/v1/projects/${P}/connections`, { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    const env = ok(
      await req('POST', `/v1/projects/${P}/environments`, {
        name: 'dev',
        defaultAgentId: UP(hosted),
        defaultUserAccessLevel: 'admin',
        defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
        connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }],
      }),
      201,
    );
    expect(env.defaultAgentId).toBe(hosted);
    const listed = ok(await req('GET', `/v1/projects/${MIX(saas)}/environments`), 200);
    expect(listed.results.map((e: any) => [e.name, e.defaultAgentId])).toEqual([['dev', hosted]]);
    expect(ok(await req('GET', `/v1/projects/${P}/environments/dev`), 200).defaultAgentId).toBe(hosted);

    const ov = `/v1/projects/${P}/connections/environment-overrides`;
    const body = { environmentName: 'dev', connectionName: 'c1', authType: 'GENERIC_SECRET', connectionOverrides: { connectionProperties: { secretName: 'db' } } };
    expect(ok(await req('POST', ov, body), 201).projectId).toBe(saas);
    expect(ok(await req('PUT', ov, { ...body, connectionOverrides: { connectionProperties: { secretName: 'db2' } } }), 200).projectId).toBe(saas);
    expect(ok(await req('GET', `${ov}?environmentName=dev`), 200).results.map((o: any) => o.projectId)).toEqual([saas, saas]);
    ok(await req('DELETE', `${ov}?environmentName=dev&connectionNames=c1`), 204);
    ok(await req('DELETE', `/v1/projects/${P}/environments/dev`), 204);
    ok(await req('GET', `/v1/projects/${saas}/environments/dev`), 404);
  });

  it('secret references under an upper-case projectId, with an upper-case agentId (Matillion hosted and AWS variants): agentId stored lower-case', async () => {
    const hostedRef = `/v1/projects/${UP(saas)}/secret-references/pw-ref`;
    ok(await req('POST', hostedRef, { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId: UP(hosted), secretValue: { password: 'p' } }), 201);
    const p = await newProject(t());
    ok(await req('POST', `/v1/projects/${UP(p)}/secret-references/aws-ref`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/db', agentId: MIX(agent) }), 201);
    const saasRefs = ok(await req('GET', `/v1/projects/${UP(saas)}/secret-references`), 200);
    expect(saasRefs.results.find((r: any) => r.name === 'pw-ref').agentId).toBe(hosted);
    const refs = ok(await req('GET', `/v1/projects/${p}/secret-references`), 200);
    expect(refs.results.map((r: any) => [r.name, r.agentId])).toEqual([['aws-ref', agent]]);
    ok(await req('DELETE', `/v1/projects/${UP(p)}/secret-references/aws-ref`), 204);
    ok(await req('DELETE', hostedRef), 204);
  });

  it('repositories under an upper-case projectId; Azure DevOps repositoryId and tenantId in upper case are returned lower-case', async () => {
    const p = await newProject(t());
    const gh = ok(await req('POST', `/v1/projects/${UP(p)}/repositories`, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } }), 201);
    expect(gh.provider).toBe('github');
    expect(ok(await req('GET', `/v1/projects/${MIX(p)}/repositories`), 200).total).toBe(1);
    // Rotation is for GitLab only: the path is understood, the rule answers.
    ok(await req('POST', `/v1/projects/${UP(p)}/repositories/token`, undefined, { 'git-provider-access-token': 'glpat-x' }), 409);

    const q = await newProject(t());
    const repositoryId = '3F2B6C1E-9A0D-4D1E-8F5A-2C7B9E4D6A10';
    const tenantId = '7C1D2E3F-4A5B-4C6D-8E7F-9A0B1C2D3E4F';
    const az = ok(await req('POST', `/v1/projects/${UP(q)}/repositories`, { provider: 'azure-devops', repositoryName: 'w', providerParameters: { organization: 'contoso', repositoryId, tenantId } }), 201);
    expect(az.providerParameters).toEqual({ organization: 'contoso', repositoryId: repositoryId.toLowerCase(), tenantId: tenantId.toLowerCase() });
    expect(ok(await req('GET', `/v1/projects/${q}/repositories`), 200).results[0].providerParameters).toEqual(az.providerParameters);
  });

  it('every agent operation with an upper-case agentId; agentId returned lower-case', async () => {
    const A = UP(agent);
    expect(ok(await req('GET', `/v1/agents/${A}`), 200).agentId).toBe(agent);
    expect(ok(await req('GET', `/dpc/v1/agents/${MIX(agent)}`), 200).agentId).toBe(agent);
    expect(ok(await req('PATCH', `/v1/agents/${A}`, { description: 'upper' }), 202)).toMatchObject({ agentId: agent, description: 'upper' });
    const creds = ok(await req('GET', `/v1/agents/${A}/credentials`), 200);
    expect(ok(await req('POST', `/v1/agents/${A}/credentials`, { action: 'SECRET_REFRESH' }), 200).clientId).toBe(creds.clientId);
    expect(ok(await req('GET', `/v1/agents/${A}/allowlist`), 200)).toEqual({ projects: {} });
    expect(ok(await req('POST', `/v1/agents/${A}/commands`, { command: 'RESTART' }), 202)).toMatchObject({ agentId: agent, agentStatus: 'running' });
    expect(ok(await req('POST', `/v1/agents/${A}/commands`, { command: 'PAUSE' }), 202).agentId).toBe(agent);

    const doomed = ok(await req('POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('doomed').slice(0, 30) }), 201).agentId as string;
    ok(await req('DELETE', `/v1/agents/${UP(doomed)}`), 202);
    ok(await req('GET', `/v1/agents/${doomed}`), 404);
  });

  it('an allow list given upper-case project ids keeps them lower-case', async () => {
    const p = await newProject(t());
    const q = await newProject(t());
    const r = ok(await req('PATCH', `/v1/agents/${UP(agent)}/allowlist`, { projects: { [UP(p)]: { environments: ['dev'] }, [MIX(q)]: {} } }), 200);
    expect(r.projects[p]).toEqual({ environments: ['dev'] });
    expect(r.projects[q]).toEqual({ environments: [] });
    expect(Object.keys(r.projects).every((k) => k === k.toLowerCase())).toBe(true);
    expect(ok(await req('GET', `/v1/agents/${agent}/allowlist`), 200)).toEqual(r);
    // The same project in lower case afterwards merges into the same entry.
    const merged = ok(await req('PATCH', `/v1/agents/${agent}/allowlist`, { projects: { [p]: { environments: ['prod'] } } }), 200);
    expect(merged.projects[p]).toEqual({ environments: ['dev', 'prod'] });
    expect(Object.keys(merged.projects).filter((k) => k.toLowerCase() === p)).toEqual([p]);
  });

  it('hosted secret values under an upper-case agentId: create, list, delete; agentId returned lower-case', async () => {
    const H = UP(hosted);
    const created = ok(await req('POST', `/v1/secrets/${H}/secret-value`, { name: 'upper-secret', type: 'DWH_PASSWORD', key: 'password', value: 'pw' }), 201);
    expect(created.agentId).toBe(hosted);
    const list = ok(await req('GET', `/v1/secrets/${MIX(hosted)}/secret-values?size=100`), 200);
    expect(list.results.find((s: any) => s.name === 'upper-secret').agentId).toBe(hosted);
    ok(await req('DELETE', `/v1/secrets/${H}/secret-values/upper-secret`), 204);
  });

  it('body UUIDs alone (lower-case paths): defaultAgentId, secret-reference agentId, allow-list keys, Azure DevOps ids are accepted in upper case and returned lower-case', async () => {
    const p = await newProject(t());
    // Secret reference, customer-hosted variant, upper-case hybrid agent.
    ok(await req('POST', `/v1/projects/${p}/secret-references/body-ref`, { agentType: 'Azure', secretReferenceType: 'PASSWORD', secretName: 's', vaultName: 'kv', agentId: UP(agent) }), 201);
    expect(ok(await req('GET', `/v1/projects/${p}/secret-references`), 200).results.find((r: any) => r.name === 'body-ref').agentId).toBe(agent);
    // Environment of a hybrid project whose default agent is named in upper case.
    ok(await req('PATCH', `/v1/agents/${agent}/allowlist`, { projects: { [p]: {} } }), 200);
    ok(await req('POST', `/v1/projects/${p}/data-platform-connections`, { name: 'dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    ok(await req('POST', `/v1/projects/${p}/secret-references/sf-key`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/snowflake' }), 201);
    const env = ok(
      await req('POST', `/v1/projects/${p}/environments`, {
        name: 'body-env',
        defaultAgentId: MIX(agent),
        defaultUserAccessLevel: 'admin',
        defaultConnections: { DWH: { snowflake: 'dwh' } },
        connectionOverrides: [{ connectionName: 'dwh', connectionProperties: snowflakeProps() }],
      }),
      201,
    );
    expect(env.defaultAgentId).toBe(agent);
    expect(ok(await req('GET', `/v1/projects/${p}/environments/body-env`), 200).defaultAgentId).toBe(agent);
    // Allow list keys.
    const q = await newProject(t());
    const al = ok(await req('PATCH', `/v1/agents/${agent}/allowlist`, { projects: { [UP(q)]: { environments: ['x'] } } }), 200);
    expect(al.projects[q]).toEqual({ environments: ['x'] });
    expect(al.projects).not.toHaveProperty(UP(q));
    // Azure DevOps ids.
    const r = await newProject(t());
    const repositoryId = 'ABCDEF12-3456-4789-8ABC-DEF012345678';
    const tenantId = 'FEDCBA98-7654-4321-8FED-CBA987654321';
    const az = ok(await req('POST', `/v1/projects/${r}/repositories`, { provider: 'azure-devops', repositoryName: 'w', providerParameters: { organization: 'o', repositoryId, tenantId } }), 201);
    expect(az.providerParameters).toMatchObject({ repositoryId: repositoryId.toLowerCase(), tenantId: tenantId.toLowerCase() });
  });

  it('an upper-case UUID that names nothing is a 404, a string that is not a UUID is still a 400 naming the parameter', async () => {
    const missing = '0F0F0F0F-0000-4000-8000-00000000ABCD';
    ok(await req('GET', `/v1/agents/${missing}`), 404);
    ok(await req('GET', `/v1/projects/${missing}`), 404);
    const badAgent = await req('GET', '/v1/agents/not-a-uuid');
    expect(badAgent.statusCode).toBe(400);
    expect(badAgent.json().violations[0]).toMatch(/^path\.agentId: /);
    const badProject = await req('GET', '/v1/projects/0F0F0F0F-0000-4000-8000-00000000ABCG/connections');
    expect(badProject.statusCode).toBe(400);
    expect(badProject.json().violations[0]).toMatch(/^path\.projectId: /);
    const badBody = await req('PATCH', `/v1/agents/${agent}/allowlist`, { projects: { 'not-a-uuid': {} } });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().violations[0]).toMatch(/^body\.projects/);
  });
});
