import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { eventually, withTwoPgNodes } from '../helpers/nodes.js';
import { credential, environmentBody, grant, ok, projectWithEnvironments } from '../helpers/access.js';
import { uniq } from '../helpers/fixtures.js';

const basic = (name: string) => ({ name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });

async function memberRows(t: TestApp, projectId: string) {
  const r = await sql<{ n: number }>`select count(*) as n from project_members where project_id = ${projectId}`.execute(t.app.store.db);
  const e = await sql<{ n: number }>`select count(*) as n from environment_roles where project_id = ${projectId}`.execute(t.app.store.db);
  return { members: Number(r.rows[0]!.n), environmentRoles: Number(e.rows[0]!.n) };
}

describeEachDb('project members', (t) => {
  let projectId: string;
  let agentId: string;
  let member: Awaited<ReturnType<typeof credential>>;
  const as = (token: string, method: string, url: string, body?: unknown) => t().inject({ method, url, token, body });
  const p = (path = '') => `/v1/projects/${projectId}${path}`;

  beforeAll(async () => {
    ({ projectId, agentId } = await projectWithEnvironments(t(), { prod: 'readOnly', dev: 'default', ops: 'runner', vault: 'noAccess' }));
    member = await credential(t(), 'MEMBER');
  });

  it('a MEMBER credential sees nothing, is granted VIEWER (reads, cannot write), upgraded (writes), removed (sees nothing)', async () => {
    const m = member.token;
    // Nothing granted: the project does not exist for it.
    expect(ok(await as(m, 'GET', '/v1/projects'), 200)).toMatchObject({ total: 0, results: [] });
    ok(await as(m, 'GET', p()), 404);
    ok(await as(m, 'PUT', `${p('/connections')}?connectionName=sf-dwh`, { platformConnectionType: 'DWH', authType: 'KEY_PAIR' }), 404);
    ok(await as(m, 'GET', p('/members')), 404);
    ok(await as(m, 'GET', p('/environments/dev')), 404);

    const viewer = await grant(t(), projectId, member.clientId, 'VIEWER');
    expect(viewer).toMatchObject({
      principalId: member.clientId,
      principalType: 'API_CREDENTIAL',
      role: 'VIEWER',
      environmentRoles: { prod: 'VIEWER', dev: 'VIEWER', ops: 'OPERATOR', vault: 'NONE' },
      explicitEnvironmentRoles: {},
    });
    const list = ok(await as(m, 'GET', '/v1/projects'), 200);
    expect(list.total).toBe(1);
    expect(list.results[0].id).toBe(projectId);
    ok(await as(m, 'GET', p()), 200);
    ok(await as(m, 'GET', p('/connections')), 200);
    ok(await as(m, 'GET', p('/environments')), 200);
    ok(await as(m, 'POST', p('/connections'), basic('by-viewer')), 403);
    ok(await as(m, 'PUT', `${p('/connections')}?connectionName=sf-dwh`, { platformConnectionType: 'DWH', authType: 'KEY_PAIR' }), 403);
    ok(await as(m, 'DELETE', p()), 403);
    ok(await as(m, 'PUT', p(`/members/${member.clientId}`), { role: 'OWNER' }), 403);
    ok(await as(m, 'GET', p('/members')), 200);

    await grant(t(), projectId, member.clientId, 'CONTRIBUTOR');
    ok(await as(m, 'POST', p('/connections'), basic('by-contributor')), 201);
    ok(await as(m, 'PUT', `${p('/connections')}?connectionName=by-contributor`, { platformConnectionType: 'COMPONENT_BASIC', authType: 'GENERIC_SECRET' }), 200);
    // Contributors create and change; deleting is the Owner's.
    ok(await as(m, 'DELETE', `${p('/connections')}?connectionName=by-contributor`), 403);
    ok(await as(m, 'DELETE', p()), 403);

    ok(await as(await t().adminToken(), 'DELETE', p(`/members/${member.clientId}`)), 204);
    expect(ok(await as(m, 'GET', '/v1/projects'), 200)).toMatchObject({ total: 0, results: [] });
    ok(await as(m, 'GET', p()), 404);
    ok(await as(m, 'POST', p('/connections'), basic('after-removal')), 404);
    ok(await as(await t().adminToken(), 'DELETE', p(`/members/${member.clientId}`)), 404);
  });

  it("a member's project list pages over its grants only, in creation order, with the exact total", async () => {
    const admin = await t().adminToken();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(ok(await as(admin, 'POST', '/v1/projects', { name: uniq(`paged-${i}`), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 201).projectId);
    const reader = await credential(t(), 'MEMBER');
    for (const i of [4, 1, 2]) await grant(t(), made[i]!, reader.clientId, 'VIEWER');
    const page = async (n: number) => ok(await as(reader.token, 'GET', `/v1/projects?page=${n}&size=2`), 200);
    const first = await page(0);
    expect(first.total).toBe(3);
    expect(first.results.map((r: { id: string }) => r.id)).toEqual([made[1], made[2]]);
    const second = await page(1);
    expect(second.total).toBe(3);
    expect(second.results.map((r: { id: string }) => r.id)).toEqual([made[4]]);
    expect(await page(2)).toMatchObject({ total: 3, results: [] });
    // A revoked grant leaves the list at once on this node.
    ok(await as(admin, 'DELETE', `/v1/projects/${made[1]}/members/${reader.clientId}`), 204);
    const after = await page(0);
    expect(after.total).toBe(2);
    expect(after.results.map((r: { id: string }) => r.id)).toEqual([made[2], made[4]]);
  });

  it('an OWNER deletes and manages members; members are listed with every environment resolved', async () => {
    const owner = await credential(t(), 'MEMBER');
    await grant(t(), projectId, owner.clientId, 'OWNER');
    const put = ok(await as(owner.token, 'PUT', p(`/members/${member.clientId}`), { role: 'CONTRIBUTOR', environmentRoles: { vault: 'VIEWER' } }), 200);
    expect(put.environmentRoles).toEqual({ prod: 'VIEWER', dev: 'CONTRIBUTOR', ops: 'OPERATOR', vault: 'VIEWER' });
    expect(put.explicitEnvironmentRoles).toEqual({ vault: 'VIEWER' });
    ok(await as(owner.token, 'POST', p('/connections'), basic('owners')), 201);
    ok(await as(owner.token, 'DELETE', `${p('/connections')}?connectionName=owners`), 204);
    const members = ok(await as(member.token, 'GET', p('/members')), 200);
    expect(members.total).toBe(2);
    expect(members.results.map((r: { principalId: string }) => r.principalId).sort()).toEqual([owner.clientId, member.clientId].sort());
    ok(await as(owner.token, 'DELETE', p(`/members/${owner.clientId}`)), 204);
    ok(await as(owner.token, 'GET', p()), 404);
    // A deleted credential is no longer listed.
    const gone = await credential(t(), 'MEMBER');
    await grant(t(), projectId, gone.clientId, 'VIEWER');
    ok(await as(await t().adminToken(), 'DELETE', `/v1/api-credentials/${gone.clientId}`), 204);
    const after = ok(await as(member.token, 'GET', p('/members')), 200);
    expect(after.results.map((r: { principalId: string }) => r.principalId)).not.toContain(gone.clientId);
    expect(after.total).toBe(1);
  });

  it('environment roles gate the environment and its overrides: OPERATOR / VIEWER / NONE, CONTRIBUTOR', async () => {
    await grant(t(), projectId, member.clientId, 'CONTRIBUTOR');
    const m = member.token;
    const override = (env: string) => ({ environmentName: env, connectionName: 'sf-dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: { account: { value: 'a.b' }, username: { value: 'U' }, privateKey: { secretName: 'sf-key', secretKey: 'private_key' }, defaultRole: { value: 'R' }, defaultWarehouse: { value: 'W' }, defaultDatabase: { value: 'D' }, defaultSchema: { value: 'S' } } } });
    const ov = p('/connections/environment-overrides');
    // dev: CONTRIBUTOR (default → project role) — view and manage.
    ok(await as(m, 'GET', p('/environments/dev')), 200);
    ok(await as(m, 'GET', `${ov}?environmentName=dev`), 200);
    ok(await as(m, 'PUT', ov, override('dev')), 200);
    ok(await as(m, 'PATCH', p('/environments/dev'), { description: 'changed by a contributor' }), 200);
    ok(await as(m, 'DELETE', p('/environments/dev')), 403); // deleting is the environment OWNER's
    // ops: OPERATOR (runner) — views, may not change settings or overrides.
    ok(await as(m, 'GET', p('/environments/ops')), 200);
    ok(await as(m, 'GET', `${ov}?environmentName=ops`), 200);
    ok(await as(m, 'PUT', ov, override('ops')), 403);
    ok(await as(m, 'DELETE', `${ov}?environmentName=ops&connectionNames=sf-dwh`), 403);
    ok(await as(m, 'PATCH', p('/environments/ops'), { description: 'x' }), 403);
    // prod: VIEWER (readOnly).
    ok(await as(m, 'GET', p('/environments/prod')), 200);
    ok(await as(m, 'PUT', ov, override('prod')), 403);
    // vault: NONE (noAccess) — the project is visible, the environment is forbidden.
    ok(await as(m, 'GET', p('/environments/vault')), 403);
    ok(await as(m, 'GET', `${ov}?environmentName=vault`), 403);
    // An explicit role beats the default.
    await grant(t(), projectId, member.clientId, 'CONTRIBUTOR', { vault: 'OWNER', dev: 'NONE' });
    ok(await as(m, 'GET', p('/environments/vault')), 200);
    ok(await as(m, 'PUT', ov, override('vault')), 200);
    ok(await as(m, 'GET', p('/environments/dev')), 403);
    // A missing environment is still a 404 for a member.
    ok(await as(m, 'GET', p('/environments/nope')), 404);
  });

  it('a new defaultUserAccessLevel re-applies to members on the default, not to explicit roles', async () => {
    await grant(t(), projectId, member.clientId, 'VIEWER', { ops: 'VIEWER' });
    const m = member.token;
    ok(await as(m, 'PATCH', p('/environments/prod'), { description: 'x' }), 403);
    const admin = await t().adminToken();
    const patched = ok(await as(admin, 'PATCH', p('/environments/prod'), { defaultUserAccessLevel: 'admin' }), 200);
    expect(patched.defaultUserAccessLevel).toBe('admin');
    ok(await as(admin, 'PATCH', p('/environments/ops'), { defaultUserAccessLevel: 'admin' }), 200);
    // prod is on the default (now admin → OWNER): the member may change it at once.
    ok(await as(m, 'PATCH', p('/environments/prod'), { description: 'by the new owner' }), 200);
    // ops has an explicit VIEWER role: unchanged.
    ok(await as(m, 'PATCH', p('/environments/ops'), { description: 'x' }), 403);
    const listed = ok(await as(m, 'GET', p('/members')), 200).results.find((r: { principalId: string }) => r.principalId === member.clientId);
    expect(listed.environmentRoles).toMatchObject({ prod: 'OWNER', ops: 'VIEWER', dev: 'VIEWER', vault: 'NONE' });
    ok(await as(admin, 'PATCH', p('/environments/prod'), { defaultUserAccessLevel: 'noAccess' }), 200);
    ok(await as(m, 'GET', p('/environments/prod')), 403);
    ok(await as(admin, 'PATCH', p('/environments/prod'), { defaultUserAccessLevel: 'readOnly', description: null }), 200);
  });

  it('rejects unknown environments, unknown principals, agents, and less than OWNER for a Super Admin', async () => {
    const admin = await t().adminToken();
    const bad = await as(admin, 'PUT', p(`/members/${member.clientId}`), { role: 'VIEWER', environmentRoles: { nope: 'VIEWER', dev: 'OPERATOR' } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().violations).toEqual(['body.environmentRoles.nope: must name an environment of the project (there is no environment "nope")']);
    const unknown = await as(admin, 'PUT', p('/members/no-such-principal'), { role: 'VIEWER' });
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().violations[0]).toMatch(/principalId/);
    const hybrid = ok(await as(admin, 'POST', '/v1/agents', { name: uniq('hybrid'), agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' }), 201);
    const agentCreds = ok(await as(admin, 'GET', `/v1/agents/${hybrid.agentId}/credentials`), 200);
    ok(await as(admin, 'PUT', p(`/members/${agentCreds.clientId}`), { role: 'VIEWER' }), 404);
    const sa = await credential(t(), 'SUPER_ADMIN');
    const demote = await as(admin, 'PUT', p(`/members/${sa.clientId}`), { role: 'VIEWER', environmentRoles: { dev: 'NONE' } });
    expect(demote.statusCode, demote.body).toBe(400);
    expect(demote.json().violations).toEqual([
      'body.role: a Super Admin is implicitly OWNER of every project; it can only be given OWNER',
      'body.environmentRoles.dev: a Super Admin is implicitly OWNER of every environment; it can only be given OWNER',
    ]);
    expect(ok(await as(admin, 'PUT', p(`/members/${sa.clientId}`), { role: 'OWNER' }), 200).environmentRoles).toMatchObject({ prod: 'VIEWER' });
    ok(await as(admin, 'DELETE', p(`/members/${sa.clientId}`)), 204);
    ok(await as(admin, 'PUT', p(`/members/${member.clientId}`), { role: 'READER' }), 400);
    ok(await as(admin, 'PUT', p(`/members/${member.clientId}`), { role: 'VIEWER', environmentRoles: { dev: 'ADMIN' } }), 400);
  });

  it('deleting an environment or the project removes its grants', async () => {
    const admin = await t().adminToken();
    const { projectId: other, agentId: otherAgent } = await projectWithEnvironments(t(), { a: 'default' });
    ok(await as(admin, 'POST', `/v1/projects/${other}/environments`, environmentBody(otherAgent, 'b', 'readOnly')), 201);
    await grant(t(), other, member.clientId, 'OWNER', { a: 'VIEWER', b: 'OPERATOR' });
    expect(await memberRows(t(), other)).toEqual({ members: 1, environmentRoles: 2 });
    ok(await as(member.token, 'DELETE', `/v1/projects/${other}/environments/b`), 403); // OPERATOR there
    ok(await as(admin, 'DELETE', `/v1/projects/${other}/environments/b`), 204);
    expect(await memberRows(t(), other)).toEqual({ members: 1, environmentRoles: 1 });
    // Re-created under the same name it is on its default again.
    ok(await as(admin, 'POST', `/v1/projects/${other}/environments`, environmentBody(otherAgent, 'b', 'admin')), 201);
    ok(await as(member.token, 'PATCH', `/v1/projects/${other}/environments/b`, { description: 'mine' }), 200);
    ok(await as(member.token, 'DELETE', `/v1/projects/${other}`), 204);
    expect(await memberRows(t(), other)).toEqual({ members: 0, environmentRoles: 0 });
    ok(await as(member.token, 'GET', `/v1/projects/${other}`), 404);
    expect(ok(await as(member.token, 'GET', '/v1/projects'), 200).results.map((r: { id: string }) => r.id)).not.toContain(other);
  });

  it('a person (USER principal) is granted and removed like a credential; removing the user removes its grants', async () => {
    const admin = await t().adminToken();
    const email = `${uniq('person')}@example.com`;
    const inv = ok(await as(admin, 'POST', '/v1/invitations', { email, role: 'MEMBER' }), 201);
    const token = inv.inviteUrl.split('/').pop();
    const user = ok(await t().inject({ method: 'POST', url: '/v1/invitations/accept', body: { token, password: 'a-long-password-123' } }), 201);
    const signIn = await t().app.server.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ grant_type: 'password', username: email, password: 'a-long-password-123' }).toString() });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const person = signIn.json().access_token as string;
    ok(await as(person, 'GET', p()), 404);
    const m = ok(await as(admin, 'PUT', p(`/members/${user.userId}`), { role: 'VIEWER' }), 200);
    expect(m).toMatchObject({ principalId: user.userId, principalType: 'USER', role: 'VIEWER' });
    ok(await as(person, 'GET', p()), 200);
    ok(await as(person, 'POST', p('/connections'), basic(uniq('by-person'))), 403);
    ok(await as(admin, 'DELETE', `/v1/users/${user.userId}`), 204);
    expect((await memberRows(t(), projectId)).members).toBeGreaterThanOrEqual(0);
    const rows = await sql<{ n: number }>`select count(*) as n from project_members where principal_id = ${user.userId}`.execute(t().app.store.db);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('deleting an API credential removes its grants in the same transaction; its token and grant end at once', async () => {
    const admin = await t().adminToken();
    const c = await credential(t(), 'MEMBER');
    const { projectId: other } = await projectWithEnvironments(t(), { a: 'default', b: 'readOnly' });
    await grant(t(), projectId, c.clientId, 'VIEWER', { dev: 'OPERATOR' });
    await grant(t(), other, c.clientId, 'CONTRIBUTOR', { b: 'VIEWER' });
    ok(await as(c.token, 'GET', p()), 200); // its grants are cached
    const rowsOf = async (id: string) => {
      const m = await sql<{ n: number }>`select count(*) as n from project_members where principal_id = ${id}`.execute(t().app.store.db);
      const e = await sql<{ n: number }>`select count(*) as n from environment_roles where principal_id = ${id}`.execute(t().app.store.db);
      return { members: Number(m.rows[0]!.n), environmentRoles: Number(e.rows[0]!.n) };
    };
    expect(await rowsOf(c.clientId)).toEqual({ members: 2, environmentRoles: 2 });
    const listed = async (project: string) => ok(await as(admin, 'GET', `/v1/projects/${project}/members?size=100`), 200).results.map((r: { principalId: string }) => r.principalId);
    expect(await listed(other)).toContain(c.clientId);

    ok(await as(admin, 'DELETE', `/v1/api-credentials/${c.clientId}`), 204);
    expect(await rowsOf(c.clientId)).toEqual({ members: 0, environmentRoles: 0 });
    expect(await listed(projectId)).not.toContain(c.clientId);
    expect(await listed(other)).not.toContain(c.clientId);
    ok(await as(c.token, 'GET', p()), 401);
    ok(await as(admin, 'DELETE', `/v1/api-credentials/${c.clientId}`), 404);
    // A new credential starts with nothing.
    const next = await credential(t(), 'MEMBER');
    expect(await rowsOf(next.clientId)).toEqual({ members: 0, environmentRoles: 0 });
    ok(await as(next.token, 'GET', `/v1/projects/${other}`), 404);
  });

  it('membership changes are audit events in the same transaction', async () => {
    const admin = await t().adminToken();
    const c = await credential(t(), 'MEMBER');
    await grant(t(), projectId, c.clientId, 'VIEWER');
    await grant(t(), projectId, c.clientId, 'CONTRIBUTOR', { dev: 'OPERATOR' });
    ok(await as(admin, 'DELETE', p(`/members/${c.clientId}`)), 204);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const events = ok(await as(admin, 'GET', `/v1/events?from=${from}&to=${to}&size=100&projectId=${projectId}&order=desc`), 200);
    const mine = events.results.filter((e: { eventSubjectId?: string }) => e.eventSubjectId === c.clientId);
    expect(mine.map((e: { eventName: string }) => e.eventName).reverse()).toEqual(['member_added', 'member_role_changed', 'member_environment_roles_changed', 'member_removed']);
    expect(mine.every((e: { eventSubjectType: string; eventProjectId: string }) => e.eventSubjectType === 'MEMBER' && e.eventProjectId === projectId)).toBe(true);
  });

  it('a non-Super-Admin that creates a project becomes its OWNER; a MEMBER may not create one', async () => {
    const adminRole = await credential(t(), 'ADMIN');
    const created = ok(await as(adminRole.token, 'POST', '/v1/projects', { name: uniq('mine'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 201);
    const url = `/v1/projects/${created.projectId}`;
    ok(await as(adminRole.token, 'GET', url), 200);
    const members = ok(await as(adminRole.token, 'GET', `${url}/members`), 200);
    expect(members.results).toEqual([expect.objectContaining({ principalId: adminRole.clientId, principalType: 'API_CREDENTIAL', role: 'OWNER', environmentRoles: {} })]);
    expect(ok(await as(adminRole.token, 'GET', '/v1/projects'), 200).results.map((r: { id: string }) => r.id)).toEqual([created.projectId]);
    ok(await as(member.token, 'POST', '/v1/projects', { name: uniq('nope'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 403);
    // A Super Admin creator is OWNER implicitly: no member row.
    const bySuper = ok(await as(await t().adminToken(), 'POST', '/v1/projects', { name: uniq('super'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }), 201);
    expect(ok(await as(await t().adminToken(), 'GET', `/v1/projects/${bySuper.projectId}/members`), 200).total).toBe(0);
    ok(await as(adminRole.token, 'DELETE', url), 204);
  });
});

describe('project members across two nodes [postgres]', () => {
  it('a grant revoked (and an environment default changed) on node A is refused on node B within the bound', async () => {
    // The documented bound is the notice's delivery (milliseconds), or
    // PLINTH_CREDENTIAL_CACHE_TTL_MS (5 s by default) if a notice is lost.
    await withTwoPgNodes('members', async (a, b) => {
      const { projectId } = await projectWithEnvironments(a, { prod: 'admin' });
      const m = await credential(a, 'MEMBER');
      await grant(a, projectId, m.clientId, 'VIEWER');
      const onB = (url: string) => b.inject({ method: 'GET', url, token: m.token });
      // Node B caches the member's grants.
      expect((await onB(`/v1/projects/${projectId}/environments/prod`)).statusCode).toBe(200);
      expect((await onB(`/v1/projects/${projectId}`)).statusCode).toBe(200);
      // An environment default changed on A: B refuses within the bound.
      ok(await a.inject({ method: 'PATCH', url: `/v1/projects/${projectId}/environments/prod`, token: await a.adminToken(), body: { defaultUserAccessLevel: 'noAccess' } }), 200);
      await eventually(async () => (await onB(`/v1/projects/${projectId}/environments/prod`)).statusCode === 403, 2000, 'node B applying the new default');
      // The membership revoked on A: node A refuses at once, node B within the bound.
      ok(await a.inject({ method: 'DELETE', url: `/v1/projects/${projectId}/members/${m.clientId}`, token: await a.adminToken() }), 204);
      expect((await a.inject({ method: 'GET', url: `/v1/projects/${projectId}`, token: m.token })).statusCode).toBe(404);
      const took = await eventually(async () => (await onB(`/v1/projects/${projectId}`)).statusCode === 404, 2000, 'node B refusing the revoked grant');
      expect(took).toBeLessThan(2000);
      expect((await onB('/v1/projects')).json().total).toBe(0);
    });
  });
});
