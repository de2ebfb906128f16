import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq, snowflakeProps } from '../helpers/fixtures.js';
import { newProject } from '../helpers/seed.js';

/**
 * Issue 12, point 4: every violation names where the value came from — `body.<path>`,
 * `query.<name>`, `path.<name>` or `header.<name>` (the contract's ProblemDetail description, and
 * what a client that maps violations back to its own fields parses). Two conflict answers used a
 * bare `name: …`: the duplicate project name and the duplicate API-credential name.
 */

const WHERE = /^(body|query|path|header)([.[:])/;

type Res = Awaited<ReturnType<TestApp['inject']>>;

function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

describeEachDb('issue 12 point 4: one violation form everywhere', (t) => {
  let token: string;
  const req = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => t().inject({ method, url, token, body, headers });

  beforeAll(async () => {
    token = await t().adminToken();
  });

  it('a duplicate project name: 409 with body.name', async () => {
    const name = uniq('dup-project');
    ok(await req('POST', '/v1/projects', { name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 201);
    const r = await req('POST', '/v1/projects', { name, warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().violations).toEqual(['body.name: must be unique within the account']);
  });

  it('a duplicate API credential name: 409 with body.name', async () => {
    const name = uniq('dup-credential');
    ok(await req('POST', '/v1/api-credentials', { name, role: 'MEMBER' }), 201);
    const r = await req('POST', '/v1/api-credentials', { name, role: 'ADMIN' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().violations).toEqual(['body.name: must be unique within the account']);
  });

  it('every refusal of every resource names its field as body./query./path./header.', async () => {
    // A FULL_SAAS project with everything a refusal can be about, a HYBRID one with a repository.
    const { projectId: s, agentId: hosted } = await fullSaasProject(t(), token);
    const q = await newProject(t());
    const agentName = uniq('viol').slice(0, 30);
    const agent = ok(await req('POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: agentName }), 201).agentId as string;
    const running = ok(await req('POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('run').slice(0, 30) }), 201).agentId as string;
    ok(await req('POST', `/v1/agents/${running}/commands`, { command: 'RESTART' }), 202);
    ok(await req('POST', `/v1/secrets/${hosted}/secret-value`, { name: 'sf-key', type: 'DWH_PASSWORD', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }), 201);
    ok(await req('POST', `/v1/projects/${s}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    ok(await req('POST', `/v1/projects/${s}/connections`, { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    ok(await req('POST', `/v1/projects/${s}/connections`, { name: 'c2', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    const envBody = {
      name: 'dev',
      defaultAgentId: hosted,
      defaultUserAccessLevel: 'admin',
      defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
      connectionOverrides: [
        {
          connectionName: 'sf-dwh',
          connectionProperties: snowflakeProps(),
        },
      ],
    };
    ok(await req('POST', `/v1/projects/${s}/environments`, envBody), 201);
    const override = { environmentName: 'dev', connectionName: 'c1', authType: 'GENERIC_SECRET', connectionOverrides: { connectionProperties: { secretName: 'db' } } };
    ok(await req('POST', `/v1/projects/${s}/connections/environment-overrides`, override), 201);
    ok(await req('POST', `/v1/projects/${s}/secret-references/ref1`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/db' }), 201);
    ok(await req('POST', `/v1/projects/${q}/repositories`, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } }), 201);
    const takenProject = uniq('taken');
    ok(await req('POST', '/v1/projects', { name: takenProject, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 201);
    const takenCredential = uniq('taken-cred');
    ok(await req('POST', '/v1/api-credentials', { name: takenCredential, role: 'MEMBER' }), 201);
    const conn = `/v1/projects/${s}/connections`;
    const ov = `/v1/projects/${s}/connections/environment-overrides`;
    const missing = '00000000-0000-4000-8000-000000000000';

    const REFUSALS: [string, string, string, unknown, number, Record<string, string>?][] = [
      // projects
      ['project body that is not JSON', 'POST', '/v1/projects', '{"name":', 400],
      ['project without fields', 'POST', '/v1/projects', {}, 400],
      ['project with an unknown warehouse', 'POST', '/v1/projects', { name: 'x', warehouse: 'BIGQUERY', agentDeploymentType: 'HYBRID' }, 400],
      ['project name taken', 'POST', '/v1/projects', { name: takenProject, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }, 409],
      ['projects page size 0', 'GET', '/v1/projects?size=0', undefined, 400],
      ['malformed projectId', 'GET', '/v1/projects/not-a-uuid', undefined, 400],
      // API credentials
      ['credential name taken', 'POST', '/v1/api-credentials', { name: takenCredential, role: 'MEMBER' }, 409],
      ['credential with an unknown role', 'POST', '/v1/api-credentials', { name: uniq('c'), role: 'OWNER' }, 400],
      // agents
      ['agent name taken', 'POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: agentName }, 409],
      ['agent with a deployment of another provider', 'POST', '/v1/agents', { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'aks', name: uniq('a').slice(0, 30) }, 400],
      ['agent PATCH with nothing', 'PATCH', `/v1/agents/${agent}`, {}, 400],
      ['agent PATCH blank name', 'PATCH', `/v1/agents/${agent}`, { name: '   ' }, 400],
      ['agent PATCH name taken', 'PATCH', `/v1/agents/${running}`, { name: agentName }, 409],
      ['allow list with an unknown project', 'PATCH', `/v1/agents/${agent}/allowlist`, { projects: { [missing]: {} } }, 400],
      ['allow list with no project', 'PATCH', `/v1/agents/${agent}/allowlist`, { projects: {} }, 400],
      ['unknown agent command', 'POST', `/v1/agents/${agent}/commands`, { command: 'EXPLODE' }, 400],
      ['unknown credentials action', 'POST', `/v1/agents/${agent}/credentials`, { action: 'DELETE' }, 400],
      ['malformed agentId', 'GET', '/v1/agents/123', undefined, 400],
      // connections
      ['connection name taken', 'POST', conn, { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }, 409],
      ['connection with an invalid combination', 'POST', conn, { name: uniq('x'), platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'OAUTH_CLIENT_CRED' }, 400],
      ['connection with another variant property', 'POST', conn, { name: uniq('x'), platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', vaultName: 'v' } } }, 400],
      ['connection list with an unknown type filter', 'GET', `${conn}?platformConnectionType=FTP`, undefined, 400],
      ['connection PUT of a missing connection', 'PUT', `${conn}?connectionName=nope`, { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }, 404],
      ['connection PUT without connectionName', 'PUT', conn, { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }, 400],
      ['connection PUT changing the type', 'PUT', `${conn}?connectionName=c1`, { platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET' }, 400],
      ['connection DELETE while overridden', 'DELETE', `${conn}?connectionName=c1`, undefined, 409],
      ['connection DELETE while the DWH default', 'DELETE', `${conn}?connectionName=sf-dwh`, undefined, 409],
      ['data-platform connection of another warehouse', 'POST', `/v1/projects/${s}/data-platform-connections`, { name: uniq('d'), platformConnectionType: 'DWH', authProvider: 'REDSHIFT', authType: 'PASSWORD' }, 400],
      // environment overrides
      ['override that exists', 'POST', ov, override, 409],
      ['override of an unknown environment', 'POST', ov, { ...override, environmentName: 'nope' }, 404],
      ['override PUT that does not exist', 'PUT', ov, { ...override, connectionName: 'c2' }, 404],
      ['override of an unknown connection', 'POST', ov, { ...override, connectionName: 'nope' }, 404],
      ['override list of an unknown environment', 'GET', `${ov}?environmentName=nope`, undefined, 404],
      ['override DELETE naming a missing override', 'DELETE', `${ov}?environmentName=dev&connectionNames=nope`, undefined, 404],
      ['override DELETE naming nothing', 'DELETE', `${ov}?environmentName=dev&connectionNames=,`, undefined, 400],
      ['override with a bad authType', 'PUT', ov, { ...override, authType: 'OAUTH_CLIENT_CRED' }, 400],
      // environments
      ['environment name taken', 'POST', `/v1/projects/${s}/environments`, envBody, 409],
      ['environment of an unknown agent', 'POST', `/v1/projects/${s}/environments`, { ...envBody, name: 'other', defaultAgentId: missing }, 400],
      ['environment with a default connection that does not exist', 'POST', `/v1/projects/${s}/environments`, { ...envBody, name: 'other', defaultConnections: { DWH: { snowflake: 'nope' } } }, 400],
      ['unknown environment', 'GET', `/v1/projects/${s}/environments/nope`, undefined, 404],
      // hosted secrets
      ['hosted secret name taken', 'POST', `/v1/secrets/${hosted}/secret-value`, { name: 'sf-key', type: 'DWH_PASSWORD', key: 'k', value: 'v' }, 409],
      ['hosted secret on a hybrid agent', 'POST', `/v1/secrets/${agent}/secret-value`, { name: 'x', type: 'DWH_PASSWORD', key: 'k', value: 'v' }, 400],
      ['cloud secret that is no cloud credential', 'POST', `/v1/secrets/${hosted}/secret-value`, { name: uniq('cloud'), type: 'CLOUD_PROVIDER_SECRET', key: 'k', value: { nope: true } }, 400],
      // secret references
      ['secret reference name taken', 'POST', `/v1/projects/${s}/secret-references/ref1`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/db' }, 409],
      ['AWS secret reference without secretName', 'POST', `/v1/projects/${s}/secret-references/ref2`, { agentType: 'AWS', secretReferenceType: 'PASSWORD' }, 400],
      ['hosted secret reference naming a hybrid agent', 'POST', `/v1/projects/${s}/secret-references/ref3`, { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId: agent, secretValue: { password: 'p' } }, 400],
      // repositories
      ['a second repository', 'POST', `/v1/projects/${q}/repositories`, { provider: 'github', repositoryName: 'r2', providerParameters: { ownerName: 'o' } }, 409],
      ['an unknown Git provider', 'POST', `/v1/projects/${s}/repositories`, { provider: 'bitbucket', repositoryName: 'r', providerParameters: {} }, 400],
      ['GitLab without its token header', 'POST', `/v1/projects/${s}/repositories`, { provider: 'gitlab', repositoryName: 'r', providerParameters: { repositoryId: 42 } }, 400],
    ];

    // Every answer is checked; the failures are listed together.
    const wrong: string[] = [];
    let named = 0;
    for (const [label, method, url, body, status, headers] of REFUSALS) {
      const r = await req(method, url, body, headers);
      if (r.statusCode !== status || !String(r.headers['content-type']).startsWith('application/problem+json')) {
        wrong.push(`${label}: expected ${status} problem+json, got ${r.statusCode} ${r.body}`);
        continue;
      }
      const violations = r.json().violations as string[];
      if (!Array.isArray(violations)) wrong.push(`${label}: no violations array`);
      for (const v of violations ?? []) if (!WHERE.test(v)) wrong.push(`${label}: "${v}"`);
      named += violations?.length ?? 0;
    }
    expect(wrong).toEqual([]);
    // Nearly every refusal above names at least one field.
    expect(named).toBeGreaterThanOrEqual(REFUSALS.length - 5);
  });
});
