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

// The same property over every write endpoint of the provisioning flow: arbitrary JSON (and
// near-miss variants of valid bodies) never gets a 5xx, and every 4xx is a ProblemDetail.
describeEachDb('write endpoints never answer 5xx (property-based)', (t) => {
  const nearMiss = (valid: Record<string, unknown>) =>
    fc.oneof(
      fc.jsonValue(),
      fc.record(Object.fromEntries(Object.keys(valid).map((k) => [k, fc.oneof(fc.constant(valid[k]), fc.jsonValue())])), { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom(...Object.keys(valid), 'extra'), fc.jsonValue()),
    );

  it('projects, connections, environments, agents, secrets, references, repositories', async () => {
    const token = await t().adminToken();
    const pid = (await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'fuzz', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' } })).json().projectId;
    const agents = (await t().inject({ method: 'GET', url: '/v1/agents?size=100', token })).json().results;
    const hosted = agents.find((a: { projectId?: string }) => a.projectId === pid).agentId;
    const targets: [string, Record<string, unknown>][] = [
      [`/v1/projects/${pid}/data-platform-connections`, { name: 'dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }],
      [`/v1/projects/${pid}/connections`, { name: 'c', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { secretsLocation: { type: 'DEFAULT_SECRET_VAULT' }, connectionProperties: { secretName: 's' } } }],
      [`/v1/projects/${pid}/environments`, { name: 'e', defaultAgentId: hosted, defaultUserAccessLevel: 'admin', defaultConnections: { DWH: { snowflake: 'dwh' } }, connectionOverrides: [{ connectionName: 'dwh', connectionProperties: { account: { value: 'a' } } }] }],
      [`/v1/projects/${pid}/connections/environment-overrides`, { environmentName: 'e', connectionName: 'dwh', authType: 'KEY_PAIR', connectionOverrides: { connectionProperties: {} } }],
      ['/v1/agents', { name: 'a', agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' }],
      [`/v1/secrets/${hosted}/secret-value`, { name: 's', type: 'DWH_PASSWORD', key: 'k', value: 'v' }],
      [`/v1/projects/${pid}/secret-references/ref`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'n' }],
      [`/v1/projects/${pid}/repositories`, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } }],
    ];
    for (const [url, valid] of targets) {
      await fc.assert(
        fc.asyncProperty(nearMiss(valid), async (body) => {
          const r = await t().inject({ method: 'POST', url, token, body: JSON.stringify(body) });
          if (r.statusCode >= 500) throw new Error(`${url} answered ${r.statusCode} to ${JSON.stringify(body)}: ${r.body}`);
          if (r.statusCode >= 400) expect(r.headers['content-type']).toMatch(/problem\+json/);
        }),
        { numRuns: 60 },
      );
    }
  });
});
