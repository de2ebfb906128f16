import { expect, it } from 'vitest';
import { ADMIN_ID, describeEachDb, type TestApp } from '../helpers/app.js';
import { findSecret } from '../helpers/canary.js';
import { seedAgent, seedHostedSecret, seedSecretReference } from '../helpers/seed.js';

/**
 * Seed 000's provisioning flow, three ways: project → default warehouse connection → [agent and
 * secrets, seeded until the agents/secrets endpoints land] → cloud credential connection →
 * environment. Every status and body is checked, then the reads.
 */

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PEM = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7-canary\\n-----END PRIVATE KEY-----';

function client(t: TestApp, base: string) {
  const responses: string[] = [];
  return {
    responses,
    async call(method: string, path: string, body: unknown, status: number) {
      const r = await t.inject({ method, url: `${base}${path}`, token: await t.adminToken(), body });
      responses.push(r.body);
      expect(r.statusCode, `${method} ${path}: ${r.body}`).toBe(status);
      return status === 204 ? undefined : r.json();
    },
  };
}

const dwhView = (name: string, provider: string, authType: string, projectId: string) => ({
  id: expect.stringMatching(UUID),
  name,
  platformConnectionType: 'DWH',
  authProvider: provider,
  authType,
  createdBy: ADMIN_ID,
  createdDate: expect.stringMatching(ISO_MS),
  projectId,
});

describeEachDb('provisioning (seed 000)', (t) => {
  it('Snowflake on FULL_SAAS with hosted secrets', async () => {
    const c = client(t(), '/v1');
    const project = await c.call('POST', '/projects', { name: 'sf-full-saas', description: 'optional', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }, 201);
    expect(Object.keys(project)).toEqual(['projectId']);
    const pid = project.projectId as string;

    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-warehouse-connection', platformConnectionType: 'dwh', authProvider: 'snowflake', authType: 'key_pair' }, 201);
    expect(dwh).toEqual(dwhView('my-warehouse-connection', 'SNOWFLAKE', 'KEY_PAIR', pid));

    // The project's Matillion-hosted agent and its secrets (POST /v1/secrets/{agentId}/secret-value).
    const agent = await seedAgent(t(), { name: 'matillion-hosted', hostedFor: pid });
    await seedHostedSecret(t(), agent.id, { name: 'snowflake-private-key', key: 'private_key', value: PEM });
    await seedHostedSecret(t(), agent.id, { name: 'snowflake-passphrase', key: 'passphrase', value: 'pass-canary-7731' });

    const env = {
      name: 'production',
      displayName: 'Production',
      description: 'optional',
      defaultAgentId: agent.id,
      defaultUserAccessLevel: 'readOnly',
      defaultConnections: { DWH: { snowflake: 'my-warehouse-connection' } },
      connectionOverrides: [
        {
          connectionName: 'my-warehouse-connection',
          connectionProperties: {
            account: { value: 'xy12345.eu-west-1' },
            username: { value: 'MAIA_USER' },
            privateKey: { secretName: 'snowflake-private-key', secretKey: 'private_key' },
            passphrase: { secretName: 'snowflake-passphrase', secretKey: 'passphrase' },
            defaultRole: { value: 'SYSADMIN' },
            defaultWarehouse: { value: 'COMPUTE_WH' },
            defaultDatabase: { value: 'ANALYTICS' },
            defaultSchema: { value: 'PUBLIC' },
          },
        },
      ],
    };
    const created = await c.call('POST', `/projects/${pid}/environments`, env, 201);
    expect(created).toEqual({ ...env, defaultAgentName: 'matillion-hosted' });

    const { connectionOverrides: _o, ...summary } = created;
    expect(await c.call('GET', `/projects/${pid}/environments?page=0&size=25`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [summary] });
    expect(await c.call('GET', `/projects/${pid}/environments/production`, undefined, 200)).toEqual(created);
    expect(await c.call('GET', `/projects/${pid}/connections`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [dwh] });
    const overrides = await c.call('GET', `/projects/${pid}/connections/environment-overrides?environmentName=production`, undefined, 200);
    expect(overrides).toEqual({
      page: 0,
      size: 25,
      total: 1,
      results: [
        {
          id: dwh.id,
          name: 'my-warehouse-connection',
          platformConnectionType: 'DWH',
          authProvider: 'SNOWFLAKE',
          authType: 'KEY_PAIR',
          projectId: pid,
          environmentName: 'production',
          connectionOverrides: { connectionProperties: env.connectionOverrides[0]!.connectionProperties },
          createdBy: ADMIN_ID,
          createdDate: expect.stringMatching(ISO_MS),
        },
      ],
    });

    // The secret material went in sealed and never comes out.
    expect(await findSecret(t(), 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7-canary', c.responses)).toEqual([]);
    expect(await findSecret(t(), 'pass-canary-7731', c.responses)).toEqual([]);
  });

  it('Redshift on HYBRID (under /dpc/v1)', async () => {
    const c = client(t(), '/dpc/v1');
    const { projectId: pid } = await c.call('POST', '/projects', { name: 'rs-hybrid', warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' }, 201);

    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-dwh-connection', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' }, 201);
    expect(dwh).toEqual(dwhView('my-dwh-connection', 'REDSHIFT', 'PASSWORD', pid));

    // A customer-hosted agent and a secret reference to the password in AWS Secrets Manager.
    const agent = await seedAgent(t(), { name: 'my-hybrid-agent' });
    await seedSecretReference(t(), pid, { name: 'redshift-password', secretName: 'prod/redshift', secretKey: 'password' });

    const env = {
      name: 'dev',
      displayName: 'Development',
      defaultAgentId: agent.id,
      defaultUserAccessLevel: 'admin',
      defaultConnections: { DWH: { redshift: 'my-dwh-connection' } },
      connectionOverrides: [
        {
          connectionName: 'my-dwh-connection',
          connectionProperties: {
            url: { value: 'my-cluster.abc123.eu-west-1.redshift.amazonaws.com' },
            username: { value: 'admin' },
            port: { value: '5439' },
            defaultDatabase: { value: 'dev' },
            useSsl: { value: 'true' },
            defaultSchema: { value: 'public' },
            defaultStorageLocation: { value: 'my-s3-bucket' },
            password: { secretName: 'redshift-password', secretKey: 'password' },
          },
        },
      ],
    };
    const created = await c.call('POST', `/projects/${pid}/environments`, env, 201);
    expect(created).toEqual({ ...env, defaultAgentName: 'my-hybrid-agent' });
    expect(created).not.toHaveProperty('description');
    const { connectionOverrides: _o, ...summary } = created;
    expect(await c.call('GET', `/projects/${pid}/environments`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [summary] });
    expect(await c.call('GET', `/projects/${pid}/environments/dev`, undefined, 200)).toEqual(created);
    expect(await c.call('GET', `/projects/${pid}/connections?platformConnectionType=DWH&authProvider=redshift`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [dwh] });
  });

  it('Snowflake with AWS cloud credentials', async () => {
    const c = client(t(), '/v1');
    const { projectId: pid } = await c.call('POST', '/projects', { name: 'sf-aws', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }, 201);
    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-warehouse-connection', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }, 201);
    expect(dwh).toEqual(dwhView('my-warehouse-connection', 'SNOWFLAKE', 'KEY_PAIR', pid));

    const agent = await seedAgent(t(), { name: 'matillion-hosted', hostedFor: pid });
    await seedHostedSecret(t(), agent.id, { name: 'snowflake-private-key', key: 'private_key', value: PEM });
    await seedHostedSecret(t(), agent.id, { name: 'aws-credentials', key: 'aws', type: 'CLOUD_PROVIDER_SECRET', value: '{"accessKeyId":"AKIA-canary","secretAccessKey":"sak-canary"}' });

    // AWS via the Maia-hosted vault.
    const cloudBody = {
      name: 'my-aws-connection',
      platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
      authProvider: 'aws',
      authType: 'CLOUD_PROVIDER_SECRET',
      connectionDetails: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { credentialSecretName: 'aws-credentials' } },
    };
    const cloud = await c.call('POST', `/projects/${pid}/connections`, cloudBody, 201);
    expect(cloud).toEqual({ ...cloudBody, id: expect.stringMatching(UUID), createdBy: ADMIN_ID, createdDate: expect.stringMatching(ISO_MS), projectId: pid });

    const env = {
      name: 'production',
      defaultAgentId: agent.id,
      defaultUserAccessLevel: 'default',
      defaultConnections: { DWH: { snowflake: 'my-warehouse-connection' }, CLOUD_PLATFORM: { aws: 'my-aws-connection' } },
      connectionOverrides: [
        {
          connectionName: 'my-warehouse-connection',
          connectionProperties: {
            account: { value: 'xy12345.eu-west-1' },
            username: { value: 'MAIA_USER' },
            privateKey: { secretName: 'snowflake-private-key', secretKey: 'private_key' },
            defaultRole: { value: 'SYSADMIN' },
            defaultWarehouse: { value: 'COMPUTE_WH' },
            defaultDatabase: { value: 'ANALYTICS' },
            defaultSchema: { value: 'PUBLIC' },
          },
        },
      ],
    };
    const created = await c.call('POST', `/projects/${pid}/environments`, env, 201);
    expect(created).toEqual({ ...env, defaultAgentName: 'matillion-hosted' });
    expect(await c.call('GET', `/projects/${pid}/environments/production`, undefined, 200)).toEqual(created);
    expect(await c.call('GET', `/projects/${pid}/connections`, undefined, 200)).toEqual({ page: 0, size: 25, total: 2, results: [dwh, cloud] });
    expect(await c.call('GET', `/projects/${pid}/connections?platformConnectionType=CLOUD_PLATFORM_CREDENTIALS`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [cloud] });

    // Both connections are in use now.
    for (const name of ['my-warehouse-connection', 'my-aws-connection']) await c.call('DELETE', `/projects/${pid}/connections?connectionName=${name}`, undefined, 409);
    // Deleting the project takes everything with it.
    await c.call('DELETE', `/projects/${pid}`, undefined, 204);
    await c.call('GET', `/projects/${pid}/connections`, undefined, 404);
    expect(await findSecret(t(), 'AKIA-canary', c.responses)).toEqual([]);
  });
});
