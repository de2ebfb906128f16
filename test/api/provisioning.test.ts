import { expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, type TestApp } from '../helpers/app.js';
import { findSecret } from '../helpers/canary.js';
import { pem } from '../helpers/fixtures.js';

/**
 * Seed 000's provisioning flow end to end, through the public API only, three ways:
 * token → project → default warehouse connection → agent (the project's hosted agent, or a new
 * hybrid one) → secrets (hosted secret values, or a secret reference) → [cloud credential
 * connection] → environment → GitHub repository → project deletion. Every status and body is
 * checked, then the reads, then that the secret material never comes back out.
 */

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A caller with the bootstrap Super Admin's token (obtained through /oauth/dpc/token) that records every response body. */
async function client(t: TestApp, base: string) {
  const responses: string[] = [];
  const tr = await t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }).toString(),
  });
  expect(tr.statusCode, tr.body).toBe(200);
  expect(tr.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), expires_in: expect.any(Number) });
  const token = tr.json().access_token as string;
  return {
    responses,
    /** The parsed body (undefined when there is none); fails unless the status is `status`. */
    async call(method: string, path: string, body: unknown, status: number) {
      const r = await t.inject({ method, url: `${base}${path}`, token, body });
      responses.push(r.body);
      expect(r.statusCode, `${method} ${path}: ${r.body}`).toBe(status);
      return r.body === '' ? undefined : r.json();
    },
  };
}
type Client = Awaited<ReturnType<typeof client>>;

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

const versionDetails = { agentUpdateAvailable: false, agentVersion: '1.1.0', support: 'SUPPORTED', trackName: 'current', trackReleaseDate: '2026-01-15', trackVersion: '1.1.0' };

/** GET /v1/agents, every page. */
async function allAgents(c: Client) {
  const out: any[] = [];
  for (let page = 0; ; page++) {
    const p = await c.call('GET', `/agents?page=${page}&size=100`, undefined, 200);
    out.push(...p.results);
    if (out.length >= p.total || p.results.length === 0) return out;
  }
}

/** The project's Matillion-hosted agent, found the way a client would: GET /v1/agents, `hosted` and `projectId`. */
async function hostedAgentOf(c: Client, projectId: string) {
  const mine = (await allAgents(c)).filter((a) => a.projectId === projectId);
  expect(mine).toHaveLength(1);
  const agent = mine[0];
  expect(agent).toEqual({
    agentId: expect.stringMatching(UUID),
    agentStatus: 'running',
    agentType: 'data_productivity_cloud',
    cloudProvider: 'aws',
    connected: true,
    deployment: 'fargate',
    description: `Matillion-hosted agent of project ${projectId}`,
    enableAutoUpdates: true,
    name: `hosted-${projectId.slice(0, 23)}`,
    restrictedAccess: false,
    versionDetails,
    hosted: true,
    projectId,
    createdAt: expect.stringMatching(ISO_MS),
    updatedAt: expect.stringMatching(ISO_MS),
  });
  expect(await c.call('GET', `/agents/${agent.agentId}`, undefined, 200)).toEqual(agent);
  return agent as { agentId: string; name: string };
}

/** POST /v1/secrets/{agentId}/secret-value; the answer names the secret, never the value. */
async function hostedSecret(c: Client, agentId: string, body: { name: string; type: string; key: string; value: unknown }) {
  const created = await c.call('POST', `/secrets/${agentId}/secret-value`, body, 201);
  expect(created).toEqual({ name: body.name, type: body.type, key: body.key, agentId, createdAt: expect.stringMatching(ISO_MS) });
  return created;
}

/** Rows still pointing at the project (or its hosted agent) in every table that holds project resources. */
async function leftovers(t: TestApp, projectId: string, agentId?: string) {
  const db = t.app.store.db;
  const n = async (table: 'environments' | 'connections' | 'environment_overrides' | 'secret_references' | 'repositories' | 'agents') =>
    (await db.selectFrom(table).select('project_id').where('project_id', '=', projectId).execute()).length;
  return {
    environments: await n('environments'),
    connections: await n('connections'),
    environment_overrides: await n('environment_overrides'),
    secret_references: await n('secret_references'),
    repositories: await n('repositories'),
    agents: await n('agents'),
    hosted_secrets: agentId ? (await db.selectFrom('hosted_secrets').select('id').where('agent_id', '=', agentId).execute()).length : 0,
  };
}
const NOTHING = { environments: 0, connections: 0, environment_overrides: 0, secret_references: 0, repositories: 0, agents: 0, hosted_secrets: 0 };

/** Associate a GitHub repository (seed 000, last step) and read it back. */
async function github(c: Client, pid: string) {
  const body = { provider: 'github', repositoryName: 'my-repo', providerParameters: { ownerName: 'my-org' } };
  const repo = await c.call('POST', `/projects/${pid}/repositories`, body, 201);
  expect(repo).toEqual({ ...body, createdAt: expect.stringMatching(ISO_MS) });
  expect(await c.call('GET', `/projects/${pid}/repositories`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [repo] });
  await c.call('POST', `/projects/${pid}/repositories`, { ...body, repositoryName: 'other' }, 409);
  return repo;
}

/** After the project was deleted: every project-scoped read is 404. */
async function projectGone(c: Client, pid: string) {
  await c.call('GET', `/projects/${pid}`, undefined, 404);
  for (const path of ['environments', 'environments/production', 'connections', 'secret-references', 'repositories']) {
    await c.call('GET', `/projects/${pid}/${path}`, undefined, 404);
  }
  expect((await c.call('GET', '/projects?size=100', undefined, 200)).results.map((p: any) => p.id)).not.toContain(pid);
}

describeEachDb('provisioning (seed 000)', (t) => {
  it('Snowflake on FULL_SAAS with hosted secrets', async () => {
    const c = await client(t(), '/v1');
    const project = await c.call('POST', '/projects', { name: 'sf-full-saas', description: 'optional', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }, 201);
    expect(Object.keys(project)).toEqual(['projectId']);
    const pid = project.projectId as string;
    expect(pid).toMatch(UUID);

    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-warehouse-connection', platformConnectionType: 'dwh', authProvider: 'snowflake', authType: 'key_pair' }, 201);
    expect(dwh).toEqual(dwhView('my-warehouse-connection', 'SNOWFLAKE', 'KEY_PAIR', pid));

    // The project's Matillion-hosted agent, and its vault.
    const agent = await hostedAgentOf(c, pid);
    const privateKey = pem();
    expect(privateKey).toContain('\n'); // a real multi-line PEM: "\n" escapes in the JSON body
    const keyBody = privateKey.split('\n')[1]!;
    await hostedSecret(c, agent.agentId, { name: 'snowflake-private-key', type: 'DWH_PASSWORD', key: 'private_key', value: privateKey });
    await hostedSecret(c, agent.agentId, { name: 'snowflake-passphrase', type: 'DWH_PASSWORD', key: 'passphrase', value: 'pass-canary-7731' });
    await c.call('POST', `/secrets/${agent.agentId}/secret-value`, { name: 'snowflake-passphrase', type: 'DWH_PASSWORD', key: 'passphrase', value: 'again' }, 409);
    const listed = await c.call('GET', `/secrets/${agent.agentId}/secret-values`, undefined, 200);
    expect(listed.total).toBe(2);
    expect(listed.results.map((s: any) => [s.name, s.type, s.key])).toEqual([
      ['snowflake-private-key', 'DWH_PASSWORD', 'private_key'],
      ['snowflake-passphrase', 'DWH_PASSWORD', 'passphrase'],
    ]);
    // Stored exactly, newlines included (read in-process: the API never returns it).
    expect((await t().app.secrets.hosted.resolve((await t().app.store.db.selectFrom('accounts').select('id').where('slug', '=', 'default').executeTakeFirstOrThrow()).id, agent.agentId, 'snowflake-private-key'))?.value).toBe(privateKey);

    const env = {
      name: 'production',
      displayName: 'Production',
      description: 'optional',
      defaultAgentId: agent.agentId,
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
    expect(created).toEqual({ ...env, defaultAgentName: agent.name });

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

    await github(c, pid);

    // The secret material went in sealed and never comes out.
    expect(await findSecret(t(), keyBody, c.responses)).toEqual([]);
    expect(await findSecret(t(), 'pass-canary-7731', c.responses)).toEqual([]);

    // Deleting the project takes its environments, connections, repository and hosted agent (with its vault) along.
    expect(await leftovers(t(), pid, agent.agentId)).toEqual({ ...NOTHING, environments: 1, connections: 1, environment_overrides: 1, repositories: 1, agents: 1, hosted_secrets: 2 });
    await c.call('DELETE', `/projects/${pid}`, undefined, 204);
    await projectGone(c, pid);
    await c.call('GET', `/agents/${agent.agentId}`, undefined, 404);
    await c.call('GET', `/secrets/${agent.agentId}/secret-values`, undefined, 404);
    expect((await allAgents(c)).map((a) => a.agentId)).not.toContain(agent.agentId);
    expect(await leftovers(t(), pid, agent.agentId)).toEqual(NOTHING);
    await c.call('DELETE', `/projects/${pid}`, undefined, 404);
  });

  it('Redshift on HYBRID (under /dpc/v1)', async () => {
    const c = await client(t(), '/dpc/v1');
    const { projectId: pid } = await c.call('POST', '/projects', { name: 'rs-hybrid', warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' }, 201);
    expect((await allAgents(c)).filter((a) => a.projectId === pid)).toEqual([]); // a HYBRID project gets no hosted agent

    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-dwh-connection', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' }, 201);
    expect(dwh).toEqual(dwhView('my-dwh-connection', 'REDSHIFT', 'PASSWORD', pid));

    // A customer-hosted agent...
    const agentBody = { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: 'my-hybrid-agent', description: 'runs in our VPC' };
    const agent = await c.call('POST', '/agents', agentBody, 201);
    expect(agent).toEqual({
      ...agentBody,
      agentId: expect.stringMatching(UUID),
      agentStatus: 'pending',
      connected: false,
      enableAutoUpdates: false,
      restrictedAccess: false,
      versionDetails,
      hosted: false,
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: expect.stringMatching(ISO_MS),
    });
    // ...whose secrets live in the customer's vault: no hosted secret values for it.
    await c.call('POST', `/secrets/${agent.agentId}/secret-value`, { name: 'redshift-password', type: 'DWH_PASSWORD', key: 'password', value: 'hunter2' }, 400);
    // A secret reference to the password in AWS Secrets Manager (seed 003, AWS variant).
    const ref = { agentType: 'AWS', secretReferenceType: 'PASSWORD', description: 'Redshift admin password', secretName: 'prod/redshift', secretKey: 'password', agentId: agent.agentId };
    expect(await c.call('POST', `/projects/${pid}/secret-references/redshift-password`, ref, 201)).toBeUndefined();
    await c.call('POST', `/projects/${pid}/secret-references/redshift-password`, ref, 409);
    expect(await c.call('GET', `/projects/${pid}/secret-references`, undefined, 200)).toEqual({
      page: 0,
      size: 25,
      total: 1,
      results: [{ name: 'redshift-password', ...ref, createdAt: expect.stringMatching(ISO_MS) }],
    });

    const env = {
      name: 'dev',
      displayName: 'Development',
      defaultAgentId: agent.agentId,
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
    // The pointer must name the reference: a name nobody created is refused.
    const dangling = JSON.parse(JSON.stringify(env));
    dangling.connectionOverrides[0].connectionProperties.password.secretName = 'prod/redshift';
    expect((await c.call('POST', `/projects/${pid}/environments`, dangling, 400)).violations).toEqual([
      `body.connectionOverrides[0].connectionProperties.password.secretName: must name a hosted secret of the default agent ${agent.agentId} or a secret reference of the project`,
    ]);

    const created = await c.call('POST', `/projects/${pid}/environments`, env, 201);
    expect(created).toEqual({ ...env, defaultAgentName: 'my-hybrid-agent' });
    expect(created).not.toHaveProperty('description');
    const { connectionOverrides: _o, ...summary } = created;
    expect(await c.call('GET', `/projects/${pid}/environments`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [summary] });
    expect(await c.call('GET', `/projects/${pid}/environments/dev`, undefined, 200)).toEqual(created);
    expect(await c.call('GET', `/projects/${pid}/connections?platformConnectionType=DWH&authProvider=redshift`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [dwh] });

    await github(c, pid);

    // Deleting the project removes its environments, connections, references and repository;
    // the hybrid agent is an account resource and stays.
    expect(await leftovers(t(), pid)).toEqual({ ...NOTHING, environments: 1, connections: 1, environment_overrides: 1, secret_references: 1, repositories: 1 });
    await c.call('DELETE', `/projects/${pid}`, undefined, 204);
    await projectGone(c, pid);
    expect(await leftovers(t(), pid)).toEqual(NOTHING);
    expect(await c.call('GET', `/agents/${agent.agentId}`, undefined, 200)).toMatchObject({ agentId: agent.agentId, name: 'my-hybrid-agent', hosted: false });
    await c.call('DELETE', `/agents/${agent.agentId}`, undefined, 202);
    await c.call('GET', `/agents/${agent.agentId}`, undefined, 404);
  });

  it('Snowflake with AWS cloud credentials', async () => {
    const c = await client(t(), '/v1');
    const { projectId: pid } = await c.call('POST', '/projects', { name: 'sf-aws', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }, 201);
    const dwh = await c.call('POST', `/projects/${pid}/data-platform-connections`, { name: 'my-warehouse-connection', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }, 201);
    expect(dwh).toEqual(dwhView('my-warehouse-connection', 'SNOWFLAKE', 'KEY_PAIR', pid));

    const agent = await hostedAgentOf(c, pid);
    const privateKey = pem();
    await hostedSecret(c, agent.agentId, { name: 'snowflake-private-key', type: 'DWH_PASSWORD', key: 'private_key', value: privateKey });

    // The cloud credential in the Matillion-hosted vault: an AWS credential shape, checked.
    const aws = { accessKeyId: 'AKIACANARY0123456789', secretAccessKey: 'sak-canary/K7MDENG+bPxRfiCY' };
    const wrongShape = await c.call('POST', `/secrets/${agent.agentId}/secret-value`, { name: 'aws-credentials', type: 'CLOUD_PROVIDER_SECRET', key: 'aws', value: { accessKeyId: 'akia-lower', secretAccessKey: '' } }, 400);
    expect(wrongShape.violations).toEqual([
      'body.value.accessKeyId: must be an AWS access key id (16-128 upper-case letters and digits)',
      'body.value.secretAccessKey: is required (a non-empty string)',
    ]);
    await hostedSecret(c, agent.agentId, { name: 'aws-credentials', type: 'CLOUD_PROVIDER_SECRET', key: 'aws', value: aws });

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
      defaultAgentId: agent.agentId,
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
    expect(created).toEqual({ ...env, defaultAgentName: agent.name });
    expect(created).not.toHaveProperty('displayName');
    expect(await c.call('GET', `/projects/${pid}/environments/production`, undefined, 200)).toEqual(created);
    expect(await c.call('GET', `/projects/${pid}/connections`, undefined, 200)).toEqual({ page: 0, size: 25, total: 2, results: [dwh, cloud] });
    expect(await c.call('GET', `/projects/${pid}/connections?platformConnectionType=CLOUD_PLATFORM_CREDENTIALS`, undefined, 200)).toEqual({ page: 0, size: 25, total: 1, results: [cloud] });

    // Both connections are in use now.
    for (const name of ['my-warehouse-connection', 'my-aws-connection']) await c.call('DELETE', `/projects/${pid}/connections?connectionName=${name}`, undefined, 409);

    await github(c, pid);

    expect(await findSecret(t(), aws.secretAccessKey, c.responses)).toEqual([]);
    expect(await findSecret(t(), aws.accessKeyId, c.responses)).toEqual([]);
    expect(await findSecret(t(), privateKey.split('\n')[2]!, c.responses)).toEqual([]);

    // Deleting the project takes everything with it.
    await c.call('DELETE', `/projects/${pid}`, undefined, 204);
    await projectGone(c, pid);
    await c.call('GET', `/agents/${agent.agentId}`, undefined, 404);
    expect((await allAgents(c)).map((a) => a.agentId)).not.toContain(agent.agentId);
    expect(await leftovers(t(), pid, agent.agentId)).toEqual(NOTHING);
  });
});
