import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { dpcFixtures, multipart, projectWithEnvironments, type Part } from '../helpers/artifacts.js';

// Property: no request to the artifacts surface — mutated multipart bodies, metadata headers,
// queries and JSON bodies — gets a 5xx; every refusal is a ProblemDetail.
const SEED = 15_0011;

function expectNo5xx(r: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  expect(r.statusCode, r.body).toBeLessThan(500);
  if (r.statusCode >= 400) expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

describeEachDb('artifacts never answer 5xx (property-based)', (t) => {
  let token: string;
  let projectId: string;
  const real = dpcFixtures()[0]!;

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await projectWithEnvironments(t(), token, ['dev', 'prod env']);
  });

  const name = fc.oneof(
    fc.constantFrom(real.path, 'a/b.orch.yaml', 'x.tran.yaml', 'file', 'versionName', '../up', '/abs', '', 'a//b', 'constructor', '__proto__', 'connector-profile:custom-1.json', 'x.zip'),
    fc.string({ maxLength: 40 }),
  );
  const content = fc.oneof(
    fc.constant(Buffer.from(real.content)),
    fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00])),
  );
  const type = fc.option(fc.constantFrom('text/plain', 'application/octet-stream', 'application/vnd.matillion.dpl+yaml', 'application/json', 'image/png', 'application/zip', 'text/plain; charset=latin1', '', 'bogus'), { nil: null });
  const part: fc.Arbitrary<Part> = fc.record({ name, content, type, filename: fc.option(fc.oneof(fc.constant('x.orch.yaml'), fc.string({ maxLength: 20 })), { nil: undefined }) });
  const header = fc.option(fc.oneof(fc.constantFrom('dev', 'prod+env', 'prod%20env', 'prod env', '%', '%E0%A4%A', 'nope', ''), fc.string({ maxLength: 30 })), { nil: undefined });

  it('POST .../artifacts: any parts and metadata get 201 or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 6 }), header, header, fc.boolean(), async (parts, versionName, environmentName, corrupt) => {
        const { payload, contentType } = multipart(parts);
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': contentType };
        // Header values must be valid HTTP header text; encode what is not.
        if (versionName !== undefined) headers.versionname = encodeURIComponent(versionName);
        if (environmentName !== undefined) headers.environmentname = /^[\x20-\x7e]*$/.test(environmentName) ? environmentName : encodeURIComponent(environmentName);
        const body = corrupt ? payload.subarray(0, Math.floor(payload.length / 2)) : payload;
        const r = await t().app.server.inject({ method: 'POST', url: `/v1/projects/${projectId}/artifacts`, payload: body, headers });
        expectNo5xx(r);
        expect([201, 400, 404, 409, 413, 415]).toContain(r.statusCode);
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  it('list, details, enable/disable, promotions and published pipelines: any query or body gets 2xx or 4xx', async () => {
    const q = fc.oneof(fc.constantFrom('dev', 'prod+env', 'v1', '', 'true', 'false', '-1', '100000000000'), fc.string({ maxLength: 20 }));
    const url = fc.constantFrom('artifacts', 'artifacts/details', 'published-pipelines');
    await fc.assert(
      fc.asyncProperty(url, q, q, q, q, fc.jsonValue(), fc.boolean(), async (path, env, version, page, enabledOnly, body, patch) => {
        const qs = `environmentName=${encodeURIComponent(env)}&versionName=${encodeURIComponent(version)}&page=${encodeURIComponent(page)}&enabledOnly=${encodeURIComponent(enabledOnly)}`;
        const u = `/v1/projects/${projectId}/${path}?${qs}`;
        const r = patch && path === 'artifacts' ? await t().inject({ method: 'PATCH', url: u, token, body: JSON.stringify(body) }) : await t().inject({ method: 'GET', url: u, token });
        expectNo5xx(r);
        const p = await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/artifacts/promotions`, token, body: JSON.stringify(body ?? null) });
        expectNo5xx(p);
      }),
      { numRuns: 80, seed: SEED },
    );
  });

  it('connector profiles and shared pipelines: any body or query gets 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/custom-connectors', '/v1/flex-connectors'), fc.oneof(fc.jsonValue(), fc.record({ id: fc.jsonValue(), alternateId: fc.jsonValue() }, { requiredKeys: [] })), fc.string({ maxLength: 20 }), async (url, body, prefix) => {
        expectNo5xx(await t().inject({ method: 'POST', url, token, body: JSON.stringify(body) }));
        expectNo5xx(await t().inject({ method: 'GET', url: `/v1/shared-pipelines/artifacts/details?sharedPipelineIdPrefix=${encodeURIComponent(prefix)}`, token }));
        const { payload, contentType } = multipart([{ name: 'a.orch.yaml', content: 'type: "orchestration"\n' }]);
        const r = await t().app.server.inject({ method: 'POST', url: '/v1/shared-pipelines/artifacts', payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, versionname: encodeURIComponent(prefix), sharedpipelineidprefix: encodeURIComponent(prefix) } });
        expectNo5xx(r);
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});
