import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { ok, projectWithEnvironments } from '../helpers/schedules.js';

// Property: no mutated request to the schedules and streaming-pipelines operations gets a 5xx;
// every refusal is a ProblemDetail naming the field and the rule. Fixed seed, short runs.
const SEED = 20261202;
const RUNS = 60;

type Res = Awaited<ReturnType<TestApp['inject']>>;
function expectClientAnswer(r: Res, allowed: number[]) {
  expect(r.statusCode, r.body).toBeLessThan(500);
  expect(allowed, r.body).toContain(r.statusCode);
  if (r.statusCode === 400) {
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const p = r.json();
    expect(p.violations.length).toBeGreaterThan(0);
    for (const v of p.violations) expect(v).toMatch(/^(body|query|path)(\..*)?: .+/);
  }
}

/** A valid body with any subset of its leaves (at any depth) replaced by arbitrary JSON. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const entries = Object.entries(valid as Record<string, unknown>);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(Object.fromEntries(entries.map(([k, v]) => [k, mutated(v)])), { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Quartz-looking expressions: 5–8 fields drawn from the characters and words Quartz knows. */
const cronish = fc
  .array(fc.array(fc.constantFrom('*', '?', 'L', 'W', '#', '/', '-', ',', '0', '1', '5', '7', '12', '31', '59', '60', 'MON', 'fri', 'JAN', 'LW', '2099', '1969'), { minLength: 1, maxLength: 4 }).map((t) => t.join('')), { minLength: 5, maxLength: 8 })
  .map((f) => f.join(' '));

describeEachDb('schedules and streaming pipelines never answer 5xx (property-based)', (t) => {
  let token: string;
  let projectId: string;
  let scheduleId: string;
  let streamingId: string;
  let agentId: string;
  const validSchedule = () => ({
    pipeline: { pipelineName: 'p.orch.yaml', environmentName: 'production', versionName: 'v1', scalarVariables: { a: 'b' } },
    schedule: { name: 'prop', cronExpression: '0 0 12 ? * MON-FRI', cronTimezone: 'Europe/Dublin', effectiveFrom: '2026-01-01T00:00:00+01:00', scheduleEnabled: true, allowConcurrentExecutions: false },
  });
  const validStreaming = () => ({
    name: 'prop',
    agentId,
    streamingSource: { type: 'postgres', connection: { host: 'h', port: 5432, database: 'd', username: 'u', password: { secretType: 'aws_secrets_manager', secretName: 's', key: 'k' } }, tables: [{ schema: 'a', table: 'b' }] },
    streamingTarget: { type: 's3', bucket: 'b', prefix: 'p', decimalMapping: 'legacy' },
    advancedProperties: { x: 'y' },
  });

  beforeAll(async () => {
    token = await t().adminToken();
    ({ projectId, agentId } = await projectWithEnvironments(t(), token, ['production']));
    scheduleId = (await ok(await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: { ...validSchedule(), schedule: { ...validSchedule().schedule, name: 'fixed' } } }), 201)).scheduleId;
    streamingId = (await ok(await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/streaming-pipelines`, token, body: { ...validStreaming(), name: 'fixed' } }), 201)).streamingPipelineId;
  });

  it('POST …/schedules: mutated bodies and Quartz-looking expressions', async () => {
    const body = fc.oneof(mutated(validSchedule()), cronish.map((c) => ({ ...validSchedule(), schedule: { ...validSchedule().schedule, name: `c-${c}`.slice(0, 200), cronExpression: c } })));
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: JSON.stringify(b) });
        expectClientAnswer(r, [201, 400, 404, 409]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('PATCH …/schedules/{id}, and page/size on the list', async () => {
    const patch = { name: 'fixed', cronExpression: '0 0 12 * * ?', allowConcurrentExecutions: true, cronTimezone: 'UTC', effectiveFrom: '2026-01-01T00:00:00Z', scheduleEnabled: true };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(patch), cronish.map((c) => ({ ...patch, cronExpression: c }))), async (b) => {
        const r = await t().inject({ method: 'PATCH', url: `/v1/projects/${projectId}/schedules/${scheduleId}`, token, body: JSON.stringify(b) });
        expectClientAnswer(r, [200, 400, 409]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const value = fc.oneof(fc.integer({ min: -3, max: 2_000_000 }).map(String), fc.string({ maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(value, value, async (page, size) => {
        const r = await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/schedules?page=${encodeURIComponent(page)}&size=${encodeURIComponent(size)}`, token });
        expectClientAnswer(r, [200, 400]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('POST/PUT …/streaming-pipelines and commands: mutated bodies', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(validStreaming()), fc.boolean(), async (b, put) => {
        const r = put
          ? await t().inject({ method: 'PUT', url: `/v1/projects/${projectId}/streaming-pipelines/${streamingId}`, token, body: JSON.stringify(b) })
          : await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/streaming-pipelines`, token, body: JSON.stringify(b) });
        expectClientAnswer(r, put ? [200, 400, 409] : [201, 400, 409]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await fc.assert(
      fc.asyncProperty(mutated({ command: 'start' }), async (b) => {
        const r = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/streaming-pipelines/${streamingId}/commands`, token, body: JSON.stringify(b) });
        expectClientAnswer(r, [200, 400, 409]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
