import { beforeAll, expect, it } from 'vitest';
import { ADMIN_ID, describeEachDb } from '../helpers/app.js';
import { newProject } from '../helpers/seed.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The four request examples of seed 001, literally. */
const SEED_EXAMPLES: Record<string, any> = {
  'CLOUD_PLATFORM_CREDENTIALS Connection': {
    name: 'my-aws-connection',
    platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
    authProvider: 'aws',
    authType: 'CLOUD_PROVIDER_SECRET',
    connectionDetails: {
      description: 'AWS credentials for the analytics environment',
      secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
      connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
    },
  },
  'COMPONENT_BASIC Connection': {
    name: 'my-database-connection',
    platformConnectionType: 'COMPONENT_BASIC',
    authProvider: 'NONE',
    authType: 'GENERIC_SECRET',
    connectionDetails: {
      description: 'Production database connection for analytics',
      secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
      connectionProperties: { secretName: 'db-credentials', secretKey: 'password' },
    },
  },
  'COMPONENT_BASIC pointing at OAuth Secret': {
    name: 'powerbi-cc-connection',
    platformConnectionType: 'COMPONENT_BASIC',
    authProvider: 'powerbi-custom-connector',
    authType: 'OAUTH_CLIENT_CRED',
    connectionDetails: {
      description: 'Power BI custom connector OAuth client credentials',
      secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' },
      connectionProperties: { secretName: 'powerbi-oauth-creds' },
    },
  },
  'COMPONENT_BASIC with Default Vault': {
    name: 'simple-connection',
    platformConnectionType: 'COMPONENT_BASIC',
    authProvider: 'NONE',
    authType: 'GENERIC_SECRET',
    connectionDetails: {
      secretsLocation: { type: 'DEFAULT_SECRET_VAULT' },
      connectionProperties: { secretName: 'google-cloud-credentials' },
    },
  },
};

const basic = (name: string, extra: object = {}): any => ({
  name,
  platformConnectionType: 'COMPONENT_BASIC',
  authProvider: 'NONE',
  authType: 'GENERIC_SECRET',
  ...extra,
});

describeEachDb('connections', (t) => {
  let token: string;
  let projectId: string;
  const url = () => `/v1/projects/${projectId}/connections`;
  const post = (body: unknown, pid = projectId) => t().inject({ method: 'POST', url: `/v1/projects/${pid}/connections`, token, body });
  const list = (qs = '') => t().inject({ method: 'GET', url: `${url()}${qs}`, token });

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await newProject(t());
  });

  for (const [title, example] of Object.entries(SEED_EXAMPLES)) {
    it(`accepts seed 001's example "${title}" literally and reads it back exactly`, async () => {
      const r = await post(example);
      expect(r.statusCode).toBe(201);
      const body = r.json();
      expect(body).toEqual({ ...example, id: body.id, createdBy: ADMIN_ID, createdDate: body.createdDate, projectId });
      expect(body.id).toMatch(UUID);
      expect(body.createdDate).toMatch(ISO_MS);
      const read = await list(`?connectionNames=${encodeURIComponent(example.name)}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({ page: 0, size: 25, total: 1, results: [body] });
    });
  }

  it('matches platformConnectionType and authType case-insensitively, stores them upper-case, authProvider as sent', async () => {
    const r = await post({ name: 'lower', platformConnectionType: 'component_basic', authProvider: 'Salesforce', authType: 'oauth_user_tokens' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ platformConnectionType: 'COMPONENT_BASIC', authProvider: 'Salesforce', authType: 'OAUTH_USER_TOKENS' });
    expect(r.json()).not.toHaveProperty('connectionDetails');
    const read = (await list('?connectionNames=lower')).json().results[0];
    expect(read).toEqual(r.json());
  });

  it('accepts every secretsLocation variant with its own property and returns it as sent', async () => {
    const variants = [
      { type: 'AZURE_SECRET_MANAGER', vaultName: 'kv-1' },
      { type: 'AZURE_SECRET_MANAGER' },
      { type: 'GCP_SECRET_MANAGER', gcpProjectId: 'gcp-proj' },
      { type: 'MATILLION_CUSTOMER_VAULT' },
      { type: 'AWS_SECRET_MANAGER' },
    ];
    for (const [i, secretsLocation] of variants.entries()) {
      const body = basic(`variant-${i}`, { connectionDetails: { secretsLocation, connectionProperties: { secretName: 's' } } });
      const r = await post(body);
      expect(r.statusCode).toBe(201);
      expect(r.json().connectionDetails).toEqual(body.connectionDetails);
      expect((await list(`?connectionNames=variant-${i}`)).json().results[0].connectionDetails).toEqual(body.connectionDetails);
    }
  });

  it('accepts the other valid combinations (netsuite, x-ads, OAuth flows, gcp/azure)', async () => {
    const combos = [
      ['COMPONENT_BASIC', 'netsuite', 'COMPOSITE_TOKEN'],
      ['COMPONENT_BASIC', 'x-ads', 'OAUTH_1_0_X_ADS'],
      ['COMPONENT_BASIC', 'salesforce', 'OAUTH_AUTHORIZATION_CODE'],
      ['COMPONENT_BASIC', 'salesforce', 'OAUTH_USER_TOKENS'],
      ['CLOUD_PLATFORM_CREDENTIALS', 'gcp', 'CLOUD_PROVIDER_SECRET'],
      ['CLOUD_PLATFORM_CREDENTIALS', 'AZURE', 'CLOUD_PROVIDER_SECRET'],
    ];
    for (const [i, [platformConnectionType, authProvider, authType]] of combos.entries()) {
      const r = await post({ name: `combo-${i}`, platformConnectionType, authProvider, authType });
      expect(r.statusCode, `${authProvider}/${authType}`).toBe(201);
    }
  });

  it('ignores unknown properties and does not store them', async () => {
    const r = await post({
      ...basic('unknowns', { connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'x', colour: 1 }, connectionProperties: { secretName: 's', extra: true }, other: 1 } }),
      foo: 'bar',
    });
    expect(r.statusCode).toBe(201);
    const expected = { secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'x' }, connectionProperties: { secretName: 's' } };
    expect(r.json().connectionDetails).toEqual(expected);
    expect(r.json()).not.toHaveProperty('foo');
    expect((await list('?connectionNames=unknowns')).json().results[0].connectionDetails).toEqual(expected);
  });

  const INVALID: [string, object, number, string[]][] = [
    ['NONE with an OAuth type', basic('x', { authType: 'OAUTH_CLIENT_CRED' }), 400, ['body.authType: must be GENERIC_SECRET for COMPONENT_BASIC with authProvider NONE']],
    ['a connector with GENERIC_SECRET', basic('x', { authProvider: 'salesforce' }), 400, ['body.authType: must be OAUTH_CLIENT_CRED or OAUTH_USER_TOKENS or OAUTH_AUTHORIZATION_CODE for COMPONENT_BASIC with authProvider a connector (salesforce)']],
    ['netsuite with an OAuth type', basic('x', { authProvider: 'netsuite', authType: 'OAUTH_CLIENT_CRED' }), 400, ['body.authType: must be COMPOSITE_TOKEN for COMPONENT_BASIC with authProvider netsuite']],
    ['x-ads with COMPOSITE_TOKEN', basic('x', { authProvider: 'x-ads', authType: 'COMPOSITE_TOKEN' }), 400, ['body.authType: must be OAUTH_1_0_X_ADS for COMPONENT_BASIC with authProvider x-ads']],
    ['a connector with COMPOSITE_TOKEN', basic('x', { authProvider: 'salesforce', authType: 'COMPOSITE_TOKEN' }), 400, ['body.authType: must be OAUTH_CLIENT_CRED or OAUTH_USER_TOKENS or OAUTH_AUTHORIZATION_CODE for COMPONENT_BASIC with authProvider a connector (salesforce)']],
    ['COMPONENT_BASIC with a cloud provider', basic('x', { authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET' }), 400, ['body.authProvider: aws is a cloud provider: use platformConnectionType CLOUD_PLATFORM_CREDENTIALS']],
    ['COMPONENT_BASIC with CLOUD_PROVIDER_SECRET', basic('x', { authType: 'CLOUD_PROVIDER_SECRET' }), 400, ['body.authType: must be GENERIC_SECRET for COMPONENT_BASIC with authProvider NONE']],
    ['CLOUD_PLATFORM_CREDENTIALS with a connector', { name: 'x', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'salesforce', authType: 'CLOUD_PROVIDER_SECRET' }, 400, ['body.authProvider: must be one of aws, gcp, azure for CLOUD_PLATFORM_CREDENTIALS']],
    ['CLOUD_PLATFORM_CREDENTIALS with GENERIC_SECRET', { name: 'x', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'GENERIC_SECRET' }, 400, ['body.authType: must be CLOUD_PROVIDER_SECRET for CLOUD_PLATFORM_CREDENTIALS']],
    ['no authProvider where a connector must be named', { name: 'x', platformConnectionType: 'COMPONENT_BASIC', authType: 'OAUTH_CLIENT_CRED' }, 400, ['body.authProvider: is required for COMPONENT_BASIC with OAUTH_CLIENT_CRED: name the connector (e.g. salesforce); it cannot be inferred']],
    ['no authProvider where several cloud providers would do', { name: 'x', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authType: 'CLOUD_PROVIDER_SECRET' }, 400, ['body.authProvider: is required for CLOUD_PLATFORM_CREDENTIALS with CLOUD_PROVIDER_SECRET: one of aws, gcp, azure (it cannot be inferred)']],
    ['platformConnectionType DWH', basic('x', { platformConnectionType: 'DWH' }), 400, ['body.platformConnectionType: must be one of: COMPONENT_BASIC, CLOUD_PLATFORM_CREDENTIALS (case-insensitive)']],
    ['an unknown authType', basic('x', { authType: 'TOKEN' }), 400, [`body.authType: must be one of: GENERIC_SECRET, CLOUD_PROVIDER_SECRET, OAUTH_USER_TOKENS, OAUTH_AUTHORIZATION_CODE, OAUTH_CLIENT_CRED, COMPOSITE_TOKEN, OAUTH_1_0_X_ADS (case-insensitive)`]],
    ['no name', { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }, 400, ['body.name: is required']],
    ['an empty name', basic(''), 400, ['body.name: must NOT have fewer than 1 characters']],
    ['a numeric authType', basic('x', { authType: 5 }), 400, ['body.authType: must be string']],
    ['vaultName with AWS_SECRET_MANAGER', basic('x', { connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', vaultName: 'v' } } }), 400, ['body.connectionDetails.secretsLocation.vaultName: is not allowed with type AWS_SECRET_MANAGER (only region)']],
    ['region with DEFAULT_SECRET_VAULT', basic('x', { connectionDetails: { secretsLocation: { type: 'DEFAULT_SECRET_VAULT', region: 'r' } } }), 400, ['body.connectionDetails.secretsLocation.region: is not allowed with type DEFAULT_SECRET_VAULT']],
    ['gcpProjectId with AZURE_SECRET_MANAGER', basic('x', { connectionDetails: { secretsLocation: { type: 'AZURE_SECRET_MANAGER', gcpProjectId: 'g' } } }), 400, ['body.connectionDetails.secretsLocation.gcpProjectId: is not allowed with type AZURE_SECRET_MANAGER (only vaultName)']],
    ['a secretsLocation without type', basic('x', { connectionDetails: { secretsLocation: { region: 'r' } } }), 400, ['body.connectionDetails.secretsLocation.type: is required']],
    ['an unknown secretsLocation type', basic('x', { connectionDetails: { secretsLocation: { type: 'VAULT' } } }), 400, ['body.connectionDetails.secretsLocation.type: must be one of: AWS_SECRET_MANAGER, AZURE_SECRET_MANAGER, GCP_SECRET_MANAGER, MATILLION_CUSTOMER_VAULT, DEFAULT_SECRET_VAULT']],
    ['COMPONENT_BASIC without secretName', basic('x', { connectionDetails: { connectionProperties: { secretKey: 'k' } } }), 400, ['body.connectionDetails.connectionProperties.secretName: is required for COMPONENT_BASIC']],
    ['COMPONENT_BASIC with an empty secretName', basic('x', { connectionDetails: { connectionProperties: { secretName: '' } } }), 400, ['body.connectionDetails.connectionProperties.secretName: must NOT have fewer than 1 characters']],
    ['COMPONENT_BASIC with credentialSecretName', basic('x', { connectionDetails: { connectionProperties: { secretName: 's', credentialSecretName: 'c' } } }), 400, ['body.connectionDetails.connectionProperties.credentialSecretName: is not a COMPONENT_BASIC connection property (allowed: secretName, secretKey)']],
    ['CLOUD_PLATFORM_CREDENTIALS with secretName', { name: 'x', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET', connectionDetails: { connectionProperties: { secretName: 's' } } }, 400, [
      'body.connectionDetails.connectionProperties.secretName: is not a CLOUD_PLATFORM_CREDENTIALS connection property (allowed: credentialSecretName)',
      'body.connectionDetails.connectionProperties.credentialSecretName: is required for CLOUD_PLATFORM_CREDENTIALS',
    ]],
  ];
  for (const [what, body, status, violations] of INVALID) {
    it(`rejects ${what}: ${status} naming the field and the rule, nothing stored`, async () => {
      const before = (await list()).json().total;
      const r = await post(body);
      expect(r.statusCode).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().violations).toEqual(violations);
      expect((await list()).json().total).toBe(before);
    });
  }

  it('409 on a duplicate name (also against a data-warehouse connection)', async () => {
    expect((await post(basic('dup'))).statusCode).toBe(201);
    const r = await post(basic('dup', { authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED' }));
    expect(r.statusCode).toBe(409);
    expect(r.json().violations).toEqual(['body.name: must be unique within the project']);
    const dwh = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'dup', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } });
    expect(dwh.statusCode).toBe(409);
    expect((await list('?connectionNames=dup')).json().results).toHaveLength(1);
  });

  it('the same name is fine in another project', async () => {
    const other = await newProject(t());
    expect((await post(basic('dup'), other)).statusCode).toBe(201);
  });

  it('404 for an unknown project, and for a project the caller cannot see', async () => {
    const r = await post(basic('x'), '00000000-0000-4000-8000-000000000000');
    expect(r.statusCode).toBe(404);
    const member = await t().tokenFor('ADMIN');
    const r2 = await t().inject({ method: 'POST', url: url(), token: member, body: basic('hidden') });
    expect(r2.statusCode).toBe(404);
    const r3 = await t().inject({ method: 'GET', url: url(), token: member });
    expect(r3.statusCode).toBe(404);
    expect((await list('?connectionNames=hidden')).json().total).toBe(0);
  });

  it('400 for a malformed project id', async () => {
    const r = await post(basic('x'), 'not-a-uuid');
    expect(r.statusCode).toBe(400);
    expect(r.json().violations[0]).toMatch(/^path\.projectId: must match pattern/);
  });
});

describeEachDb('connections list, replace and delete', (t) => {
  let token: string;
  let projectId: string;
  const url = () => `/v1/projects/${projectId}/connections`;
  const list = (qs = '') => t().inject({ method: 'GET', url: `${url()}${qs}`, token });
  const names = async (qs = '') => {
    const r = await list(qs);
    expect(r.statusCode).toBe(200);
    return r.json().results.map((c: { name: string }) => c.name);
  };

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await newProject(t(), 'REDSHIFT');
    const bodies = [
      { name: 'dwh', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' },
      basic('c1'),
      { name: 'aws', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET' },
      basic('sf', { authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED' }),
      { name: 'gcp', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'gcp', authType: 'CLOUD_PROVIDER_SECRET' },
    ];
    for (const b of bodies) {
      const path = b.name === 'dwh' ? 'data-platform-connections' : 'connections';
      const r = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/${path}`, token, body: b });
      expect(r.statusCode).toBe(201);
    }
  });

  it('lists in creation order with the page envelope', async () => {
    expect(await names()).toEqual(['dwh', 'c1', 'aws', 'sf', 'gcp']);
    const p1 = (await list('?page=1&size=2')).json();
    expect({ ...p1, results: p1.results.map((c: any) => c.name) }).toEqual({ page: 1, size: 2, total: 5, results: ['aws', 'sf'] });
    const past = (await list('?page=9&size=2')).json();
    expect(past).toEqual({ page: 9, size: 2, total: 5, results: [] });
  });

  it('shows the default warehouse connection as platformConnectionType DWH', async () => {
    const r = (await list('?platformConnectionType=DWH')).json();
    expect(r.total).toBe(1);
    expect(r.results[0]).toEqual({
      id: expect.stringMatching(UUID),
      name: 'dwh',
      platformConnectionType: 'DWH',
      authProvider: 'REDSHIFT',
      authType: 'PASSWORD',
      createdBy: ADMIN_ID,
      createdDate: expect.stringMatching(ISO_MS),
      projectId,
    });
  });

  it('filters by comma-separated lists, AND between filters, case-insensitively', async () => {
    expect(await names('?platformConnectionType=CLOUD_PLATFORM_CREDENTIALS,dwh')).toEqual(['dwh', 'aws', 'gcp']);
    expect(await names('?authProvider=AWS,salesforce')).toEqual(['aws', 'sf']);
    expect(await names('?platformConnectionType=CLOUD_PLATFORM_CREDENTIALS&authProvider=aws,salesforce')).toEqual(['aws']);
    expect(await names('?connectionNames=c1,gcp,missing')).toEqual(['c1', 'gcp']);
    expect(await names('?connectionNames=c1&authProvider=aws')).toEqual([]);
    const r = (await list('?authProvider=gcp&size=1')).json();
    expect(r.total).toBe(1);
  });

  it('400 for an unknown platformConnectionType filter or a bad page size', async () => {
    const r = await list('?platformConnectionType=DWH,NOPE');
    expect(r.statusCode).toBe(400);
    expect(r.json().violations).toEqual(['query.platformConnectionType: must be one of: DWH, COMPONENT_BASIC, CLOUD_PLATFORM_CREDENTIALS (case-insensitive)']);
    const s = await list('?size=101');
    expect(s.statusCode).toBe(400);
    expect(s.json().violations).toEqual(['query.size: must be <= 100']);
  });

  it('PUT replaces the whole connection: omitted fields are unset, name/id/creation stay', async () => {
    const create = await t().inject({
      method: 'POST',
      url: url(),
      token,
      body: basic('rep', { connectionDetails: { description: 'd', secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'r' }, connectionProperties: { secretName: 's', secretKey: 'k' } } }),
    });
    expect(create.statusCode).toBe(201);
    const before = create.json();
    const put1 = await t().inject({
      method: 'PUT',
      url: `${url()}?connectionName=rep`,
      token,
      body: { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'salesforce', authType: 'oauth_client_cred', connectionDetails: { connectionProperties: { secretName: 'oauth' } } },
    });
    expect(put1.statusCode).toBe(200);
    const expected1 = { ...before, authProvider: 'salesforce', authType: 'OAUTH_CLIENT_CRED', connectionDetails: { connectionProperties: { secretName: 'oauth' } } };
    expect(put1.json()).toEqual(expected1);
    expect((await list('?connectionNames=rep')).json().results[0]).toEqual(expected1);

    const put2 = await t().inject({ method: 'PUT', url: `${url()}?connectionName=rep`, token, body: { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' } });
    expect(put2.statusCode).toBe(200);
    const expected2 = { id: before.id, name: 'rep', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', createdBy: ADMIN_ID, createdDate: before.createdDate, projectId };
    expect(put2.json()).toEqual(expected2);
    expect((await list('?connectionNames=rep')).json().results[0]).toEqual(expected2);
  });

  it('PUT: 404 when absent, 400 for a type change, an invalid combination or no connectionName', async () => {
    const body = { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' };
    const missing = await t().inject({ method: 'PUT', url: `${url()}?connectionName=nope`, token, body });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().violations).toEqual(['query.connectionName: no connection named "nope" in the project']);
    const kind = await t().inject({ method: 'PUT', url: `${url()}?connectionName=aws`, token, body });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().violations).toEqual(['body.platformConnectionType: must be the connection\'s current type (CLOUD_PLATFORM_CREDENTIALS)']);
    const combo = await t().inject({ method: 'PUT', url: `${url()}?connectionName=c1`, token, body: { ...body, authType: 'COMPOSITE_TOKEN' } });
    expect(combo.statusCode).toBe(400);
    expect(combo.json().violations).toEqual(['body.authType: must be GENERIC_SECRET for COMPONENT_BASIC with authProvider NONE']);
    const noName = await t().inject({ method: 'PUT', url: url(), token, body });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().violations).toEqual(['query.connectionName: is required']);
    const dwh = await t().inject({ method: 'PUT', url: `${url()}?connectionName=dwh`, token, body: { platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } });
    expect(dwh.statusCode).toBe(400);
    expect(dwh.json().violations).toEqual(["body.authProvider: must be the project's warehouse (REDSHIFT)"]);
    const dwhProps = await t().inject({ method: 'PUT', url: `${url()}?connectionName=dwh`, token, body: { platformConnectionType: 'DWH', authProvider: 'REDSHIFT', authType: 'PASSWORD', connectionDetails: { connectionProperties: { secretName: 'x' } } } });
    expect(dwhProps.statusCode).toBe(400);
    expect(dwhProps.json().violations).toEqual(['body.connectionDetails.connectionProperties: is not allowed for a DWH connection (warehouse credentials are given in environment connectionOverrides)']);
    const dwhOk = await t().inject({ method: 'PUT', url: `${url()}?connectionName=dwh`, token, body: { platformConnectionType: 'DWH', authProvider: 'redshift', authType: 'PASSWORD', connectionDetails: { description: 'warehouse' } } });
    expect(dwhOk.statusCode).toBe(200);
    expect(dwhOk.json()).toMatchObject({ authProvider: 'REDSHIFT', connectionDetails: { description: 'warehouse' } });
  });

  it('DELETE → 204, gone from the list, then 404', async () => {
    expect((await t().inject({ method: 'POST', url: url(), token, body: basic('gone') })).statusCode).toBe(201);
    const d = await t().inject({ method: 'DELETE', url: `${url()}?connectionName=gone`, token });
    expect(d.statusCode).toBe(204);
    expect(d.body).toBe('');
    expect(await names('?connectionNames=gone')).toEqual([]);
    const again = await t().inject({ method: 'DELETE', url: `${url()}?connectionName=gone`, token });
    expect(again.statusCode).toBe(404);
    expect(again.json().violations).toEqual(['query.connectionName: no connection named "gone" in the project']);
    const noName = await t().inject({ method: 'DELETE', url: url(), token });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().violations).toEqual(['query.connectionName: is required']);
  });
});

describeEachDb('data-platform connections', (t) => {
  let token: string;
  const post = (pid: string, body: unknown) => t().inject({ method: 'POST', url: `/v1/projects/${pid}/data-platform-connections`, token, body });

  beforeAll(async () => {
    token = await t().adminToken();
  });

  it('accepts the documented lower-case values and stores them canonical upper-case (Redshift / password)', async () => {
    const pid = await newProject(t(), 'REDSHIFT');
    const r = await post(pid, { name: 'rs', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' });
    expect(r.statusCode).toBe(201);
    const expected = { id: r.json().id, name: 'rs', platformConnectionType: 'DWH', authProvider: 'REDSHIFT', authType: 'PASSWORD', createdBy: ADMIN_ID, createdDate: r.json().createdDate, projectId: pid };
    expect(r.json()).toEqual(expected);
    expect(r.json().createdDate).toMatch(ISO_MS);
    const l = await t().inject({ method: 'GET', url: `/v1/projects/${pid}/connections`, token });
    expect(l.json()).toEqual({ page: 0, size: 25, total: 1, results: [expected] });
  });

  it('Snowflake with key_pair', async () => {
    const pid = await newProject(t(), 'SNOWFLAKE');
    const r = await post(pid, { name: 'sf', platformConnectionType: 'DWH', authProvider: 'Snowflake', authType: 'key_pair' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' });
  });

  const INVALID: [string, string, object, string[]][] = [
    ['Snowflake with PASSWORD', 'SNOWFLAKE', { authProvider: 'snowflake', authType: 'password' }, ['body.authType: must be KEY_PAIR for SNOWFLAKE (supported: SNOWFLAKE with KEY_PAIR, REDSHIFT with PASSWORD)']],
    ['Redshift with KEY_PAIR', 'REDSHIFT', { authProvider: 'REDSHIFT', authType: 'KEY_PAIR' }, ['body.authType: must be PASSWORD for REDSHIFT (supported: SNOWFLAKE with KEY_PAIR, REDSHIFT with PASSWORD)']],
    ['a provider that is not the project warehouse', 'SNOWFLAKE', { authProvider: 'redshift', authType: 'password' }, ["body.authProvider: must be the project's warehouse (SNOWFLAKE)"]],
    ['an unknown provider', 'SNOWFLAKE', { authProvider: 'bigquery' }, ['body.authProvider: must be one of: SNOWFLAKE, REDSHIFT (case-insensitive)']],
    ['a non-DWH type', 'SNOWFLAKE', { platformConnectionType: 'component_basic' }, ['body.platformConnectionType: must be DWH for a data-platform connection']],
    ['an unknown type', 'SNOWFLAKE', { platformConnectionType: 'warehouse' }, ['body.platformConnectionType: must be one of: DWH, COMPONENT_BASIC, CLOUD_PLATFORM_CREDENTIALS (case-insensitive)']],
    ['an unknown authType', 'SNOWFLAKE', { authType: 'oauth' }, ['body.authType: must be one of: KEY_PAIR, PASSWORD (case-insensitive)']],
    ['a missing authType', 'SNOWFLAKE', { authType: undefined }, ['body.authType: is required']],
    ['an empty name', 'SNOWFLAKE', { name: '' }, ['body.name: must NOT have fewer than 1 characters']],
  ];
  for (const [what, warehouse, patch, violations] of INVALID) {
    it(`rejects ${what} with 400 naming the field and the rule`, async () => {
      const pid = await newProject(t(), warehouse);
      const body = { name: 'w', platformConnectionType: 'DWH', authProvider: warehouse, authType: warehouse === 'SNOWFLAKE' ? 'KEY_PAIR' : 'PASSWORD', ...patch };
      const r = await post(pid, JSON.parse(JSON.stringify(body)));
      expect(r.statusCode).toBe(400);
      expect(r.json().violations).toEqual(violations);
      const l = await t().inject({ method: 'GET', url: `/v1/projects/${pid}/connections`, token });
      expect(l.json().total).toBe(0);
    });
  }

  it('409 on a duplicate name, 404 for an unknown project', async () => {
    const pid = await newProject(t(), 'SNOWFLAKE');
    const body = { name: 'w', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' };
    expect((await post(pid, body)).statusCode).toBe(201);
    const dup = await post(pid, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().violations).toEqual(['body.name: must be unique within the project']);
    expect((await post('00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(404);
  });
});
