import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { seedAccount } from '../helpers/accounts.js';
import { ADMIN_ID, describeEachDb, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq, snowflakeProps } from '../helpers/fixtures.js';
import { newProject } from '../helpers/seed.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;


async function ok(r: Awaited<ReturnType<TestApp['inject']>>, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/** A customer-hosted (hybrid) agent, created through POST /v1/agents. */
async function hybridAgent(t: TestApp, token: string, over: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const body = { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('hybrid'), ...over };
  const a = await ok(await t.inject({ method: 'POST', url: '/v1/agents', token, body }), 201);
  return { id: a.agentId, name: a.name };
}

/** A secret reference (AWS variant unless told) through POST /v1/projects/{id}/secret-references/{name}. */
async function secretReference(t: TestApp, token: string, projectId: string, name: string, body: Record<string, unknown>) {
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/${name}`, token, body: { agentType: 'AWS', secretReferenceType: 'PASSWORD', ...body } }), 201);
}

/** A value in the hosted vault of a FULL_SAAS project's agent, through POST /v1/secrets/{agentId}/secret-value. */
async function hostedSecret(t: TestApp, token: string, agentId: string, body: { name: string; key: string; value: unknown; type?: string }) {
  await ok(await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { type: 'DWH_PASSWORD', ...body } }), 201);
}

describeEachDb('environments', (t) => {
  let token: string;
  let projectId: string;
  let agent: { id: string; name: string };
  let listedId: string;
  const envUrl = () => `/v1/projects/${projectId}/environments`;
  const connUrl = () => `/v1/projects/${projectId}/connections`;
  const ovUrl = () => `/v1/projects/${projectId}/connections/environment-overrides`;
  const req = (method: string, url: string, body?: unknown) => t().inject({ method, url, token, body });
  const envBody = (over: Record<string, unknown> = {}): any => ({
    name: 'dev',
    displayName: 'Development',
    description: 'The development environment',
    defaultAgentId: agent.id,
    defaultUserAccessLevel: 'admin',
    defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
    connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }],
    ...over,
  });
  const total = async () => (await ok(await req('GET', envUrl()), 200)).total;

  beforeAll(async () => {
    token = await t().adminToken();
    // A FULL_SAAS project: its Matillion-hosted agent is the default agent, with a hosted secret.
    const p = await fullSaasProject(t(), token);
    projectId = p.projectId;
    agent = { id: p.agentId, name: (await ok(await req('GET', `/v1/agents/${p.agentId}`), 200)).name };
    await hostedSecret(t(), token, agent.id, { name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' });
    await secretReference(t(), token, projectId, 'sf-key-ref', { secretName: 'prod/snowflake' });
    // Cloud credentials in the same vault, under a key a warehouse pointer might name.
    await hostedSecret(t(), token, agent.id, { name: 'aws-cred', type: 'CLOUD_PROVIDER_SECRET', key: 'private_key', value: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'sak' } });
    await ok(await req('POST', `/v1/projects/${projectId}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    await ok(await req('POST', `/v1/projects/${projectId}/data-platform-connections`, { name: 'sf-dwh-2', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    await ok(await req('POST', connUrl(), { name: 'aws-creds', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET' }), 201);
    await ok(await req('POST', connUrl(), { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
  });

  it('creates an environment (201) and every read returns what was sent, plus defaultAgentName', async () => {
    const body = envBody({ defaultConnections: { DWH: { snowflake: 'sf-dwh' }, CLOUD_PLATFORM: { aws: 'aws-creds' } } });
    const created = await ok(await req('POST', envUrl(), body), 201);
    expect(created).toEqual({ ...body, defaultAgentName: agent.name });
    expect(await ok(await req('GET', `${envUrl()}/dev`), 200)).toEqual(created);
    const { connectionOverrides: _o, ...summary } = created;
    expect(await ok(await req('GET', envUrl()), 200)).toEqual({ page: 0, size: 25, total: 1, results: [summary] });
  });

  it('leaves absent optional fields absent, and accepts a pointer to a secret reference of the project', async () => {
    const body = envBody({ name: 'minimal', displayName: undefined, description: undefined, defaultConnections: { DWH: { SNOWFLAKE: 'sf-dwh-2' } } });
    body.connectionOverrides[0] = { connectionName: 'sf-dwh-2', connectionProperties: snowflakeProps({ privateKey: { secretName: 'sf-key-ref', secretKey: 'anything' }, passphrase: { secretName: 'sf-key', secretKey: 'private_key' } }) };
    const sent = JSON.parse(JSON.stringify(body));
    const created = await ok(await req('POST', envUrl(), sent), 201);
    expect(created).toEqual({ ...sent, defaultAgentName: agent.name });
    expect(created).not.toHaveProperty('displayName');
    expect(created).not.toHaveProperty('description');
    expect(await ok(await req('GET', `${envUrl()}/minimal`), 200)).toEqual(created);
  });

  it('409 on a duplicate name, nothing changed', async () => {
    const before = await total();
    const r = await req('POST', envUrl(), envBody());
    expect(r.statusCode).toBe(409);
    expect(r.json().violations).toEqual(['body.name: must be unique within the project']);
    expect(await total()).toBe(before);
  });

  const cases: [string, (b: any) => void, string[] | ((agentId: string) => string[])][] = [
    ['no name', (b) => delete b.name, ['body.name: is required']],
    ['a name over 255 characters', (b) => (b.name = 'n'.repeat(256)), ['body.name: must NOT have more than 255 characters']],
    ['a description over 1000 characters', (b) => (b.description = 'd'.repeat(1001)), ['body.description: must NOT have more than 1000 characters']],
    ['a defaultAgentId that is not a uuid', (b) => (b.defaultAgentId = 'agent-1'), ['body.defaultAgentId: must be a valid uuid']],
    ['an unknown defaultAgentId', (b) => (b.defaultAgentId = randomUUID()), ['body.defaultAgentId: must name an agent of this account']],
    ['an unknown access level', (b) => (b.defaultUserAccessLevel = 'owner'), ['body.defaultUserAccessLevel: must be one of: default, admin, runner, readOnly, noAccess']],
    ['no DWH default connection', (b) => (b.defaultConnections = { CLOUD_PLATFORM: { aws: 'aws-creds' } }), ['body.defaultConnections.DWH: is required']],
    ['an unknown default connection kind', (b) => (b.defaultConnections.COMPONENT = { x: 'c1' }), ['body.defaultConnections.COMPONENT: is not allowed']],
    ['two DWH entries', (b) => (b.defaultConnections.DWH.redshift = 'x'), ['body.defaultConnections.DWH: must NOT have more than 1 properties']],
    ['an unknown warehouse key', (b) => (b.defaultConnections.DWH = { bigquery: 'sf-dwh' }), ['body.defaultConnections.DWH: key must be one of: snowflake, redshift (got "bigquery")']],
    ['a DWH connection that does not exist', (b) => (b.defaultConnections.DWH = { snowflake: 'nope' }), ['body.defaultConnections.DWH.snowflake: must name a connection of the project (none is named "nope")']],
    ['a DWH default that is not a DWH connection', (b) => (b.defaultConnections.DWH = { snowflake: 'c1' }), ['body.defaultConnections.DWH.snowflake: must name a DWH connection ("c1" is COMPONENT_BASIC)']],
    ['a DWH key that does not match the provider', (b) => (b.defaultConnections.DWH = { redshift: 'sf-dwh' }), ['body.defaultConnections.DWH.redshift: must name a connection whose authProvider is redshift ("sf-dwh" is SNOWFLAKE)']],
    ['a CLOUD_PLATFORM default that is a DWH connection', (b) => (b.defaultConnections.CLOUD_PLATFORM = { aws: 'sf-dwh' }), ['body.defaultConnections.CLOUD_PLATFORM.aws: must name a CLOUD_PLATFORM_CREDENTIALS connection ("sf-dwh" is DWH)']],
    ['a CLOUD_PLATFORM key that does not match the provider', (b) => (b.defaultConnections.CLOUD_PLATFORM = { gcp: 'aws-creds' }), ['body.defaultConnections.CLOUD_PLATFORM.gcp: must name a connection whose authProvider is gcp ("aws-creds" is aws)']],
    ['an unknown cloud key', (b) => (b.defaultConnections.CLOUD_PLATFORM = { oracle: 'aws-creds' }), ['body.defaultConnections.CLOUD_PLATFORM: key must be one of: aws, gcp, azure (got "oracle")']],
    ['a dangling CLOUD_PLATFORM connection', (b) => (b.defaultConnections.CLOUD_PLATFORM = { aws: 'gone' }), ['body.defaultConnections.CLOUD_PLATFORM.aws: must name a connection of the project (none is named "gone")']],
    ['no connection overrides', (b) => (b.connectionOverrides = []), ['body.connectionOverrides: must NOT have fewer than 1 items']],
    ['an override of another connection', (b) => (b.connectionOverrides[0].connectionName = 'c1'), ['body.connectionOverrides[0].connectionName: must name the environment\'s default DWH connection ("sf-dwh")']],
    ['the same override twice', (b) => b.connectionOverrides.push(b.connectionOverrides[0]), ['body.connectionOverrides[1].connectionName: overrides "sf-dwh" a second time']],
    ['a missing required property', (b) => delete b.connectionOverrides[0].connectionProperties.defaultRole, ['body.connectionOverrides[0].connectionProperties.defaultRole: is required for Snowflake']],
    ['an unknown property', (b) => (b.connectionOverrides[0].connectionProperties.url = { value: 'u' }), [
      'body.connectionOverrides[0].connectionProperties.url: is not a Snowflake connection property (allowed: account, username, privateKey, passphrase, defaultRole, defaultWarehouse, defaultDatabase, defaultSchema)',
    ]],
    ['a plain private key', (b) => (b.connectionOverrides[0].connectionProperties.privateKey = { value: 'PEM' }), ['body.connectionOverrides[0].connectionProperties.privateKey: must be a secret pointer {secretName, secretKey}; plain values are not accepted for secrets']],
    ['a secret where a value belongs', (b) => (b.connectionOverrides[0].connectionProperties.account = { secretName: 'a', secretKey: 'b' }), ['body.connectionOverrides[0].connectionProperties.account: must be a plain value {value}']],
    ['a value and a secret at once', (b) => (b.connectionOverrides[0].connectionProperties.username = { value: 'u', secretName: 'a', secretKey: 'b' }), ['body.connectionOverrides[0].connectionProperties.username: must be either {value} or {secretName, secretKey}, not both']],
    ['a secret pointer without secretKey', (b) => (b.connectionOverrides[0].connectionProperties.privateKey = { secretName: 'sf-key' }), ['body.connectionOverrides[0].connectionProperties.privateKey.secretKey: is required']],
    ['a non-string value', (b) => (b.connectionOverrides[0].connectionProperties.account = { value: 42 }), ['body.connectionOverrides[0].connectionProperties.account.value: must be string']],
    ['a dangling secret', (b) => (b.connectionOverrides[0].connectionProperties.privateKey = { secretName: 'nope', secretKey: 'private_key' }), (id) => [
      `body.connectionOverrides[0].connectionProperties.privateKey.secretName: must name a hosted secret of the default agent ${id} or a secret reference of the project`,
    ]],
    ['the wrong key of a hosted secret', (b) => (b.connectionOverrides[0].connectionProperties.privateKey = { secretName: 'sf-key', secretKey: 'password' }), [
      'body.connectionOverrides[0].connectionProperties.privateKey.secretKey: must be the key of hosted secret "sf-key"',
    ]],
    ['a hosted secret that is not a warehouse secret', (b) => (b.connectionOverrides[0].connectionProperties.privateKey = { secretName: 'aws-cred', secretKey: 'private_key' }), [
      'body.connectionOverrides[0].connectionProperties.privateKey.secretName: must name a DWH_PASSWORD hosted secret ("aws-cred" is a CLOUD_PROVIDER_SECRET)',
    ]],
  ];
  for (const [what, mutate, violations] of cases) {
    it(`rejects ${what} with 400 naming the field and the rule, nothing stored`, async () => {
      const before = await total();
      const b = envBody({ name: 'bad' });
      mutate(b);
      const r = await req('POST', envUrl(), b);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().violations).toEqual(typeof violations === 'function' ? violations(agent.id) : violations);
      expect(await total()).toBe(before);
      expect((await req('GET', `${envUrl()}/bad`)).statusCode).toBe(404);
    });
  }

  it('checks the default agent: other account, another project\'s hosted agent, restricted access and allow list', async () => {
    // Pointing the private key at the project's secret reference, so only the agent decides.
    const withRef = (name: string, agentId: string) =>
      envBody({ name, defaultAgentId: agentId, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps({ privateKey: { secretName: 'sf-key-ref', secretKey: 'private_key' } }) }] });
    const notAllowed = (id: string) => [
      `body.defaultAgentId: agent ${id} is not allowed for this project (it is another project's hosted agent, or its allow list does not name the project)`,
    ];

    // Another account's agent (created by that account through the API) is not this account's.
    const acct = await seedAccount(t());
    const other = await hybridAgent(t(), acct.token);
    expect((await t().inject({ method: 'GET', url: `/v1/agents/${other.id}`, token: acct.token })).statusCode).toBe(200);
    const r1 = await req('POST', envUrl(), withRef('a1', other.id));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().violations).toEqual(['body.defaultAgentId: must name an agent of this account']);

    // Another FULL_SAAS project's hosted agent.
    const otherProject = await fullSaasProject(t(), token);
    const r2 = await req('POST', envUrl(), withRef('a2', otherProject.agentId));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().violations).toEqual(notAllowed(otherProject.agentId));

    // A hybrid agent serves any project until its access is restricted; then only allow-listed ones.
    const restricted = await hybridAgent(t(), token);
    await ok(await req('POST', envUrl(), withRef('a2', restricted.id)), 201);
    await ok(await req('DELETE', `${envUrl()}/a2`), 204);
    expect(await ok(await req('PATCH', `/v1/agents/${restricted.id}`, { restrictedAccess: true }), 202)).toMatchObject({ agentId: restricted.id, restrictedAccess: true });
    expect(await ok(await req('PATCH', `/v1/agents/${restricted.id}/allowlist`, { projects: { [otherProject.projectId]: {} } }), 200)).toEqual({
      projects: { [otherProject.projectId]: { environments: [] } },
    });
    const r3 = await req('POST', envUrl(), withRef('a2', restricted.id));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().violations).toEqual(notAllowed(restricted.id));

    // Allowed: restricted but allow-listed.
    const listed = await hybridAgent(t(), token, { name: 'listed', restrictedAccess: true });
    listedId = listed.id;
    expect((await req('POST', envUrl(), withRef('a3', listed.id))).json().violations).toEqual(notAllowed(listed.id));
    expect(await ok(await req('PATCH', `/v1/agents/${listed.id}/allowlist`, { projects: { [projectId]: { environments: ['a3'] } } }), 200)).toEqual({
      projects: { [projectId]: { environments: ['a3'] } },
    });
    // Hosted secrets belong to the agent that holds them (here the project's hosted agent), so a
    // pointer to one does not follow the environment to another default agent...
    const dangling = await req('POST', envUrl(), envBody({ name: 'a3', defaultAgentId: listed.id }));
    expect(dangling.statusCode).toBe(400);
    expect(dangling.json().violations).toEqual([
      `body.connectionOverrides[0].connectionProperties.privateKey.secretName: must name a hosted secret of the default agent ${listed.id} or a secret reference of the project`,
    ]);
    // ...while the project's secret references serve whichever agent it uses.
    const r = await req('POST', envUrl(), withRef('a3', listed.id));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().defaultAgentName).toBe('listed');
    await ok(await req('DELETE', `${envUrl()}/a3`), 204);
  });

  it('an upper-case defaultAgentId names the same agent (stored and answered in lower case)', async () => {
    const upper = agent.id.toUpperCase();
    expect(upper).not.toBe(agent.id);
    const created = await ok(await req('POST', envUrl(), envBody({ name: 'upper', defaultAgentId: upper })), 201);
    expect(created).toMatchObject({ defaultAgentId: agent.id, defaultAgentName: agent.name });
    expect(await ok(await req('GET', `${envUrl()}/upper`), 200)).toEqual(created);
    await ok(await req('DELETE', `${envUrl()}/upper`), 204);
  });

  it('a connection in use by an environment cannot be deleted (409 naming the environment)', async () => {
    const dwh = await req('DELETE', `${connUrl()}?connectionName=sf-dwh`);
    expect(dwh.statusCode).toBe(409);
    expect(dwh.json().violations).toEqual(['query.connectionName: connection is used by environment "dev" as its DWH default connection']);
    const cloud = await req('DELETE', `${connUrl()}?connectionName=aws-creds`);
    expect(cloud.statusCode).toBe(409);
    expect(cloud.json().violations).toEqual(['query.connectionName: connection is used by environment "dev" as its CLOUD_PLATFORM default connection']);
    const put = await req('PUT', `${connUrl()}?connectionName=aws-creds`, { platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'gcp', authType: 'CLOUD_PROVIDER_SECRET' });
    expect(put.statusCode).toBe(409);
    expect(put.json().violations).toEqual(['body.authProvider: cannot change while environment "dev" uses the connection as its aws CLOUD_PLATFORM default']);
    // The database refuses it too (a deferred foreign key), whatever the code path.
    await expect(t().app.store.db.deleteFrom('connections').where('project_id', '=', projectId).where('name', '=', 'sf-dwh').execute()).rejects.toThrow();
    const names = (await ok(await req('GET', `${connUrl()}?connectionNames=sf-dwh,aws-creds`), 200)).results.map((c: any) => [c.name, c.authProvider]);
    expect(names).toEqual([['sf-dwh', 'SNOWFLAKE'], ['aws-creds', 'aws']]);
  });

  {
    // Environment connection overrides (run in order, on the environments created above).
    it('overrides: POST 201 exactly as sent, 409 when present, listed in creation order', async () => {
      const body = {
        environmentName: 'dev',
        connectionName: 'c1',
        authType: 'generic_secret',
        connectionOverrides: { secretsLocation: { type: 'AZURE_SECRET_MANAGER', vaultName: 'kv' }, connectionProperties: { secretName: 'dev-db', secretKey: 'pw' } },
      };
      const created = await ok(await req('POST', ovUrl(), body), 201);
      const c1 = (await ok(await req('GET', `${connUrl()}?connectionNames=c1`), 200)).results[0];
      expect(created).toEqual({
        id: c1.id,
        name: 'c1',
        platformConnectionType: 'COMPONENT_BASIC',
        authProvider: 'NONE',
        authType: 'GENERIC_SECRET',
        projectId,
        environmentName: 'dev',
        connectionOverrides: body.connectionOverrides,
        createdBy: ADMIN_ID,
        createdDate: expect.stringMatching(ISO_MS),
      });
      const again = await req('POST', ovUrl(), body);
      expect(again.statusCode).toBe(409);
      expect(again.json().violations).toEqual(['body.connectionName: override already exists for this environment']);
      // The environment's own DWH override exists already.
      const dwh = await req('POST', ovUrl(), { environmentName: 'dev', connectionName: 'sf-dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: snowflakeProps() } });
      expect(dwh.statusCode).toBe(409);

      const page = await ok(await req('GET', `${ovUrl()}?environmentName=dev`), 200);
      expect(page.total).toBe(2);
      expect(page.results.map((o: any) => [o.name, o.authType])).toEqual([['sf-dwh', 'KEY_PAIR'], ['c1', 'GENERIC_SECRET']]);
      expect(page.results[0].connectionOverrides).toEqual({ connectionProperties: snowflakeProps() });
      expect(page.results[1]).toEqual(created);
      expect((await ok(await req('GET', `${ovUrl()}?environmentName=dev&page=1&size=1`), 200)).results.map((o: any) => o.name)).toEqual(['c1']);

      // The connection is now in use through the override.
      const del = await req('DELETE', `${connUrl()}?connectionName=c1`);
      expect(del.statusCode).toBe(409);
      expect(del.json().violations).toEqual(['query.connectionName: connection is used by environment "dev" through an environment connection override']);

      // ...and the environment read shows it beside the DWH override.
      const env = await ok(await req('GET', `${envUrl()}/dev`), 200);
      expect(env.connectionOverrides).toEqual([
        { connectionName: 'sf-dwh', connectionProperties: snowflakeProps() },
        { connectionName: 'c1', ...body.connectionOverrides },
      ]);
    });

    it('overrides: PUT replaces (200) and the environment read follows; 404 when absent', async () => {
      const props = snowflakeProps({ defaultRole: { value: 'LOADER_ROLE' }, passphrase: { secretName: 'sf-key-ref', secretKey: 'passphrase' } });
      const put = await ok(await req('PUT', ovUrl(), { environmentName: 'dev', connectionName: 'sf-dwh', authType: 'key_pair', connectionOverrides: { connectionProperties: props } }), 200);
      expect(put).toMatchObject({ name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: props } });
      const env = await ok(await req('GET', `${envUrl()}/dev`), 200);
      expect(env.connectionOverrides[0]).toEqual({ connectionName: 'sf-dwh', connectionProperties: props });

      const absent = await req('PUT', ovUrl(), { environmentName: 'dev', connectionName: 'aws-creds', authType: 'CLOUD_PROVIDER_SECRET', connectionOverrides: { connectionProperties: { credentialSecretName: 'x' } } });
      expect(absent.statusCode).toBe(404);
      expect(absent.json().violations).toEqual(['body.connectionName: environment "dev" has no override for this connection']);
      const noEnv = await req('PUT', ovUrl(), { environmentName: 'prod', connectionName: 'sf-dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: props } });
      expect(noEnv.statusCode).toBe(404);
      expect(noEnv.json().violations).toEqual(['body.environmentName: no environment named "prod" in the project']);
    });

    const invalidOverrides: [string, object, number, string[]][] = [
      ['an unknown environment', { environmentName: 'prod' }, 404, ['body.environmentName: no environment named "prod" in the project']],
      ['an unknown connection', { connectionName: 'nope' }, 404, ['body.connectionName: no connection named "nope" in the project']],
      ['an authType invalid for the connection', { authType: 'OAUTH_CLIENT_CRED' }, 400, ['body.authType: must be CLOUD_PROVIDER_SECRET for CLOUD_PLATFORM_CREDENTIALS (connection "aws-creds")']],
      ['a property of another connection kind', { connectionOverrides: { connectionProperties: { secretName: 's' } } }, 400, [
        'body.connectionOverrides.connectionProperties.secretName: is not a CLOUD_PLATFORM_CREDENTIALS connection property (allowed: credentialSecretName)',
        'body.connectionOverrides.connectionProperties.credentialSecretName: is required for CLOUD_PLATFORM_CREDENTIALS',
      ]],
      ['a property of another vault variant', { connectionOverrides: { secretsLocation: { type: 'GCP_SECRET_MANAGER', region: 'r' }, connectionProperties: { credentialSecretName: 'c' } } }, 400, [
        'body.connectionOverrides.secretsLocation.region: is not allowed with type GCP_SECRET_MANAGER (only gcpProjectId)',
      ]],
      ['no connectionProperties', { connectionOverrides: {} }, 400, ['body.connectionOverrides.connectionProperties: is required']],
      ['no environmentName', { environmentName: undefined }, 400, ['body.environmentName: is required']],
    ];
    for (const [what, patch, status, violations] of invalidOverrides) {
      it(`overrides: rejects ${what} with ${status}`, async () => {
        const body = JSON.parse(JSON.stringify({ environmentName: 'dev', connectionName: 'aws-creds', authType: 'CLOUD_PROVIDER_SECRET', connectionOverrides: { connectionProperties: { credentialSecretName: 'c' } }, ...patch }));
        const r = await req('POST', ovUrl(), body);
        expect(r.statusCode, r.body).toBe(status);
        expect(r.json().violations).toEqual(violations);
        expect((await ok(await req('GET', `${ovUrl()}?environmentName=dev`), 200)).results.map((o: any) => o.name)).not.toContain('aws-creds');
      });
    }

    it('overrides: a DWH override needs the warehouse auth type and property set, with resolvable secrets', async () => {
      await ok(await req('POST', envUrl(), envBody({ name: 'stage', displayName: undefined, description: undefined })), 201);
      await ok(await req('DELETE', `${ovUrl()}?environmentName=stage&connectionNames=sf-dwh`), 204);
      const base = { environmentName: 'stage', connectionName: 'sf-dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: snowflakeProps() } };
      const wrongAuth = await req('POST', ovUrl(), { ...base, authType: 'PASSWORD' });
      expect(wrongAuth.statusCode).toBe(400);
      expect(wrongAuth.json().violations).toEqual(['body.authType: must be KEY_PAIR for the SNOWFLAKE connection "sf-dwh"']);
      const missing = await req('POST', ovUrl(), { ...base, connectionOverrides: { connectionProperties: { account: { value: 'a' } } } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().violations).toContain('body.connectionOverrides.connectionProperties.privateKey: is required for Snowflake');
      const dangling = await req('POST', ovUrl(), { ...base, connectionOverrides: { connectionProperties: snowflakeProps({ privateKey: { secretName: 'x', secretKey: 'y' } }) } });
      expect(dangling.statusCode).toBe(400);
      expect(dangling.json().violations).toEqual([`body.connectionOverrides.connectionProperties.privateKey.secretName: must name a hosted secret of the default agent ${agent.id} or a secret reference of the project`]);
      const cloudSecret = await req('POST', ovUrl(), { ...base, connectionOverrides: { connectionProperties: snowflakeProps({ privateKey: { secretName: 'aws-cred', secretKey: 'private_key' } }) } });
      expect(cloudSecret.statusCode).toBe(400);
      expect(cloudSecret.json().violations).toEqual(['body.connectionOverrides.connectionProperties.privateKey.secretName: must name a DWH_PASSWORD hosted secret ("aws-cred" is a CLOUD_PROVIDER_SECRET)']);
      const created = await ok(await req('POST', ovUrl(), base), 201);
      expect(created.connectionOverrides).toEqual(base.connectionOverrides);
    });

    it('overrides: GET needs environmentName (400) of an existing environment (404)', async () => {
      const r = await req('GET', ovUrl());
      expect(r.statusCode).toBe(400);
      expect(r.json().violations).toEqual(['query.environmentName: is required']);
      const missing = await req('GET', `${ovUrl()}?environmentName=prod`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().violations).toEqual(['query.environmentName: no environment named "prod" in the project']);
    });

    it('overrides: DELETE removes all named or none (404 naming the missing one), both parameters required', async () => {
      await ok(await req('POST', ovUrl(), { environmentName: 'dev', connectionName: 'aws-creds', authType: 'CLOUD_PROVIDER_SECRET', connectionOverrides: { connectionProperties: { credentialSecretName: 'aws-secret' } } }), 201);
      const partial = await req('DELETE', `${ovUrl()}?environmentName=dev&connectionNames=c1,nope`);
      expect(partial.statusCode).toBe(404);
      expect(partial.json().violations).toEqual(['query.connectionNames: environment "dev" has no override for connection "nope"']);
      const names = async () => (await ok(await req('GET', `${ovUrl()}?environmentName=dev`), 200)).results.map((o: any) => o.name);
      expect(await names()).toEqual(['sf-dwh', 'c1', 'aws-creds']);
      const noNames = await req('DELETE', `${ovUrl()}?environmentName=dev`);
      expect(noNames.statusCode).toBe(400);
      expect(noNames.json().violations).toEqual(['query.connectionNames: is required']);
      await ok(await req('DELETE', `${ovUrl()}?environmentName=dev&connectionNames=c1,aws-creds`), 204);
      expect(await names()).toEqual(['sf-dwh']);
      // No longer used through an override: c1 can go.
      await ok(await req('DELETE', `${connUrl()}?connectionName=c1`), 204);
    });
  }

  it('GET and DELETE of one environment: 404 when absent; DELETE removes its overrides and frees its connections', async () => {
    for (const method of ['GET', 'DELETE']) {
      const r = await req(method, `${envUrl()}/nope`);
      expect(r.statusCode).toBe(404);
      expect(r.json().violations).toEqual(['path.environmentName: no environment named "nope" in the project']);
    }
    const before = await total();
    await ok(await req('DELETE', `${envUrl()}/stage`), 204);
    expect(await total()).toBe(before - 1);
    expect((await req('GET', `${envUrl()}/stage`)).statusCode).toBe(404);
    expect((await req('GET', `${ovUrl()}?environmentName=stage`)).statusCode).toBe(404);
    const rows = await t().app.store.db.selectFrom('environment_overrides').select('id').where('project_id', '=', projectId).execute();
    expect(rows).toHaveLength(2); // the DWH overrides of dev and minimal
  });

  it('lists environments in creation order with the page envelope', async () => {
    const p = await ok(await req('GET', `${envUrl()}?size=1&page=1`), 200);
    expect(p).toMatchObject({ page: 1, size: 1, total: 2 });
    expect(p.results.map((e: any) => e.name)).toEqual(['minimal']);
    expect((await ok(await req('GET', envUrl()), 200)).results.map((e: any) => e.name)).toEqual(['dev', 'minimal']);
  });

  it('a caller who cannot see the project gets 404 everywhere', async () => {
    const admin = await t().tokenFor('ADMIN');
    for (const [method, url] of [['GET', envUrl()], ['GET', `${envUrl()}/dev`], ['DELETE', `${envUrl()}/dev`], ['GET', `${ovUrl()}?environmentName=dev`]]) {
      expect((await t().inject({ method: method!, url: url!, token: admin })).statusCode).toBe(404);
    }
    expect((await t().inject({ method: 'POST', url: envUrl(), token: admin, body: envBody({ name: 'x' }) })).statusCode).toBe(404);
  });

  it('deleting the project removes its connections, overrides, environments, secret references and hosted agent', async () => {
    const count = async (table: 'connections' | 'environments' | 'environment_overrides' | 'secret_references' | 'agents') =>
      (await t().app.store.db.selectFrom(table).select('id').where('project_id', '=', projectId).execute()).length;
    expect(await count('connections')).toBeGreaterThan(0);
    expect(await count('secret_references')).toBe(1);
    expect(await count('agents')).toBe(1);
    expect((await ok(await req('GET', `/v1/secrets/${agent.id}/secret-values`), 200)).total).toBe(2);
    expect((await ok(await req('GET', `/v1/agents/${listedId}/allowlist`), 200)).projects).toHaveProperty(projectId);
    expect(await count('environments')).toBe(2);
    expect(await count('environment_overrides')).toBe(2);
    const envIds = (await t().app.store.db.selectFrom('environments').select('id').where('project_id', '=', projectId).execute()).map((e) => e.id);
    const links = () => t().app.store.db.selectFrom('environment_default_connections').select('kind').where('environment_id', 'in', envIds).execute();
    expect(await links()).toHaveLength(3); // dev: DWH + CLOUD_PLATFORM, minimal: DWH
    await ok(await req('DELETE', `/v1/projects/${projectId}`), 204);
    expect(await count('connections')).toBe(0);
    expect(await count('environments')).toBe(0);
    expect(await count('environment_overrides')).toBe(0);
    expect(await links()).toEqual([]);
    expect((await req('GET', envUrl())).statusCode).toBe(404);
    expect((await req('GET', connUrl())).statusCode).toBe(404);
    expect((await req('GET', `/v1/projects/${projectId}/secret-references`)).statusCode).toBe(404);
    expect(await count('secret_references')).toBe(0);
    // The hosted agent went with the project, its vault with it; the hybrid agent stays, off the project.
    expect((await req('GET', `/v1/agents/${agent.id}`)).statusCode).toBe(404);
    expect((await req('GET', `/v1/secrets/${agent.id}/secret-values`)).statusCode).toBe(404);
    expect(await count('agents')).toBe(0);
    expect((await t().app.store.db.selectFrom('hosted_secrets').select('id').where('agent_id', '=', agent.id).execute())).toEqual([]);
    expect((await ok(await req('GET', `/v1/agents/${listedId}/allowlist`), 200)).projects).not.toHaveProperty(projectId);
  });
});

describeEachDb('environments on Redshift', (t) => {
  let token: string;
  let projectId: string;
  let agentId: string;
  const props = (over: Record<string, unknown> = {}) => ({
    url: { value: 'cluster.abc.eu-west-1.redshift.amazonaws.com' },
    username: { value: 'admin' },
    password: { secretName: 'rs-password', secretKey: 'password' },
    port: { value: '5439' },
    defaultDatabase: { value: 'dev' },
    useSsl: { value: 'true' },
    defaultSchema: { value: 'public' },
    defaultStorageLocation: { value: 'my-bucket' },
    ...over,
  });
  const post = (name: string, connectionProperties: object) =>
    t().inject({
      method: 'POST',
      url: `/v1/projects/${projectId}/environments`,
      token,
      body: { name, defaultAgentId: agentId, defaultUserAccessLevel: 'runner', defaultConnections: { DWH: { redshift: 'rs' } }, connectionOverrides: [{ connectionName: 'rs', connectionProperties }] },
    });

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await newProject(t(), 'REDSHIFT', 'HYBRID');
    agentId = (await hybridAgent(t(), token)).id;
    await secretReference(t(), token, projectId, 'rs-password', { secretName: 'prod/redshift', secretKey: 'password' });
    const r = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'rs', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' } });
    expect(r.statusCode).toBe(201);
  });

  it('accepts the full property set and the required subset', async () => {
    expect((await post('full', props())).statusCode).toBe(201);
    const { port: _p, useSsl: _u, defaultStorageLocation: _d, ...required } = props();
    const r = await post('required-only', required);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().connectionOverrides).toEqual([{ connectionName: 'rs', connectionProperties: required }]);
  });

  const invalid: [string, object, string[]][] = [
    ['a non-numeric port', props({ port: { value: 'abc' } }), ['body.connectionOverrides[0].connectionProperties.port.value: must be a port number 1–65535 as a string, e.g. "5439"']],
    ['port 0', props({ port: { value: '0' } }), ['body.connectionOverrides[0].connectionProperties.port.value: must be a port number 1–65535 as a string, e.g. "5439"']],
    ['useSsl "yes"', props({ useSsl: { value: 'yes' } }), ['body.connectionOverrides[0].connectionProperties.useSsl.value: must be "true" or "false"']],
    ['a plain password', props({ password: { value: 'hunter2' } }), ['body.connectionOverrides[0].connectionProperties.password: must be a secret pointer {secretName, secretKey}; plain values are not accepted for secrets']],
    ['a Snowflake property', props({ privateKey: { secretName: 'a', secretKey: 'b' } }), [
      'body.connectionOverrides[0].connectionProperties.privateKey: is not a Redshift connection property (allowed: url, username, password, port, defaultDatabase, useSsl, defaultSchema, defaultStorageLocation)',
    ]],
    ['missing url and defaultSchema', props({ url: undefined, defaultSchema: undefined }), [
      'body.connectionOverrides[0].connectionProperties.url: is required for Redshift',
      'body.connectionOverrides[0].connectionProperties.defaultSchema: is required for Redshift',
    ]],
  ];
  for (const [what, p, violations] of invalid) {
    it(`rejects ${what}`, async () => {
      const r = await post('bad', JSON.parse(JSON.stringify(p)));
      expect(r.statusCode).toBe(400);
      expect(r.json().violations).toEqual(violations);
    });
  }
});
