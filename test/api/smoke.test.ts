import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';

describeEachDb('smoke', (t) => {
  it('issues a token and creates then lists a project', async () => {
    const token = await t().adminToken();
    const created = await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'smoke', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
    expect(created.statusCode).toBe(201);
    const list = await t().inject({ method: 'GET', url: '/v1/projects', token });
    expect(list.statusCode).toBe(200);
    expect(list.json().results.map((p: { id: string }) => p.id)).toContain(created.json().projectId);
  });
});
