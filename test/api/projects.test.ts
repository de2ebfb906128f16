import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';

const body = (name: string, extra: Record<string, unknown> = {}) => ({ name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID', ...extra });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeEachDb('projects', (t) => {
  it('creates a project: 201 with exactly {projectId} (a v4 UUID), readable afterwards', async () => {
    const token = await t().adminToken();
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: body('alpha', { description: 'optional', warehouse: 'REDSHIFT', agentDeploymentType: 'FULL_SAAS' }) });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json())).toEqual(['projectId']);
    expect(r.json().projectId).toMatch(UUID_V4);
    const g = await t().inject({ method: 'GET', url: `/v1/projects/${r.json().projectId}`, token });
    expect(g.statusCode).toBe(200);
    expect(g.json()).toMatchObject({ id: r.json().projectId, name: 'alpha', description: 'optional', warehouse: 'REDSHIFT', agentDeploymentType: 'FULL_SAAS' });
  });

  it('refuses a duplicate name in the account with 409 and writes nothing', async () => {
    const token = await t().adminToken();
    expect((await t().inject({ method: 'POST', url: '/v1/projects', token, body: body('dup') })).statusCode).toBe(201);
    const again = await t().inject({ method: 'POST', url: '/v1/projects', token, body: body('dup', { warehouse: 'REDSHIFT' }) });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ status: 409, title: 'Conflict', instance: '/v1/projects' });
    // One violation form everywhere (issue 12 point 4): the field carries its location.
    expect(again.json().violations).toEqual(['body.name: must be unique within the account']);
    const rows = await t().app.store.db.selectFrom('projects').select('id').where('name', '=', 'dup').execute();
    expect(rows).toHaveLength(1);
  });

  const invalid: [string, unknown, string[]][] = [
    ['missing everything', {}, ['body.name: is required', 'body.warehouse: is required', 'body.agentDeploymentType: is required']],
    ['empty name', body(''), ['body.name: must NOT have fewer than 1 characters']],
    ['name too long', body('x'.repeat(256)), ['body.name: must NOT have more than 255 characters']],
    ['bad warehouse', body('w', { warehouse: 'BIGQUERY' }), ['body.warehouse: must be one of: SNOWFLAKE, REDSHIFT']],
    ['lower-case enum', body('w', { agentDeploymentType: 'hybrid' }), ['body.agentDeploymentType: must be one of: HYBRID, FULL_SAAS']],
    ['number name', body(5 as unknown as string), ['body.name: must be string']],
    ['null description', body('n', { description: null }), ['body.description: must be string']],
    ['array body', [], ['body: must be object']],
  ];
  for (const [name, b, violations] of invalid) {
    it(`400 for ${name}, naming each field`, async () => {
      const r = await t().inject({ method: 'POST', url: '/v1/projects', token: await t().adminToken(), body: b });
      expect(r.statusCode).toBe(400);
      expect(r.json().violations.sort()).toEqual([...violations].sort());
      expect(r.json().type).toBe('https://api.matillion.com/problems/bad-request');
    });
  }

  it('pages past 100 projects: accurate total, last page, empty page past the end, stable order', async () => {
    const { token } = await seedAccount(t());
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) {
      const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: body(`p-${String(i).padStart(3, '0')}`) });
      expect(r.statusCode).toBe(201);
      ids.push(r.json().projectId);
    }
    const first = (await t().inject({ method: 'GET', url: '/v1/projects?page=0&size=100', token })).json();
    expect(first).toMatchObject({ page: 0, size: 100, total: 105 });
    expect(first.results).toHaveLength(100);
    const last = (await t().inject({ method: 'GET', url: '/v1/projects?page=1&size=100', token })).json();
    expect(last).toMatchObject({ page: 1, size: 100, total: 105 });
    expect(last.results).toHaveLength(5);
    const past = (await t().inject({ method: 'GET', url: '/v1/projects?page=2&size=100', token })).json();
    expect(past).toEqual({ page: 2, size: 100, total: 105, results: [] });
    expect([...first.results, ...last.results].map((p: { id: string }) => p.id)).toEqual(ids);
    // Default size is 25; every item has the documented fields.
    const def = (await t().inject({ method: 'GET', url: '/v1/projects', token })).json();
    expect(def).toMatchObject({ page: 0, size: 25, total: 105 });
    expect(Object.keys(def.results[0]).sort()).toEqual(['agentDeploymentType', 'createdAt', 'description', 'id', 'name', 'updatedAt', 'warehouse']);
    // A client that walks pages of 25 (the habit of every SaaS client) sees each project once.
    const seen: string[] = [];
    for (let p = 0; ; p++) {
      const page = (await t().inject({ method: 'GET', url: `/v1/projects?page=${p}&size=25`, token })).json();
      seen.push(...page.results.map((x: { id: string }) => x.id));
      if (page.results.length < 25) break;
    }
    expect(seen).toEqual(ids);
  });

  for (const q of ['size=0', 'size=101', 'page=-1', 'page=abc', 'size=2.5', 'page=1000001']) {
    it(`400 for out-of-range paging ${q}`, async () => {
      const r = await t().inject({ method: 'GET', url: `/v1/projects?${q}`, token: await t().adminToken() });
      expect(r.statusCode).toBe(400);
      expect(r.json().violations[0]).toMatch(/^query\.(page|size): /);
    });
  }

  it('isolates accounts: another account\'s project is 404 and absent from lists', async () => {
    const other = await seedAccount(t());
    const mine = await t().inject({ method: 'POST', url: '/v1/projects', token: await t().adminToken(), body: body('mine') });
    const id = mine.json().projectId;
    const g = await t().inject({ method: 'GET', url: `/v1/projects/${id}`, token: other.token });
    expect(g.statusCode).toBe(404);
    const d = await t().inject({ method: 'DELETE', url: `/v1/projects/${id}`, token: other.token });
    expect(d.statusCode).toBe(404);
    const list = (await t().inject({ method: 'GET', url: '/v1/projects?size=100', token: other.token })).json();
    expect(list.results.map((p: { id: string }) => p.id)).not.toContain(id);
    // The same name is free in the other account.
    expect((await t().inject({ method: 'POST', url: '/v1/projects', token: other.token, body: body('mine') })).statusCode).toBe(201);
    // And still there for its owner.
    expect((await t().inject({ method: 'GET', url: `/v1/projects/${id}`, token: await t().adminToken() })).statusCode).toBe(200);
  });

  it('404 for an unknown id, 400 for a malformed one', async () => {
    const token = await t().adminToken();
    expect((await t().inject({ method: 'GET', url: '/v1/projects/00000000-0000-4000-8000-000000000000', token })).statusCode).toBe(404);
    const bad = await t().inject({ method: 'GET', url: '/v1/projects/NOT-A-UUID', token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations[0]).toMatch(/^path\.projectId: must match pattern/);
  });

  it('deletes a project: 204, then 404, and the name is free again', async () => {
    const token = await t().adminToken();
    const id = (await t().inject({ method: 'POST', url: '/v1/projects', token, body: body('to-delete') })).json().projectId;
    expect((await t().inject({ method: 'DELETE', url: `/v1/projects/${id}`, token })).statusCode).toBe(204);
    expect((await t().inject({ method: 'GET', url: `/v1/projects/${id}`, token })).statusCode).toBe(404);
    expect((await t().inject({ method: 'DELETE', url: `/v1/projects/${id}`, token })).statusCode).toBe(404);
    expect((await t().inject({ method: 'POST', url: '/v1/projects', token, body: body('to-delete') })).statusCode).toBe(201);
  });
});

describeEachDb('account roles (contract §6)', (t) => {
  // role → [may create projects, sees existing projects, may manage API credentials]
  const table: Record<string, [boolean, boolean, boolean]> = {
    SUPER_ADMIN: [true, true, true],
    BILLING_ADMIN: [true, false, false],
    ADMIN: [true, false, false],
    MEMBER: [false, false, false],
  };
  for (const [role, [create, sees, creds]] of Object.entries(table)) {
    it(`${role}: create ${create}, sees ungranted projects ${sees}, manages credentials ${creds}`, async () => {
      const admin = await t().adminToken();
      const existing = (await t().inject({ method: 'POST', url: '/v1/projects', token: admin, body: body(`seen-by-${role}`) })).json().projectId;
      const token = await t().tokenFor(role as 'MEMBER');

      const c = await t().inject({ method: 'POST', url: '/v1/projects', token, body: body(`made-by-${role}`) });
      expect(c.statusCode).toBe(create ? 201 : 403);
      if (!create) expect(c.headers['content-type']).toMatch(/problem\+json/);

      const g = await t().inject({ method: 'GET', url: `/v1/projects/${existing}`, token });
      expect(g.statusCode).toBe(sees ? 200 : 404);
      const list = (await t().inject({ method: 'GET', url: '/v1/projects?size=100', token })).json();
      expect(list.results.some((p: { id: string }) => p.id === existing)).toBe(sees);
      // What it created it sees, as its OWNER (issue 13); nothing else.
      if (!sees) expect(list.total).toBe(create ? 1 : 0);
      const d = await t().inject({ method: 'DELETE', url: `/v1/projects/${existing}`, token });
      expect(d.statusCode).toBe(sees ? 204 : 404);

      const l = await t().inject({ method: 'GET', url: '/v1/api-credentials', token });
      expect(l.statusCode).toBe(creds ? 200 : 403);
      const n = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: `by-${role}`, role: 'SUPER_ADMIN' } });
      expect(n.statusCode).toBe(creds ? 201 : 403);
    });
  }

  it('403 comes before body validation for a role that may not create', async () => {
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token: await t().tokenFor('MEMBER'), body: {} });
    expect(r.statusCode).toBe(403);
  });
});
