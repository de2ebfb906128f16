import { expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, type TestApp } from '../helpers/app.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';

/** Fault emulation through the controls and at start (PLINTH_FAULTS …), on both databases. */

const tokenReq = (t: TestApp) =>
  t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }).toString(),
  });

const list = async (t: TestApp, token: string, headers: Record<string, string> = {}) => t.inject({ method: 'GET', url: '/v1/projects', token, headers });
const injectedLines = (t: TestApp) => t.logs.map((l) => JSON.parse(l)).filter((l) => l.injectedFault === true);

describeEachDb(
  'faults: rules',
  (t) => {
    it('answers the next N matching calls with the injected error, then the operation again; logged and counted', async () => {
      const token = await t().adminToken();
      const add = await control(t(), 'POST', '/faults/rules', { match: { operationId: 'listProjects' }, status: 503, times: 2, headers: { 'retry-after': '7' } });
      expect(add.statusCode, add.body).toBe(201);
      const rule = add.json();
      expect(rule).toMatchObject({ id: expect.stringMatching(/^fault-\d+$/), match: { operationId: 'listProjects' }, status: 503, times: 2, remaining: 2, hits: 0, when: 'before', probability: 1 });
      const before = injectedLines(t()).length;

      const r1 = await list(t(), token);
      expect(r1.statusCode).toBe(503);
      expect(r1.headers['content-type']).toMatch(/problem\+json/);
      expect(r1.headers['retry-after']).toBe('7');
      expect(r1.json()).toMatchObject({ status: 503, title: 'Service Unavailable', detail: `Injected fault ${rule.id}`, instance: '/v1/projects', violations: [] });
      expect((await control(t(), 'GET', '/faults')).json().rules[0]).toMatchObject({ id: rule.id, hits: 1, remaining: 1 });
      expect((await list(t(), token)).statusCode).toBe(503);
      expect((await list(t(), token)).statusCode).toBe(200);
      // Used up: the rule is gone. Other operations were never touched.
      expect((await control(t(), 'GET', '/faults')).json().rules).toEqual([]);
      expect((await t().inject({ method: 'GET', url: '/v1/agents', token })).statusCode).toBe(200);

      const lines = injectedLines(t()).slice(before);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ level: 40, injectedFault: true, faultId: rule.id, kind: 'error', status: 503, msg: 'injected fault' });
      const metrics = (await t().inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(/plinth_injected_faults_total\{kind="error"\} [2-9]/);
      expect(metrics).toContain('plinth_http_requests_total{operation="listProjects",method="GET",status="503"} 2');
    });

    it('matches by method and path (an OpenAPI path or a request path with *), /dpc/v1 included, before authentication', async () => {
      const token = await t().adminToken();
      const a = (await control(t(), 'POST', '/faults/rules', { match: { method: 'get', path: '/v1/projects/{projectId}' }, status: 404, body: { custom: true } })).json();
      const p = await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'faulted-get', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      const id = p.json().projectId;
      const g = await t().inject({ method: 'GET', url: `/dpc/v1/projects/${id}` });
      expect(g.statusCode).toBe(404);
      expect(g.headers['content-type']).toMatch(/^application\/json/);
      expect(g.json()).toEqual({ custom: true });
      expect((await t().inject({ method: 'DELETE', url: `/v1/projects/${id}`, token })).statusCode).toBe(204);
      expect((await control(t(), 'DELETE', `/faults/rules/${a.id}`)).statusCode).toBe(204);
      expect((await control(t(), 'DELETE', `/faults/rules/${a.id}`)).statusCode).toBe(404);

      const b = (await control(t(), 'POST', '/faults/rules', { match: { path: '/v1/agents*' }, status: 502 })).json();
      expect((await t().inject({ method: 'GET', url: '/v1/agents?size=5', token })).statusCode).toBe(502);
      expect((await list(t(), token)).statusCode).toBe(200);
      await control(t(), 'DELETE', `/faults/rules/${b.id}`);
    });

    it('delays without an error (latencyMs), and `when: after` lets the operation commit before the client sees the error', async () => {
      const token = await t().adminToken();
      await control(t(), 'POST', '/faults/rules', { match: { operationId: 'listAgents' }, latencyMs: 150, times: 1 });
      const started = Date.now();
      expect((await t().inject({ method: 'GET', url: '/v1/agents', token })).statusCode).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);

      await control(t(), 'POST', '/faults/rules', { match: { operationId: 'createProject' }, status: 504, when: 'after', times: 1 });
      const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'committed-then-504', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      expect(r.statusCode).toBe(504);
      expect(r.json().detail).toMatch(/the operation itself ran/);
      // It is there: a retry sees 409, the list shows it.
      const again = await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'committed-then-504', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      expect(again.statusCode).toBe(409);
      const names = (await t().inject({ method: 'GET', url: '/v1/projects?size=100', token })).json().results.map((p: any) => p.name);
      expect(names).toContain('committed-then-504');
      expect(injectedLines(t()).at(-1)).toMatchObject({ when: 'after', operationStatus: 201, status: 504 });
    });

    it('answers the token endpoint in RFC 6749 form; Prefer: code= injects one error', async () => {
      await control(t(), 'POST', '/faults/rules', { match: { operationId: 'issueToken' }, status: 500, times: 1 });
      const r = await tokenReq(t());
      expect(r.statusCode).toBe(500);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.json()).toEqual({ error: 'server_error', error_description: expect.any(String) });
      expect((await tokenReq(t())).statusCode).toBe(200);

      const token = await t().adminToken();
      const p = await list(t(), token, { prefer: 'code=429' });
      expect(p.statusCode).toBe(429);
      expect(p.json()).toMatchObject({ status: 429, detail: 'Injected fault (Prefer: code=429)' });
      expect((await list(t(), token, { prefer: 'return=minimal' })).statusCode).toBe(200);
    });

    it('never faults the controls or /metrics, and refuses bad rules naming the field', async () => {
      await control(t(), 'POST', '/faults/rules', { status: 500 });
      expect((await control(t(), 'GET', '/faults')).statusCode).toBe(200);
      expect((await t().inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      expect((await t().inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
      expect((await t().inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(500);
      expect((await control(t(), 'DELETE', '/faults')).statusCode).toBe(204);
      expect((await t().inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

      const bad = async (body: unknown, violation: string) => {
        const r = await control(t(), 'POST', '/faults/rules', body);
        expect(r.statusCode, r.body).toBe(400);
        expect(r.json().violations).toContain(violation);
      };
      await bad({ status: 200 }, 'body.status: must be >= 400');
      await bad({ status: 503, probability: 0 }, 'body.probability: must be > 0');
      await bad({ status: 503, when: 'during' }, 'body.when: must be one of: before, after');
      await bad({ match: { path: 'v1' }, status: 503 }, 'body.match.path: must match pattern ^/');
      await bad({ match: {} }, 'body.status: is required unless latencyMs is given');
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'faults: the SaaS rate limits',
  (t) => {
    it('saas-legacy: bursts of 5 per second, then 429 with Retry-After; logged as injected; off again', async () => {
      const token = await t().adminToken();
      const set = await control(t(), 'PUT', '/faults/rate-limit', { mode: 'saas-legacy' });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ mode: 'saas-legacy', effective: { perMinute: 60, perSecond: 5 } });
      const statuses = await Promise.all(Array.from({ length: 7 }, () => list(t(), token)));
      const codes = statuses.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 200)).toHaveLength(5);
      const refused = statuses.find((r) => r.statusCode === 429)!;
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.json().detail).toMatch(/^Rate limit of 5 requests per second exceeded; retry after \d+ s$/);
      expect(refused.headers).not.toHaveProperty('x-ratelimit-limit');
      expect(injectedLines(t()).at(-1)).toMatchObject({ kind: 'rate_limit', mode: 'saas-legacy' });
      expect((await t().inject({ method: 'GET', url: '/metrics' })).body).toMatch(/plinth_rate_limit_refusals_total\{limiter="api"\} [1-9]/);

      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'off' })).json()).toEqual({ mode: 'off', effective: {} });
      for (let i = 0; i < 8; i++) expect((await list(t(), token)).statusCode).toBe(200);
      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'saas' })).json()).toEqual({ mode: 'saas', effective: { perMinute: 1000 } });
      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'configured' })).json()).toEqual({ mode: 'configured', effective: {} });
    });

    it('custom limits, and refuses limits that do not fit the mode', async () => {
      const token = await t().tokenFor('ADMIN');
      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'custom', perMinute: 2 })).json()).toEqual({ mode: 'custom', perMinute: 2, effective: { perMinute: 2 } });
      expect([(await list(t(), token)).statusCode, (await list(t(), token)).statusCode, (await list(t(), token)).statusCode]).toEqual([200, 200, 429]);
      const r = await control(t(), 'PUT', '/faults/rate-limit', { mode: 'saas', perMinute: 5 });
      expect(r.statusCode).toBe(400);
      expect(r.json().violations).toEqual(['body.perMinute: is allowed only with mode custom']);
      expect((await control(t(), 'PUT', '/faults/rate-limit', { mode: 'custom' })).json().violations).toEqual(['body.perMinute: is required (or perSecond) with mode custom']);
      await control(t(), 'DELETE', '/faults');
      expect((await control(t(), 'GET', '/faults')).json().rateLimit).toEqual({ mode: 'configured', effective: {} });
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'faults: identity-server outage',
  (t) => {
    it('the token endpoint answers 503 temporarily_unavailable; issued tokens keep working; Basic turns it off', async () => {
      const token = await t().adminToken();
      const on = await control(t(), 'PUT', '/faults/identity-outage', { enabled: true, retryAfterSeconds: 30 });
      expect(on.json()).toEqual({ enabled: true, status: 503, latencyMs: 0, retryAfterSeconds: 30 });
      const r = await tokenReq(t());
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('30');
      expect(r.json()).toEqual({ error: 'temporarily_unavailable', error_description: 'The identity service is temporarily unavailable' });
      expect(injectedLines(t()).at(-1)).toMatchObject({ kind: 'identity_outage', status: 503 });
      expect((await list(t(), token)).statusCode).toBe(200);
      expect((await control(t(), 'PUT', '/faults/identity-outage', { enabled: true, status: 502 })).json().status).toBe(502);
      expect((await tokenReq(t())).json().error).toBe('server_error');
      expect((await control(t(), 'PUT', '/faults/identity-outage', { enabled: false })).statusCode).toBe(200);
      expect((await tokenReq(t())).statusCode).toBe(200);
      expect((await t().inject({ method: 'GET', url: '/metrics' })).body).toMatch(/plinth_injected_faults_total\{kind="identity_outage"\} 2/);
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'faults at start (PLINTH_FAULTS, PLINTH_RATE_LIMIT_MODE, PLINTH_IDENTITY_OUTAGE)',
  (t) => {
    it('starts with the rules, the mode and the outage in force, and says so in the log', async () => {
      const state = (await control(t(), 'GET', '/faults')).json();
      expect(state.rules).toEqual([expect.objectContaining({ match: { operationId: 'createProject' }, status: 503, remaining: 1 })]);
      expect(state.rateLimit).toEqual({ mode: 'saas-legacy', effective: { perMinute: 60, perSecond: 5 } });
      expect(state.identityOutage).toMatchObject({ enabled: true, status: 504 });
      expect(t().logs.some((l) => l.includes('fault emulation is on'))).toBe(true);
      expect((await tokenReq(t())).statusCode).toBe(504);
    });
  },
  {
    env: {
      ...CONTROLS_ENV,
      PLINTH_FAULTS: JSON.stringify([{ match: { operationId: 'createProject' }, status: 503, times: 1 }]),
      PLINTH_RATE_LIMIT_MODE: 'saas-legacy',
      PLINTH_IDENTITY_OUTAGE: '504',
    },
  },
);
