import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { execute, publishedProject } from '../helpers/executions.js';

// Property: no request to the executions surface — mutated bodies, ids, queries, cursors — gets a
// 5xx; every refusal is a ProblemDetail. Fixed seed, short.
const SEED = 15_0012;

function expectNo5xx(r: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  expect(r.statusCode, r.body).toBeLessThan(500);
  if (r.statusCode >= 400) expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

describeEachDb('pipeline executions never answer 5xx (property-based)', (t) => {
  let token: string;
  let projectId: string;
  let runId: string;

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await publishedProject(t(), token);
    runId = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.hang': true } });
  });

  const text = fc.oneof(fc.constantFrom('plinth/Ten Steps', 'plinth/Branching.orch.yaml', 'AI/Barista Reviews/_Parent Job - Barista Reviews', 'dev', 'prod', '', 'Step 3', 'true', '-1', '1e999', '%', '../x'), fc.string({ maxLength: 30 }));
  const vars = fc.dictionary(fc.oneof(fc.constantFrom('plinth.fail', 'plinth.failStep', 'plinth.hang', 'plinth.stepDelayMs'), fc.string({ maxLength: 10 })), fc.oneof(text, fc.integer(), fc.boolean(), fc.double()), { maxKeys: 4 });
  const body = fc.oneof(
    fc.record({ pipelineName: text, environmentName: text, versionName: fc.option(text, { nil: undefined }), executionTag: fc.option(text, { nil: undefined }), scalarVariables: fc.option(vars, { nil: undefined }), gridVariables: fc.option(fc.jsonValue(), { nil: undefined }) }, { requiredKeys: [] }),
    fc.jsonValue(),
  );

  it('POST execute, test-executions and pipeline-behaviours: any body gets 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('pipeline-executions', 'test-executions', 'pipeline-behaviours'), async (b, path) => {
        const withHang = b && typeof b === 'object' && !Array.isArray(b) && (b as any).scalarVariables === undefined ? { ...(b as object), scalarVariables: { 'plinth.stepDelayMs': '1' } } : b;
        const r = await t().inject({ method: path === 'pipeline-behaviours' ? 'PUT' : 'POST', url: `/v1/projects/${projectId}/${path}`, token, body: JSON.stringify(withHang ?? null) });
        expectNo5xx(r);
        if (path === 'pipeline-behaviours' && r.statusCode === 200) {
          await t().inject({ method: 'PUT', url: `/v1/projects/${projectId}/pipeline-behaviours`, token, body: { environmentName: (withHang as any).environmentName, pipelineName: (withHang as any).pipelineName } });
        }
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  it('reads, cancel and the account list: any id, query or cursor gets 2xx or 4xx', async () => {
    const id = fc.oneof(fc.constant(runId), fc.uuid(), fc.string({ maxLength: 40 }));
    const q = fc.oneof(fc.constantFrom('RUNNING', 'SUCCESS', 'x', '', '-1', '0', '101', '2026-01-01T00:00:00Z', 'PT1H', 'P7D', 'LAST_24_HOURS', 'eyJ2IjoxfQ'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(id, q, q, q, q, fc.jsonValue(), fc.constantFrom('', '/status', '/steps'), async (i, a, b, c, d, patch, suffix) => {
        const enc = encodeURIComponent;
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/pipeline-executions/${enc(i)}${suffix}?page=${enc(a)}&size=${enc(b)}`, token }));
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/pipeline-executions?status=${enc(a)}&limit=${enc(b)}&paginationToken=${enc(c)}&timeFrame=${enc(d)}&startedAfter=${enc(a)}&pipelineName=${enc(c)}`, token }));
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/lineage/events?generatedFrom=${enc(a)}&generatedBefore=${enc(b)}&page=${enc(c)}&size=${enc(d)}`, token }));
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/consumption?consumedFrom=${enc(a)}&consumedBefore=${enc(b)}`, token }));
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/consumption/etl-users?consumedFrom=${enc(c)}&consumedBefore=${enc(d)}`, token }));
        if (i !== runId) expectNo5xx(await t().inject({ method: 'PATCH', url: `/v1/projects/${projectId}/pipeline-executions/${enc(i)}`, token, body: JSON.stringify(patch ?? null) }));
        expectNo5xx(await t().inject({ method: 'PATCH', url: `/v1/projects/${projectId}/test-executions/${enc(i)}`, token, body: JSON.stringify(patch ?? null) }));
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});
