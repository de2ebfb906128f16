import { expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, type TestApp } from '../helpers/app.js';

let n = 0;
const uniq = (p: string) => `${p}-${++n}`;

async function createProject(t: TestApp, token: string, agentDeploymentType: 'HYBRID' | 'FULL_SAAS') {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: uniq('proj'), warehouse: 'SNOWFLAKE', agentDeploymentType } });
  expect(r.statusCode).toBe(201);
  return r.json().projectId as string;
}

async function allAgents(t: TestApp, token: string) {
  const r = await t.inject({ method: 'GET', url: '/v1/agents?size=100', token });
  expect(r.statusCode).toBe(200);
  return r.json().results as any[];
}

const body = (over: Record<string, unknown> = {}) => ({ agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('agent'), ...over });

async function createAgent(t: TestApp, token: string, over: Record<string, unknown> = {}) {
  const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: body(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describeEachDb('agents', (get) => {
  it('creates an agent: 201 with the full Agent, pending, visible in the list and by id', async () => {
    const t = get();
    const token = await t.adminToken();
    const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: body({ name: 'first agent', description: 'd', restrictedAccess: true, trackName: 'stable', enableAutoUpdates: true }) });
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({
      agentStatus: 'pending',
      agentType: 'data_productivity_cloud',
      cloudProvider: 'aws',
      deployment: 'fargate',
      name: 'first agent',
      description: 'd',
      connected: false,
      enableAutoUpdates: true,
      restrictedAccess: true,
      hosted: false,
      versionDetails: { trackName: 'stable', support: 'SUPPORTED', agentUpdateAvailable: false },
    });
    expect(a.agentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toHaveProperty('pausedUntil');
    expect(typeof a.versionDetails.agentVersion).toBe('string');
    const one = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(a);
    expect((await allAgents(t, token)).map((x) => x.agentId)).toContain(a.agentId);
    const page = await t.inject({ method: 'GET', url: '/v1/agents?page=0&size=1', token });
    expect(page.json()).toMatchObject({ page: 0, size: 1 });
    expect(page.json().results).toHaveLength(1);
    expect(page.json().total).toBeGreaterThanOrEqual(1);
  });

  it('accepts every documented agentType x cloudProvider x deployment combination', async () => {
    const t = get();
    const token = await t.adminToken();
    const combos: [string, string, string][] = [
      ['data_productivity_cloud', 'aws', 'fargate'],
      ['data_productivity_cloud', 'aws', 'eks'],
      ['data_productivity_cloud', 'azure', 'container app'],
      ['data_productivity_cloud', 'azure', 'aks'],
      ['data_productivity_cloud', 'azure', 'aci'],
      ['data_productivity_cloud', 'snowflake', 'native app'],
      ['streaming', 'aws', 'fargate'],
      ['streaming', 'aws', 'eks'],
      ['streaming', 'azure', 'container app'],
      ['streaming', 'azure', 'aks'],
      ['streaming', 'azure', 'aci'],
      ['streaming', 'gcp', 'gke'],
      ['streaming', 'gcp', 'gce'],
    ];
    for (const [agentType, cloudProvider, deployment] of combos) {
      const a = await createAgent(t, token, { agentType, cloudProvider, deployment });
      expect([a.agentType, a.cloudProvider, a.deployment]).toEqual([agentType, cloudProvider, deployment]);
    }
  });

  it('refuses invalid combinations and field rules with 400 naming the field, and writes nothing', async () => {
    const t = get();
    const token = await t.adminToken();
    const before = (await allAgents(t, token)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ cloudProvider: 'gcp', deployment: 'gke' }, 'body.cloudProvider: must be one of aws, azure, snowflake for agentType data_productivity_cloud'],
      [{ agentType: 'streaming', cloudProvider: 'snowflake', deployment: 'native app' }, 'body.cloudProvider: must be one of aws, azure, gcp for agentType streaming'],
      [{ cloudProvider: 'aws', deployment: 'aks' }, 'body.deployment: must be one of fargate, eks for agentType data_productivity_cloud on aws'],
      [{ cloudProvider: 'snowflake', deployment: 'fargate' }, 'body.deployment: must be one of native app for agentType data_productivity_cloud on snowflake'],
      [{ cloudProvider: 'snowflake', deployment: 'native app', enableAutoUpdates: true }, 'body.enableAutoUpdates: automatic updates are not available for streaming or Snowflake agents'],
      [{ agentType: 'streaming', enableAutoUpdates: true }, 'body.enableAutoUpdates: automatic updates are not available for streaming or Snowflake agents'],
      [{ agentType: 'streaming', restrictedAccess: true }, 'body.restrictedAccess: restricted access is not available for streaming agents'],
      [{ name: '' }, 'body.name: must NOT have fewer than 1 characters'],
      [{ name: 'x'.repeat(31) }, 'body.name: must NOT have more than 30 characters'],
      [{ name: '   ' }, 'body.name: must not be blank'],
      [{ description: 'x'.repeat(501) }, 'body.description: must NOT have more than 500 characters'],
      [{ trackName: 'beta' }, 'body.trackName: must be one of: current, stable (case-insensitive)'],
      [{ agentType: 'batch' }, 'body.agentType: must be one of: data_productivity_cloud, streaming (case-insensitive)'],
      [{ deployment: 'lambda' }, 'body.deployment: must be one of: fargate, eks, container app, aks, aci, native app, gke, gce (case-insensitive)'],
      [{ enableAutoUpdates: 'yes' }, 'body.enableAutoUpdates: must be boolean'],
    ];
    for (const [over, violation] of cases) {
      const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: body(over) });
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().violations, JSON.stringify(over)).toContain(violation);
    }
    const missing = await t.inject({ method: 'POST', url: '/v1/agents', token, body: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().violations).toEqual(
      expect.arrayContaining(['body.agentType: is required', 'body.cloudProvider: is required', 'body.deployment: is required', 'body.name: is required']),
    );
    // false is accepted where true is not.
    await createAgent(t, token, { agentType: 'streaming', enableAutoUpdates: false, restrictedAccess: false });
    expect((await allAgents(t, token)).length).toBe(before + 1);
  });

  it('duplicate names are 409', async () => {
    const t = get();
    const token = await t.adminToken();
    const a = await createAgent(t, token);
    const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: body({ name: a.name }) });
    expect(r.statusCode).toBe(409);
    expect(r.json().violations).toEqual(['body.name: must be unique within the account']);
  });

  it('PATCH changes fields and answers 202 with the agent; rules and 404 apply', async () => {
    const t = get();
    const token = await t.adminToken();
    const a = await createAgent(t, token, { agentType: 'streaming' });
    const r = await t.inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token, body: { name: 'renamed', description: 'new', trackName: 'stable' } });
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ agentId: a.agentId, name: 'renamed', description: 'new', versionDetails: { trackName: 'stable' } });
    const read = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token });
    expect(read.json()).toMatchObject({ name: 'renamed', description: 'new' });

    const bad = await t.inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token, body: { restrictedAccess: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations).toEqual(['body.restrictedAccess: restricted access is not available for streaming agents']);
    const empty = await t.inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token, body: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().violations[0]).toMatch(/^body: must contain at least one of/);
    const long = await t.inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token, body: { name: 'x'.repeat(31) } });
    expect(long.statusCode).toBe(400);

    const other = await createAgent(t, token);
    const dup = await t.inject({ method: 'PATCH', url: `/v1/agents/${other.agentId}`, token, body: { name: 'renamed' } });
    expect(dup.statusCode).toBe(409);

    const unknown = await t.inject({ method: 'PATCH', url: '/v1/agents/00000000-0000-4000-8000-000000000000', token, body: { name: 'x' } });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.inject({ method: 'GET', url: '/v1/agents/not-a-uuid', token });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().violations[0]).toMatch(/^path\.agentId: must match pattern/);
  });

  it('commands move the life cycle; DELETE is 409 while running and 202 otherwise', async () => {
    const t = get();
    const token = await t.adminToken();
    const a = await createAgent(t, token);
    const cmd = (command: string) => t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command } });

    expect((await cmd('PAUSE')).statusCode).toBe(409);
    const resumePending = await cmd('RESUME');
    expect(resumePending.statusCode).toBe(409);
    expect(resumePending.json().detail).toMatch(/RESTART/);

    const started = await cmd('RESTART');
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ agentStatus: 'running', connected: true });

    const del = await t.inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token });
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toMatch(/running/);

    const paused = await cmd('PAUSE');
    expect(paused.statusCode).toBe(202);
    expect(paused.json().agentStatus).toBe('paused');
    const until = Date.parse(paused.json().pausedUntil);
    // 24 h from the command's time; the clock ticks 1 ms per reading (the audit event reads it too).
    expect(24 * 3600_000 - (until - t.clock.now.getTime())).toBeLessThan(10);

    const resumed = await cmd('RESUME');
    expect(resumed.json()).toMatchObject({ agentStatus: 'running' });
    expect(resumed.json()).not.toHaveProperty('pausedUntil');

    await cmd('PAUSE');
    const bad = await t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command: 'STOP' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations).toEqual(['body.command: must be one of: RESTART, PAUSE, RESUME (case-insensitive)']);

    const ok = await t.inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token });
    expect(ok.statusCode).toBe(202);
    expect(ok.body).toBe('');
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token })).statusCode).toBe(404);
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token })).statusCode).toBe(404);

    // A pending agent is deletable.
    const p = await createAgent(t, token);
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${p.agentId}`, token })).statusCode).toBe(202);
  });

  it('credentials: the first GET issues them, every later GET returns the same pair, SECRET_REFRESH rotates it, and the agent token reads only its own agent', async () => {
    const t = get();
    const token = await t.adminToken();
    const a = await createAgent(t, token);
    const other = await createAgent(t, token);
    const first = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}/credentials`, token });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { clientId, clientSecret } = first.json();
    expect(clientId).toBeTruthy();
    expect(clientSecret).toBeTruthy();
    const again = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}/credentials`, token });
    expect(again.json()).toEqual({ clientId, clientSecret });

    const agentToken = await t.tokenWith(clientId, clientSecret);
    const own = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token: agentToken });
    expect(own.statusCode).toBe(200);
    expect(own.json().agentId).toBe(a.agentId);
    for (const [method, url, b] of [
      ['GET', `/v1/agents/${other.agentId}`],
      ['GET', '/v1/agents'],
      ['POST', '/v1/agents', body()],
      ['PATCH', `/v1/agents/${a.agentId}`, { name: 'mine' }],
      ['DELETE', `/v1/agents/${a.agentId}`],
      ['GET', `/v1/agents/${a.agentId}/credentials`],
      ['POST', `/v1/agents/${a.agentId}/credentials`, { action: 'SECRET_REFRESH' }],
      ['GET', `/v1/agents/${a.agentId}/allowlist`],
      ['POST', `/v1/agents/${a.agentId}/commands`, { command: 'RESTART' }],
      ['POST', '/v1/projects', { name: 'by-agent', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }],
      ['GET', '/v1/api-credentials'],
    ] as [string, string, unknown?][]) {
      const r = await t.inject({ method, url, token: agentToken, body: b });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().title).toBe('Forbidden');
    }
    const projects = await t.inject({ method: 'GET', url: '/v1/projects', token: agentToken });
    expect(projects.json().results).toEqual([]);

    const refreshed = await t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().clientId).toBe(clientId);
    expect(refreshed.json().clientSecret).not.toBe(clientSecret);
    await expect(t.tokenWith(clientId, clientSecret)).rejects.toThrow(/401/);
    await t.tokenWith(clientId, refreshed.json().clientSecret);

    const badAction = await t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/credentials`, token, body: { action: 'DELETE' } });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().violations).toEqual(['body.action: must be one of: SECRET_REFRESH (case-insensitive)']);

    // SECRET_REFRESH on an agent that never had credentials issues them.
    const fresh = await t.inject({ method: 'POST', url: `/v1/agents/${other.agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().clientSecret).toBeTruthy();

    // Deleting the agent removes its credential: its tokens stop working.
    await t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command: 'RESTART' } });
    await t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command: 'PAUSE' } });
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token })).statusCode).toBe(202);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token: agentToken })).statusCode).toBe(401);
    const rows = await t.app.store.db.selectFrom('api_credentials').selectAll().where('agent_id', '=', a.agentId).execute();
    expect(rows).toEqual([]);
  });

  it('allowlist: GET, PATCH merges, projects must exist, body must be non-empty; a deleted project leaves it', async () => {
    const t = get();
    const token = await t.adminToken();
    const a = await createAgent(t, token, { restrictedAccess: true });
    const p1 = await createProject(t, token, 'HYBRID');
    const p2 = await createProject(t, token, 'HYBRID');
    const url = `/v1/agents/${a.agentId}/allowlist`;
    expect((await t.inject({ method: 'GET', url, token })).json()).toEqual({ projects: {} });

    const r1 = await t.inject({ method: 'PATCH', url, token, body: { projects: { [p1]: { environments: ['dev', 'test'] } } } });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({ projects: { [p1]: { environments: ['dev', 'test'] } } });
    const r2 = await t.inject({ method: 'PATCH', url, token, body: { projects: { [p1]: { environments: ['test', 'prod'] }, [p2]: {} } } });
    expect(r2.json()).toEqual({ projects: { [p1]: { environments: ['dev', 'test', 'prod'] }, [p2]: { environments: [] } } });
    expect((await t.inject({ method: 'GET', url, token })).json()).toEqual(r2.json());

    const empty = await t.inject({ method: 'PATCH', url, token, body: { projects: {} } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().violations).toEqual(['body.projects: must NOT have fewer than 1 properties']);
    const none = await t.inject({ method: 'PATCH', url, token, body: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().violations).toEqual(['body.projects: is required']);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const missing = await t.inject({ method: 'PATCH', url, token, body: { projects: { [ghost]: { environments: ['dev'] }, [p1]: { environments: ['x'] } } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().violations).toEqual([`body.projects.${ghost}: no such project in this account`]);
    const notUuid = await t.inject({ method: 'PATCH', url, token, body: { projects: { 'not-a-project': {} } } });
    expect(notUuid.statusCode).toBe(400);
    // Nothing of the refused requests was written.
    expect((await t.inject({ method: 'GET', url, token })).json()).toEqual(r2.json());

    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${p1}`, token })).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url, token })).json()).toEqual({ projects: { [p2]: { environments: [] } } });
    expect((await t.inject({ method: 'GET', url: '/v1/agents/00000000-0000-4000-8000-000000000000/allowlist', token })).statusCode).toBe(404);
  });

  it('a FULL_SAAS project gets a running hosted agent, which users cannot change, and which goes with the project', async () => {
    const t = get();
    const token = await t.adminToken();
    const hybridProject = await createProject(t, token, 'HYBRID');
    const projectId = await createProject(t, token, 'FULL_SAAS');
    const hosted = (await allAgents(t, token)).filter((a) => a.hosted);
    expect(hosted.filter((a) => a.projectId === hybridProject)).toEqual([]);
    const mine = hosted.filter((a) => a.projectId === projectId);
    expect(mine).toHaveLength(1);
    const h = mine[0];
    expect(h).toMatchObject({ agentStatus: 'running', connected: true, agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', hosted: true });
    expect(h.name.length).toBeLessThanOrEqual(30);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${h.agentId}/allowlist`, token })).json()).toEqual({ projects: { [projectId]: { environments: [] } } });

    for (const [method, url, b] of [
      ['PATCH', `/v1/agents/${h.agentId}`, { name: 'mine' }],
      ['DELETE', `/v1/agents/${h.agentId}`],
      ['POST', `/v1/agents/${h.agentId}/commands`, { command: 'PAUSE' }],
      ['GET', `/v1/agents/${h.agentId}/credentials`],
      ['POST', `/v1/agents/${h.agentId}/credentials`, { action: 'SECRET_REFRESH' }],
      ['PATCH', `/v1/agents/${h.agentId}/allowlist`, { projects: { [projectId]: { environments: ['x'] } } }],
    ] as [string, string, unknown?][]) {
      const r = await t.inject({ method, url, token, body: b });
      expect(r.statusCode, `${method} ${url}`).toBe(409);
      expect(r.json().detail).toMatch(/Matillion-hosted/);
    }
    const still = await t.inject({ method: 'GET', url: `/v1/agents/${h.agentId}`, token });
    expect(still.json()).toMatchObject({ agentStatus: 'running', name: h.name });

    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${h.agentId}`, token })).statusCode).toBe(404);
  });

  it('roles: Super Admin and Admin manage agents; Billing Admin and Member get 403 ProblemDetails', async () => {
    const t = get();
    const admin = await t.tokenFor('ADMIN');
    const a = await createAgent(t, admin);
    expect((await t.inject({ method: 'GET', url: '/v1/agents', token: admin })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token: admin, body: { description: 'by admin' } })).statusCode).toBe(202);
    for (const role of ['BILLING_ADMIN', 'MEMBER'] as const) {
      const token = await t.tokenFor(role);
      for (const [method, url, b] of [
        ['GET', '/v1/agents'],
        ['POST', '/v1/agents', body()],
        ['GET', `/v1/agents/${a.agentId}`],
        ['PATCH', `/v1/agents/${a.agentId}`, { name: 'x' }],
        ['DELETE', `/v1/agents/${a.agentId}`],
        ['GET', `/v1/agents/${a.agentId}/credentials`],
        ['POST', `/v1/agents/${a.agentId}/credentials`, { action: 'SECRET_REFRESH' }],
        ['GET', `/v1/agents/${a.agentId}/allowlist`],
        ['PATCH', `/v1/agents/${a.agentId}/allowlist`, { projects: {} }],
        ['POST', `/v1/agents/${a.agentId}/commands`, { command: 'RESTART' }],
      ] as [string, string, unknown?][]) {
        const r = await t.inject({ method, url, token, body: b });
        expect(r.statusCode, `${role} ${method} ${url}`).toBe(403);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect(r.json()).toMatchObject({ status: 403, title: 'Forbidden' });
      }
    }
    expect((await t.inject({ method: 'GET', url: '/v1/agents', token: null })).statusCode).toBe(401);
    // Nothing changed by the refused calls.
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token: admin })).json()).toMatchObject({ name: a.name, agentStatus: 'pending' });
  });
});

// Its own app: time passes here, which would expire the other blocks' cached tokens.
describeEachDb('agents: a pause lapses', (get) => {
  it('after pausedUntil the agent reads as running again and cannot be deleted', async () => {
    const t = get();
    const a = await createAgent(t, await t.adminToken());
    const cmd = async (command: string) =>
      t.inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token: await t.tokenWith(ADMIN_ID, ADMIN_SECRET), body: { command } });
    await cmd('RESTART');
    expect((await cmd('PAUSE')).json().agentStatus).toBe('paused');
    t.clock.advance(24 * 3600_000 - 1000);
    const token = await t.tokenWith(ADMIN_ID, ADMIN_SECRET);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token })).json().agentStatus).toBe('paused');
    t.clock.advance(2000);
    const lapsed = await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token });
    expect(lapsed.json().agentStatus).toBe('running');
    expect(lapsed.json()).not.toHaveProperty('pausedUntil');
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token })).statusCode).toBe(409);
  });
});

describeEachDb('agents: pages read from either end', (get) => {
  const ids = async (t: TestApp, token: string, page: number, size: number) => {
    const r = await t.inject({ method: 'GET', url: `/v1/agents?page=${page}&size=${size}`, token });
    expect(r.statusCode).toBe(200);
    return { ids: (r.json().results as any[]).map((a) => a.agentId as string), total: r.json().total as number };
  };

  it('every page, first to past the end, is the same slice of the whole list, also after the list grows (a stale hint)', async () => {
    const t = get();
    const token = await t.adminToken();
    for (let i = 0; i < 7; i++) await createAgent(t, token);
    await createProject(t, token, 'FULL_SAAS'); // and its hosted agent
    const check = async () => {
      const all = (await allAgents(t, token)).map((a) => a.agentId as string);
      expect(all.length).toBeGreaterThanOrEqual(8);
      expect(new Set(all).size).toBe(all.length); // ids, not undefined
      // Twice over: the first pass reads forwards and leaves the total as the hint; the second
      // reads the second half backwards.
      for (const pass of [1, 2]) {
        for (const size of [1, 2, 3, 5]) {
          for (let page = 0; page * size <= all.length + size; page++) {
            const got = await ids(t, token, page, size);
            expect({ pass, size, page, got: got.ids, total: got.total }).toEqual({ pass, size, page, got: all.slice(page * size, page * size + size), total: all.length });
          }
        }
      }
      return all;
    };
    const before = await check();
    // The hint now says `before.length`: three more agents, and the last page read at once.
    for (let i = 0; i < 3; i++) await createAgent(t, token);
    const last = await ids(t, token, Math.floor((before.length + 2) / 3), 3);
    const all = (await allAgents(t, token)).map((a) => a.agentId as string);
    expect(last.ids).toEqual(all.slice(Math.floor((before.length + 2) / 3) * 3, Math.floor((before.length + 2) / 3) * 3 + 3));
    expect(last.ids.length).toBeGreaterThan(0);
    await check();
  });
});
