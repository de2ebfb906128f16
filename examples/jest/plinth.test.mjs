// Plinth in a jest test file. Plinth is an ES module, so run jest with ES modules on:
//   npm i -D plinth jest
//   NODE_OPTIONS=--experimental-vm-modules npx jest
// (jest.config.mjs: export default { testEnvironment: 'node', transform: {} }).
// The same tests as examples/vitest/plinth.test.ts, shorter; not run by Plinth's own suite.
import { createServer } from 'plinth';

let plinth;

beforeAll(async () => {
  plinth = await createServer({ seed: { projects: [{ name: 'sales', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }] } });
  await plinth.controls.snapshot('seeded');
});
afterAll(() => plinth.close());
beforeEach(async () => {
  await plinth.controls.restore('seeded');
  await plinth.controls.faults.clear();
  await plinth.controls.clock.reset();
});

const list = async () => {
  const res = await fetch(`${plinth.baseUrl}/v1/projects`, { headers: { authorization: `Bearer ${await plinth.token()}` } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};

test('sees the seeded project', async () => {
  const r = await list();
  expect(r.status).toBe(200);
  expect(r.body.results.map((p) => p.name)).toEqual(['sales']);
});

test('429 with Retry-After, then the API again', async () => {
  await plinth.controls.faults.add({ match: { operationId: 'listProjects' }, status: 429, headers: { 'retry-after': '3' }, times: 1 });
  const first = await list();
  expect(first.status).toBe(429);
  expect(first.retryAfter).toBe('3');
  expect((await list()).status).toBe(200);
});

test('tokens expire on Plinth’s clock', async () => {
  const token = await plinth.token();
  await plinth.controls.clock.advance({ minutes: 31 });
  const res = await fetch(`${plinth.baseUrl}/v1/projects`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
});
