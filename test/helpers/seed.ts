import type { TestApp } from './app.js';

let n = 0;
/** A project created through the API by the bootstrap Super Admin; its id. */
export async function newProject(t: TestApp, warehouse = 'SNOWFLAKE', agentDeploymentType = 'HYBRID'): Promise<string> {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token: await t.adminToken(), body: { name: `p-${++n}-${Date.now()}`, warehouse, agentDeploymentType } });
  if (r.statusCode !== 201) throw new Error(`project create failed: ${r.statusCode} ${r.body}`);
  return r.json().projectId;
}
