import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq, snowflakeProps } from '../helpers/fixtures.js';

/**
 * Issue 12, point 2: `authProvider` is optional in seed 001 (CreateConnectionRequest) and absent
 * from the PUT body the SaaS documents (docs.maia.ai/api-reference/connections/update-an-existing-
 * project-connection-by-name: authType, platformConnectionType, connectionDetails). A client that
 * follows those documents omits it. Plinth infers it where the seed's combination table admits
 * exactly one provider, and answers 400 naming the choices where it admits several.
 *
 * The table (seed 001) and what it implies when authProvider is omitted:
 *
 * | platformConnectionType     | authType                                                  | providers the table admits   | omitted →                         |
 * |----------------------------|-----------------------------------------------------------|------------------------------|-----------------------------------|
 * | COMPONENT_BASIC            | GENERIC_SECRET                                            | NONE                         | NONE                              |
 * | COMPONENT_BASIC            | COMPOSITE_TOKEN                                           | netsuite                     | netsuite                          |
 * | COMPONENT_BASIC            | OAUTH_1_0_X_ADS                                           | x-ads                        | x-ads                             |
 * | COMPONENT_BASIC            | OAUTH_CLIENT_CRED, OAUTH_USER_TOKENS, OAUTH_AUTHORIZATION_CODE | any connector name (open set) | 400 body.authProvider: name the connector |
 * | COMPONENT_BASIC            | CLOUD_PROVIDER_SECRET                                     | none                         | 400 body.authType (needs CLOUD_PLATFORM_CREDENTIALS) |
 * | CLOUD_PLATFORM_CREDENTIALS | CLOUD_PROVIDER_SECRET                                     | aws, gcp, azure              | 400 body.authProvider: one of aws, gcp, azure |
 * | CLOUD_PLATFORM_CREDENTIALS | any other                                                 | none                         | 400 body.authType (must be CLOUD_PROVIDER_SECRET) |
 * | DWH (PUT only)             | KEY_PAIR / PASSWORD                                       | the project's warehouse      | the project's warehouse           |
 *
 * On PUT, the connection's current provider is kept when it is one the table admits for the new
 * authType (the documented PUT body has no authProvider, so a documented client cannot repeat it);
 * otherwise the table decides as on POST.
 */

type Res = Awaited<ReturnType<TestApp['inject']>>;

function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

const violationsOf = (r: Res) => r.json().violations as string[];

describeEachDb('issue 12 point 2: authProvider inferred where the combination table admits exactly one', (t) => {
  let token: string;
  let projectId: string;
  let agentId: string;
  const connUrl = () => `/v1/projects/${projectId}/connections`;
  const ovUrl = () => `/v1/projects/${projectId}/connections/environment-overrides`;
  const req = (method: string, url: string, body?: unknown) => t().inject({ method, url, token, body });
  const listed = async (name: string) => (ok(await req('GET', `${connUrl()}?connectionNames=${encodeURIComponent(name)}`), 200).results as any[])[0];

  beforeAll(async () => {
    token = await t().adminToken();
    // A FULL_SAAS Snowflake project with its hosted agent, a hosted key and one environment.
    ({ projectId, agentId } = await fullSaasProject(t(), token));
    ok(await req('POST', `/v1/secrets/${agentId}/secret-value`, { name: 'sf-key', type: 'DWH_PASSWORD', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }), 201);
    ok(await req('POST', `/v1/projects/${projectId}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
    ok(
      await req('POST', `/v1/projects/${projectId}/environments`, {
        name: 'dev',
        defaultAgentId: agentId,
        defaultUserAccessLevel: 'admin',
        defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
        connectionOverrides: [
          {
            connectionName: 'sf-dwh',
            connectionProperties: snowflakeProps(),
          },
        ],
      }),
      201,
    );
  });

  const INFERRED: [string, string, string][] = [
    ['COMPONENT_BASIC', 'GENERIC_SECRET', 'NONE'],
    ['component_basic', 'generic_secret', 'NONE'],
    ['COMPONENT_BASIC', 'COMPOSITE_TOKEN', 'netsuite'],
    ['COMPONENT_BASIC', 'OAUTH_1_0_X_ADS', 'x-ads'],
  ];
  for (const [type, authType, provider] of INFERRED) {
    it(`POST ${type} + ${authType} without authProvider: 201, authProvider ${provider} returned, stored and filterable`, async () => {
      const name = uniq('inferred');
      const created = await req('POST', connUrl(), { name, platformConnectionType: type, authType, connectionDetails: { connectionProperties: { secretName: 'db-credentials' } } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ name, platformConnectionType: type.toUpperCase(), authType: authType.toUpperCase(), authProvider: provider, projectId });
      expect(await listed(name)).toEqual(created.json());
      const filtered = ok(await req('GET', `${connUrl()}?authProvider=${encodeURIComponent(provider.toLowerCase())}&connectionNames=${name}`), 200);
      expect(filtered.results.map((c: any) => c.name)).toEqual([name]);
    });
  }

  it("seed 001's 'COMPONENT_BASIC with Default Vault' example without its authProvider line: 201 with NONE, details echoed", async () => {
    const body = {
      name: uniq('simple-connection'),
      platformConnectionType: 'COMPONENT_BASIC',
      authType: 'GENERIC_SECRET',
      connectionDetails: { secretsLocation: { type: 'DEFAULT_SECRET_VAULT' }, connectionProperties: { secretName: 'google-cloud-credentials' } },
    };
    const r = await req('POST', connUrl(), body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ ...body, authProvider: 'NONE' });
  });

  it('an authProvider that is sent is kept as sent (no inference over it)', async () => {
    const name = uniq('sf-oauth');
    const r = ok(await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED' }), 201);
    expect(r.authProvider).toBe('salesforce');
    const none = ok(await req('POST', connUrl(), { name: uniq('none'), platformConnectionType: 'COMPONENT_BASIC', authProvider: 'none', authType: 'GENERIC_SECRET' }), 201);
    expect(none.authProvider).toBe('none');
  });

  it('POST CLOUD_PLATFORM_CREDENTIALS + CLOUD_PROVIDER_SECRET without authProvider: 400 naming aws, gcp and azure; nothing stored', async () => {
    const name = uniq('cloud');
    const r = await req('POST', connUrl(), { name, platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authType: 'CLOUD_PROVIDER_SECRET', connectionDetails: { connectionProperties: { credentialSecretName: 'aws-creds' } } });
    expect(r.statusCode, r.body).toBe(400);
    const v = violationsOf(r);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/^body\.authProvider: /);
    for (const choice of ['aws', 'gcp', 'azure']) expect(v[0]).toContain(choice);
    expect(await listed(name)).toBeUndefined();
  });

  for (const authType of ['OAUTH_CLIENT_CRED', 'OAUTH_USER_TOKENS', 'OAUTH_AUTHORIZATION_CODE']) {
    it(`POST COMPONENT_BASIC + ${authType} without authProvider: 400 asking for the connector name; nothing stored`, async () => {
      const name = uniq('oauth');
      const r = await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authType });
      expect(r.statusCode, r.body).toBe(400);
      const v = violationsOf(r);
      expect(v).toHaveLength(1);
      expect(v[0]).toMatch(/^body\.authProvider: .*connector/i);
      expect(await listed(name)).toBeUndefined();
    });
  }

  it('POST with an authType no provider admits for the type: 400 on body.authType, not a request for an authProvider', async () => {
    const basic = await req('POST', connUrl(), { name: uniq('x'), platformConnectionType: 'COMPONENT_BASIC', authType: 'CLOUD_PROVIDER_SECRET' });
    expect(basic.statusCode, basic.body).toBe(400);
    expect(violationsOf(basic).some((v) => v.startsWith('body.authType:') && v.includes('CLOUD_PLATFORM_CREDENTIALS')), basic.body).toBe(true);
    expect(violationsOf(basic).some((v) => v.startsWith('body.authProvider:')), basic.body).toBe(false);
    const cloud = await req('POST', connUrl(), { name: uniq('x'), platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authType: 'GENERIC_SECRET' });
    expect(cloud.statusCode, cloud.body).toBe(400);
    expect(violationsOf(cloud).some((v) => v.startsWith('body.authType:') && v.includes('CLOUD_PROVIDER_SECRET')), cloud.body).toBe(true);
    expect(violationsOf(cloud).some((v) => v.startsWith('body.authProvider:')), cloud.body).toBe(false);
  });

  it('PUT without authProvider: a provider the table admits alone is inferred (NONE → netsuite when the type becomes COMPOSITE_TOKEN)', async () => {
    const name = uniq('put-infer');
    ok(await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    const put = await req('PUT', `${connUrl()}?connectionName=${name}`, { platformConnectionType: 'COMPONENT_BASIC', authType: 'COMPOSITE_TOKEN' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name, authProvider: 'netsuite', authType: 'COMPOSITE_TOKEN' });
    expect(await listed(name)).toEqual(put.json());
    const back = ok(await req('PUT', `${connUrl()}?connectionName=${name}`, { platformConnectionType: 'COMPONENT_BASIC', authType: 'generic_secret' }), 200);
    expect(back).toMatchObject({ authProvider: 'NONE', authType: 'GENERIC_SECRET' });
  });

  it('PUT without authProvider, as documented (authType, platformConnectionType, connectionDetails): the current provider stays when the table admits it', async () => {
    const sf = uniq('put-sf');
    ok(await req('POST', connUrl(), { name: sf, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED' }), 201);
    const put = await req('PUT', `${connUrl()}?connectionName=${sf}`, { platformConnectionType: 'COMPONENT_BASIC', authType: 'OAUTH_USER_TOKENS', connectionDetails: { connectionProperties: { secretName: 'sf-tokens' } } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ authProvider: 'salesforce', authType: 'OAUTH_USER_TOKENS', connectionDetails: { connectionProperties: { secretName: 'sf-tokens' } } });

    const cloud = uniq('put-gcp');
    ok(await req('POST', connUrl(), { name: cloud, platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'gcp', authType: 'CLOUD_PROVIDER_SECRET' }), 201);
    const cput = await req('PUT', `${connUrl()}?connectionName=${cloud}`, { platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authType: 'CLOUD_PROVIDER_SECRET', connectionDetails: { description: 'rotated' } });
    expect(cput.statusCode, cput.body).toBe(200);
    expect(cput.json()).toMatchObject({ authProvider: 'gcp', connectionDetails: { description: 'rotated' } });
  });

  it('PUT without authProvider where the current provider does not fit and several would: 400 asking for the connector name, nothing changed', async () => {
    const name = uniq('put-ambiguous');
    const created = ok(await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }), 201);
    const r = await req('PUT', `${connUrl()}?connectionName=${name}`, { platformConnectionType: 'COMPONENT_BASIC', authType: 'OAUTH_CLIENT_CRED' });
    expect(r.statusCode, r.body).toBe(400);
    expect(violationsOf(r)).toHaveLength(1);
    expect(violationsOf(r)[0]).toMatch(/^body\.authProvider: .*connector/i);
    expect(await listed(name)).toEqual(created);
  });

  it("PUT of a DWH connection without authProvider: the project's warehouse is inferred", async () => {
    const r = await req('PUT', `${connUrl()}?connectionName=sf-dwh`, { platformConnectionType: 'DWH', authType: 'KEY_PAIR', connectionDetails: { description: 'warehouse' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR', connectionDetails: { description: 'warehouse' } });
    const wrong = await req('PUT', `${connUrl()}?connectionName=sf-dwh`, { platformConnectionType: 'DWH', authType: 'PASSWORD' });
    expect(wrong.statusCode).toBe(400);
    expect(violationsOf(wrong).some((v) => v.startsWith('body.authType:')), wrong.body).toBe(true);
  });

  it('environment overrides: an override of a connection whose provider was inferred carries it, and is checked against it', async () => {
    const name = uniq('ov-none');
    ok(await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authType: 'GENERIC_SECRET' }), 201);
    const body = { environmentName: 'dev', connectionName: name, authType: 'generic_secret', connectionOverrides: { connectionProperties: { secretName: 'dev-db', secretKey: 'pw' } } };
    const created = await req('POST', ovUrl(), body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', environmentName: 'dev' });
    const replaced = await req('PUT', ovUrl(), { ...body, connectionOverrides: { connectionProperties: { secretName: 'dev-db-2' } } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ name, authProvider: 'NONE', authType: 'GENERIC_SECRET' });
    const page = ok(await req('GET', `${ovUrl()}?environmentName=dev&size=100`), 200);
    expect(page.results.find((o: any) => o.name === name)).toMatchObject({ authProvider: 'NONE' });
    // An override authType the inferred provider does not admit is refused, naming body.authType.
    const oauth = await req('PUT', ovUrl(), { ...body, authType: 'OAUTH_CLIENT_CRED' });
    expect(oauth.statusCode, oauth.body).toBe(400);
    expect(violationsOf(oauth).some((v) => v.startsWith('body.authType:')), oauth.body).toBe(true);
  });

  it('environment overrides: netsuite inferred on the connection, COMPOSITE_TOKEN override accepted', async () => {
    const name = uniq('ov-netsuite');
    ok(await req('POST', connUrl(), { name, platformConnectionType: 'COMPONENT_BASIC', authType: 'COMPOSITE_TOKEN' }), 201);
    const r = await req('POST', ovUrl(), { environmentName: 'dev', connectionName: name, authType: 'COMPOSITE_TOKEN', connectionOverrides: { connectionProperties: { secretName: 'ns-token' } } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ authProvider: 'netsuite', authType: 'COMPOSITE_TOKEN' });
  });

  it('the contract says what is inferred and why (createProjectConnection and updateProjectConnection)', async () => {
    const doc = ok(await t().inject({ method: 'GET', url: '/openapi.json' }), 200);
    const path = doc.paths['/v1/projects/{projectId}/connections'];
    for (const op of [path.post, path.put]) {
      expect(op.description).toMatch(/infer/i);
    }
    const create: string = path.post.description;
    for (const word of ['GENERIC_SECRET', 'NONE', 'COMPOSITE_TOKEN', 'netsuite', 'OAUTH_1_0_X_ADS', 'x-ads', 'aws', 'gcp', 'azure']) expect(create).toContain(word);
    expect(create).not.toMatch(/omitting it is a 400/i);
  });
});
