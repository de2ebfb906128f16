import { describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, startApp, type TestApp } from '../helpers/app.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';

/**
 * The state controls (/plinth/controls: reset, snapshots, seed) through the public HTTP surface,
 * on SQLite and (explicitly allowed) PostgreSQL; off by default; refused on PostgreSQL unless
 * allowed.
 */

const projectNames = async (t: TestApp) => {
  const r = await t.inject({ method: 'GET', url: '/v1/projects?size=100', token: await t.tokenWith(ADMIN_ID, ADMIN_SECRET) });
  expect(r.statusCode).toBe(200);
  return (r.json().results as { name: string }[]).map((p) => p.name);
};

const createProject = async (t: TestApp, name: string, agentDeploymentType = 'HYBRID') => {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token: await t.tokenWith(ADMIN_ID, ADMIN_SECRET), body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().projectId as string;
};

describeEachDb('controls are off by default', (t) => {
  it('answers 404 on every control, before authentication', async () => {
    for (const [method, url] of [
      ['GET', ''],
      ['POST', '/reset'],
      ['PUT', '/snapshots/a'],
      ['POST', '/clock/advance'],
      ['POST', '/faults/rules'],
    ]) {
      const r = await t().inject({ method: method!, url: `/plinth/controls${url}`, body: method === 'GET' ? undefined : {} });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.json().detail).toMatch(/PLINTH_CONTROLS=1/);
    }
    // And Prefer: code=… is ignored.
    const r = await t().inject({ method: 'GET', url: '/v1/projects', token: await t().adminToken(), headers: { prefer: 'code=503' } });
    expect(r.statusCode).toBe(200);
  });
});

describe('controls on PostgreSQL', () => {
  it('are refused at start unless PLINTH_CONTROLS_ALLOW_POSTGRES=1', async () => {
    await expect(startApp('postgres', { env: { PLINTH_CONTROLS: '1' } })).rejects.toThrow(/PLINTH_CONTROLS=1 is refused on PostgreSQL.*PLINTH_CONTROLS_ALLOW_POSTGRES=1/);
  });
  it('start when explicitly allowed', async () => {
    const t = await startApp('postgres', { env: CONTROLS_ENV });
    try {
      expect((await control(t, 'GET', '')).json()).toMatchObject({ database: 'postgres' });
    } finally {
      await t.close();
    }
  });
  it('SQLite needs no allowance', async () => {
    const t = await startApp('sqlite', { env: { PLINTH_CONTROLS: '1' } });
    try {
      expect((await control(t, 'GET', '')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describeEachDb(
  'controls: who may use them',
  (t) => {
    it('need a Super Admin credential, as a bearer token or HTTP Basic', async () => {
      expect((await t().inject({ method: 'GET', url: '/plinth/controls' })).statusCode).toBe(401);
      expect((await t().inject({ method: 'GET', url: '/plinth/controls', headers: { authorization: `Basic ${Buffer.from(`${ADMIN_ID}:wrong`).toString('base64')}` } })).statusCode).toBe(401);
      expect((await t().inject({ method: 'GET', url: '/plinth/controls', headers: { authorization: 'Basic !!' } })).statusCode).toBe(401);
      expect((await t().inject({ method: 'GET', url: '/plinth/controls', token: await t().tokenFor('ADMIN') })).statusCode).toBe(403);
      const c = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: await t().adminToken(), body: { name: 'member-basic', role: 'MEMBER' } });
      const { clientId, clientSecret } = c.json();
      expect((await t().inject({ method: 'GET', url: '/plinth/controls', headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` } })).statusCode).toBe(403);
      const ok = await t().inject({ method: 'GET', url: '/plinth/controls', token: await t().adminToken() });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ database: t().kind, clock: { frozen: false }, faults: { rules: [] }, snapshots: [] });
      expect((await control(t(), 'GET', '')).statusCode).toBe(200);
    });

    it('are marked as extensions in the served contract', async () => {
      const doc = (await t().inject({ method: 'GET', url: '/openapi.json' })).json();
      const ops = Object.entries<any>(doc.paths).filter(([p]) => p.startsWith('/plinth/controls'));
      expect(ops.length).toBeGreaterThan(10);
      for (const [p, item] of ops) for (const [m, op] of Object.entries<any>(item)) if (m !== 'parameters') expect(op['x-plinth-extension'], `${m} ${p}`).toBe(true);
      // Appended last: the SaaS contract's paths keep their order, the controls come after them.
      const paths = Object.keys(doc.paths);
      expect(paths.indexOf('/plinth/controls')).toBeGreaterThan(paths.indexOf('/v1/projects'));
      expect(paths.slice(paths.indexOf('/metrics')).every((p) => p === '/metrics' || p.startsWith('/plinth/controls'))).toBe(true);
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'controls: reset',
  (t) => {
    it('empties the state but keeps the bootstrap credential, its tokens and the signing keys', async () => {
      const admin = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      await createProject(t(), 'before-reset', 'FULL_SAAS');
      const c = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'gone-after-reset', role: 'SUPER_ADMIN' } });
      const other = await t().tokenWith(c.json().clientId, c.json().clientSecret);
      const agent = await t().inject({ method: 'POST', url: '/v1/agents', token: admin, body: { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: 'a1' } });
      expect(agent.statusCode).toBe(201);
      const jwks = (await t().inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();

      const r = await control(t(), 'POST', '/reset');
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().durationMs).toEqual(expect.any(Number));

      // The token issued before the reset still works: same credential, same keys.
      const list = await t().inject({ method: 'GET', url: '/v1/projects', token: admin });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 0, results: [] });
      expect((await t().inject({ method: 'GET', url: '/v1/agents', token: admin })).json().total).toBe(0);
      const creds = (await t().inject({ method: 'GET', url: '/v1/api-credentials', token: admin })).json();
      expect(creds.results.map((x: any) => x.clientId)).toEqual([ADMIN_ID]);
      // The removed credential's token stops at once.
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: other })).statusCode).toBe(401);
      expect((await t().inject({ method: 'GET', url: '/.well-known/jwks.json' })).json()).toEqual(jwks);
      // Names are free again; the account's counts start from zero.
      await createProject(t(), 'before-reset');
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: admin })).json().total).toBe(1);
    });

    it('clears the rate-limit counters', async () => {
      const admin = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'custom', perMinute: 2 })).statusCode).toBe(200);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t().inject({ method: 'GET', url: '/v1/projects', token: admin })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      await control(t(), 'POST', '/reset');
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: admin })).statusCode).toBe(200);
      expect((await control(t(), 'DELETE', '/faults')).statusCode).toBe(204);
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'controls: snapshots',
  (t) => {
    it('snapshot, change, restore: the state is as it was; tokens of the kept credentials keep working', async () => {
      await control(t(), 'POST', '/reset');
      const admin = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const a = await createProject(t(), 'snap-a', 'FULL_SAAS');
      const conn = await t().inject({ method: 'POST', url: `/v1/projects/${a}/data-platform-connections`, token: admin, body: { name: 'wh', platformConnectionType: 'dwh', authProvider: 'snowflake', authType: 'key_pair' } });
      expect(conn.statusCode).toBe(201);
      const kept = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'kept', role: 'ADMIN' } });
      const keptToken = await t().tokenWith(kept.json().clientId, kept.json().clientSecret);

      const s = await control(t(), 'PUT', '/snapshots/base');
      expect(s.statusCode, s.body).toBe(201);
      expect(s.json()).toMatchObject({ name: 'base', createdAt: expect.any(String), rows: expect.any(Number), durationMs: expect.any(Number) });
      expect(s.json().rows).toBeGreaterThan(3);

      await createProject(t(), 'snap-b');
      await t().inject({ method: 'DELETE', url: `/v1/projects/${a}`, token: admin });
      const later = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'later', role: 'ADMIN' } });
      const laterToken = await t().tokenWith(later.json().clientId, later.json().clientSecret);
      expect(await projectNames(t())).toEqual(['snap-b']);

      const r = await control(t(), 'POST', '/snapshots/base/restore');
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().durationMs).toEqual(expect.any(Number));
      expect(await projectNames(t())).toEqual(['snap-a']);
      const conns = await t().inject({ method: 'GET', url: `/v1/projects/${a}/connections`, token: admin });
      expect(conns.json().results.map((c: any) => c.name)).toEqual(['wh']);
      // The project's hosted agent came back with it.
      const agents = (await t().inject({ method: 'GET', url: '/v1/agents', token: admin })).json().results;
      expect(agents.filter((x: any) => x.projectId === a)).toHaveLength(1);
      expect((await t().inject({ method: 'GET', url: '/v1/agents', token: keptToken })).statusCode).toBe(200);
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: laterToken })).statusCode).toBe(401);
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: admin })).json().total).toBe(1);

      // Restoring again works from the same snapshot (it is not consumed).
      await createProject(t(), 'snap-c');
      expect((await control(t(), 'POST', '/snapshots/base/restore')).statusCode).toBe(200);
      expect(await projectNames(t())).toEqual(['snap-a']);
    });

    it('lists, replaces and deletes snapshots; unknown names are 404, bad names 400', async () => {
      expect((await control(t(), 'PUT', '/snapshots/second')).statusCode).toBe(201);
      expect((await control(t(), 'PUT', '/snapshots/second')).statusCode).toBe(200);
      const list = await control(t(), 'GET', '/snapshots');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ page: 0, size: 25, total: 2 });
      expect(list.json().results.map((s: any) => s.name)).toEqual(['base', 'second']);
      expect((await control(t(), 'GET', '/snapshots?size=1&page=1')).json().results.map((s: any) => s.name)).toEqual(['second']);
      expect((await control(t(), 'GET', '')).json().snapshots).toEqual(['base', 'second']);
      expect((await control(t(), 'DELETE', '/snapshots/second')).statusCode).toBe(204);
      expect((await control(t(), 'DELETE', '/snapshots/second')).statusCode).toBe(404);
      expect((await control(t(), 'POST', '/snapshots/nope/restore')).statusCode).toBe(404);
      const bad = await control(t(), 'PUT', '/snapshots/has%20space');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().violations[0]).toMatch(/^path\.snapshotName: must match pattern/);
    });
  },
  { env: CONTROLS_ENV },
);

const FIXTURE = {
  apiCredentials: [
    { name: 'ci-bot', role: 'ADMIN' },
    { name: 'reader', role: 'MEMBER' },
  ],
  agents: [{ agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: 'vpc-agent' }],
  projects: [
    {
      name: 'sales',
      warehouse: 'REDSHIFT',
      agentDeploymentType: 'HYBRID',
      secretReferences: [{ name: 'redshift-password', agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/redshift', secretKey: 'password', agentId: '${agents.vpc-agent.id}' }],
      dataPlatformConnections: [{ name: 'dwh', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' }],
      environments: [
        {
          name: 'dev',
          defaultAgentId: '${agents.vpc-agent.id}',
          defaultUserAccessLevel: 'admin',
          defaultConnections: { DWH: { redshift: 'dwh' } },
          connectionOverrides: [
            {
              connectionName: 'dwh',
              connectionProperties: {
                url: { value: 'c.abc.eu-west-1.redshift.amazonaws.com' },
                username: { value: 'admin' },
                port: { value: '5439' },
                defaultDatabase: { value: 'dev' },
                useSsl: { value: 'true' },
                defaultSchema: { value: 'public' },
                defaultStorageLocation: { value: 'bucket' },
                password: { secretName: 'redshift-password', secretKey: 'password' },
              },
            },
          ],
        },
      ],
    },
    { name: 'marketing', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' },
    { name: 'ops', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID', description: 'next to ${projects.marketing.hostedAgentId}' },
  ],
};

describeEachDb(
  'controls: seed',
  (t) => {
    it('creates a JSON fixture through the API, resolving references to earlier items', async () => {
      await control(t(), 'POST', '/reset');
      const r = await control(t(), 'POST', '/seed', FIXTURE);
      expect(r.statusCode, r.body).toBe(201);
      const out = r.json();
      expect(r.headers['cache-control']).toBe('no-store');
      expect(Object.keys(out.apiCredentials)).toEqual(['ci-bot', 'reader']);
      expect(out.apiCredentials['ci-bot']).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String), role: 'ADMIN' });
      expect(out.agents['vpc-agent'].id).toMatch(/^[0-9a-f-]{36}$/);
      expect(out.projects.sales).toMatchObject({ id: expect.any(String), secretReferences: ['redshift-password'], connections: ['dwh'], environments: ['dev'] });
      expect(out.projects.marketing.hostedAgentId).toMatch(/^[0-9a-f-]{36}$/);

      // What was seeded is there, as the API shows it, and usable.
      const bot = await t().tokenWith(out.apiCredentials['ci-bot'].clientId, out.apiCredentials['ci-bot'].clientSecret);
      expect((await t().inject({ method: 'GET', url: '/v1/agents?size=100', token: bot })).json().results.map((a: any) => a.name)).toContain('vpc-agent');
      const admin = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const env = await t().inject({ method: 'GET', url: `/v1/projects/${out.projects.sales.id}/environments/dev`, token: admin });
      expect(env.statusCode).toBe(200);
      expect(env.json()).toMatchObject({ defaultAgentId: out.agents['vpc-agent'].id, defaultAgentName: 'vpc-agent' });
      const ref = (await t().inject({ method: 'GET', url: `/v1/projects/${out.projects.sales.id}/secret-references`, token: admin })).json().results[0];
      expect(ref).toMatchObject({ name: 'redshift-password', agentId: out.agents['vpc-agent'].id });
      const ops = await t().inject({ method: 'GET', url: `/v1/projects/${out.projects.ops.id}`, token: admin });
      expect(ops.json().description).toBe(`next to ${out.projects.marketing.hostedAgentId}`);
    });

    it('is all or nothing: a failing item answers its own error, located in the fixture, and nothing stays', async () => {
      await control(t(), 'POST', '/reset');
      const broken = structuredClone(FIXTURE) as any;
      delete broken.projects[0].environments[0].defaultUserAccessLevel;
      const r = await control(t(), 'POST', '/seed', broken);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.json().violations).toEqual(['body.projects[0].environments[0].defaultUserAccessLevel: is required']);
      expect(r.json().detail).toMatch(/^Seeding projects\[0\]\.environments\[0\] \(POST \/v1\/projects\/[0-9a-f-]+\/environments\) failed/);
      expect(await projectNames(t())).toEqual([]);
      const admin = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      expect((await t().inject({ method: 'GET', url: '/v1/agents', token: admin })).json().total).toBe(0);
      expect((await t().inject({ method: 'GET', url: '/v1/api-credentials', token: admin })).json().total).toBe(1);

      // A duplicate is the operation's own 409.
      const dup = await control(t(), 'POST', '/seed', { projects: [{ name: 'x', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }, { name: 'x', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }] });
      expect(dup.statusCode).toBe(409);
      expect(await projectNames(t())).toEqual([]);

      // A reference to nothing names the field.
      const dangling = await control(t(), 'POST', '/seed', { projects: [{ name: 'y', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID', description: '${agents.ghost.id}' }] });
      expect(dangling.statusCode).toBe(400);
      expect(dangling.json().violations).toEqual(['body.projects[0].description: refers to ${agents.ghost.id}, which names nothing created before it in the fixture']);

      // The fixture's own shape is checked first.
      const shape = await control(t(), 'POST', '/seed', { projects: [{ name: 'z', secretReferences: [{}] }] });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().violations).toEqual(['body.projects[0].secretReferences[0].name: is required']);
    });

    it('works for a Basic caller and with a fault on every API operation (its own calls are never faulted)', async () => {
      await control(t(), 'POST', '/reset');
      expect((await control(t(), 'POST', '/faults/rules', { status: 503 })).statusCode).toBe(201);
      expect((await control(t(), 'PUT', '/faults/identity-outage', { enabled: true })).statusCode).toBe(200);
      const r = await control(t(), 'POST', '/seed', { projects: [{ name: 'under-faults', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }] });
      expect(r.statusCode, r.body).toBe(201);
      await control(t(), 'DELETE', '/faults');
      expect(await projectNames(t())).toEqual(['under-faults']);
    });
  },
  { env: CONTROLS_ENV },
);
