import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';

// Property: no input a client can send produces a 5xx; every refusal names the field and rule.
describeEachDb('validators (property-based)', (t) => {
  it('POST /v1/projects: any JSON body gets 201, 400 with violations, or 409', async () => {
    const token = await t().adminToken();
    const project = fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
        description: fc.oneof(fc.string({ maxLength: 1200 }), fc.boolean()),
        warehouse: fc.oneof(fc.constantFrom('SNOWFLAKE', 'REDSHIFT', 'snowflake', ''), fc.string()),
        agentDeploymentType: fc.oneof(fc.constantFrom('HYBRID', 'FULL_SAAS'), fc.anything()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(project, fc.jsonValue()), async (body) => {
        const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: JSON.stringify(body) });
        expect([201, 400, 409]).toContain(r.statusCode);
        if (r.statusCode === 400) {
          const p = r.json();
          expect(p.violations.length).toBeGreaterThan(0);
          for (const v of p.violations) expect(v).toMatch(/^body(\.[^:]+)?: .+/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('GET /v1/projects: any page/size strings get 200 with a consistent envelope or 400', async () => {
    const token = await t().adminToken();
    const value = fc.oneof(fc.integer({ min: -5, max: 2_000_000 }).map(String), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(value, value, async (page, size) => {
        const r = await t().inject({ method: 'GET', url: `/v1/projects?page=${encodeURIComponent(page)}&size=${encodeURIComponent(size)}`, token });
        expect([200, 400]).toContain(r.statusCode);
        if (r.statusCode === 200) {
          const b = r.json();
          expect(b.size).toBeGreaterThanOrEqual(1);
          expect(b.size).toBeLessThanOrEqual(100);
          expect(b.results.length).toBeLessThanOrEqual(b.size);
        } else {
          expect(r.json().violations[0]).toMatch(/^query\.(page|size): /);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the token endpoint answers any form body with 200 or an RFC 6749 error, never 5xx', async () => {
    const field = fc.oneof(fc.constantFrom('client_credentials', 'test-admin', ''), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('grant_type', 'client_id', 'client_secret', 'audience', 'scope', 'other'), field), async (fields) => {
        const r = await t().app.server.inject({
          method: 'POST',
          url: '/oauth/dpc/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
        });
        expect(r.statusCode).toBeLessThan(500);
        if (r.statusCode !== 200) expect(typeof r.json().error).toBe('string');
      }),
      { numRuns: 100 },
    );
  });
});
