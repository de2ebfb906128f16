import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';
import { newProject } from '../helpers/seed.js';

/**
 * The single-statement write paths (src/domain/connections.ts `create`, src/domain/projects.ts
 * `create` without hooks) answer exactly as the read-then-write versions did.
 */
describeEachDb('single-statement writes', (get) => {
  const basic = (name: string) => ({ name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });

  it('POST connections: 404 (not 400) for an unknown, deleted or other-account project, even with an invalid body', async () => {
    const t = get();
    const token = await t.adminToken();
    const post = (projectId: string, body: unknown, tok = token) => t.inject({ method: 'POST', url: `/v1/projects/${projectId}/connections`, token: tok, body });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await post(unknown, basic('a'))).statusCode).toBe(404);
    expect((await post(unknown, { ...basic('a'), authType: 'NOPE' })).statusCode).toBe(404);

    const pid = await newProject(t);
    expect((await post(pid, { ...basic('a'), authType: 'NOPE' })).statusCode).toBe(400);
    expect((await post(pid, basic('a'))).statusCode).toBe(201);
    expect((await post(pid, basic('a'))).statusCode).toBe(409);

    const other = await seedAccount(t);
    expect((await post(pid, basic('b'), other.token)).statusCode).toBe(404);
    expect(await t.app.store.db.selectFrom('connections').select('id').where('project_id', '=', pid).where('name', '=', 'b').executeTakeFirst()).toBeUndefined();

    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${pid}`, token })).statusCode).toBe(204);
    expect((await post(pid, basic('c'))).statusCode).toBe(404);
  });

  it('POST projects: HYBRID (no hook work) and FULL_SAAS (hosted agent) both create, and a duplicate name is 409', async () => {
    const t = get();
    const token = await t.adminToken();
    const create = (name: string, agentDeploymentType: string) =>
      t.inject({ method: 'POST', url: '/v1/projects', token, body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType } });
    const h = await create('single-h', 'HYBRID');
    expect(h.statusCode).toBe(201);
    expect((await create('single-h', 'HYBRID')).statusCode).toBe(409);
    const f = await create('single-f', 'FULL_SAAS');
    expect(f.statusCode).toBe(201);
    const agents = await t.app.store.db.selectFrom('agents').select('project_id').where('project_id', 'in', [h.json().projectId, f.json().projectId]).execute();
    expect(agents.map((a) => a.project_id)).toEqual([f.json().projectId]);
  });
});
