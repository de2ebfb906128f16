import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, startApp, type TestApp } from '../helpers/app.js';
import { createPgSchema } from '../helpers/pg.js';

/** Running Plinth: /metrics, /readyz, limits shared by several nodes on PostgreSQL, log format. */

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const tokenReq = (t: TestApp, clientId: string, clientSecret: string) =>
  t.app.server.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) });

describeEachDb(
  'metrics',
  (t, kind) => {
    it('GET /metrics: Prometheus text with per-operation counts and latencies, limiter refusals, process metrics', async () => {
      const token = await t().adminToken();
      await t().inject({ method: 'GET', url: '/v1/projects', token });
      await t().inject({ method: 'GET', url: '/v1/projects/not-a-uuid', token });
      await t().inject({ method: 'GET', url: '/no/such/route' });
      expect((await tokenReq(t(), 'metrics-unknown', 'wrong')).statusCode).toBe(401);
      expect((await tokenReq(t(), 'metrics-unknown', 'wrong')).statusCode).toBe(429);

      const r = await t().inject({ method: 'GET', url: '/metrics' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const m = r.body;
      expect(m).toContain('# TYPE plinth_http_requests_total counter');
      expect(m).toContain('plinth_http_requests_total{operation="listProjects",method="GET",status="200"} 1');
      expect(m).toContain('plinth_http_requests_total{operation="getProject",method="GET",status="400"} 1');
      expect(m).toContain('plinth_http_requests_total{operation="unmatched",method="GET",status="404"} 1');
      expect(m).toMatch(/plinth_http_request_duration_seconds_bucket\{le="0\.1",operation="listProjects",method="GET",status="200"\} 1/);
      expect(m).toContain('plinth_rate_limit_refusals_total{limiter="auth"} 1');
      expect(m).toContain('plinth_rate_limit_refusals_total{limiter="api"} 0');
      expect(m).toContain('plinth_gitlab_token_rotations_total{outcome="failed"} 0');
      expect(m).toMatch(/^process_cpu_user_seconds_total \d/m);
      if (kind === 'postgres') expect(m).toMatch(/plinth_db_pool_connections\{state="total"\} [1-9]/);
      else expect(m).not.toContain('plinth_db_pool_connections');
      // Not in its own count until the next scrape; never needs a token.
      expect((await t().inject({ method: 'GET', url: '/metrics' })).body).toContain('plinth_http_requests_total{operation="getMetrics",method="GET",status="200"} 1');
    });
  },
  { env: { PLINTH_AUTH_FAILURE_LIMIT: '1' } },
);

describeEachDb(
  'metrics off',
  (t) => {
    it('PLINTH_METRICS=0 answers 404', async () => {
      const r = await t().inject({ method: 'GET', url: '/metrics' });
      expect(r.statusCode).toBe(404);
      expect(r.json().detail).toMatch(/PLINTH_METRICS=0/);
    });
  },
  { env: { PLINTH_METRICS: '0' } },
);

describeEachDb('readiness', (t) => {
  it('/readyz is ready while the database answers and holds every migration; not when one is missing', async () => {
    expect((await t().inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const db = t().app.store.db;
    const last = (await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)).rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    try {
      const r = await t().inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(t().logs.some((l) => l.includes(`migrations not applied: ${last}`))).toBe(true);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, ${new Date().toISOString()})`.execute(db);
    }
    expect((await t().inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('several nodes on one PostgreSQL', () => {
  const twoNodes = async (env: Record<string, string>) => {
    const schema = await createPgSchema();
    const masterKey = generateMasterKey();
    const a = await startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: 'node-a' } });
    const b = await startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: 'node-b' } });
    return {
      a,
      b,
      async close() {
        await a.close();
        await b.close();
        await schema.drop();
      },
    };
  };

  it('share the API rate limit: a caller gets the budget once, not once per node', async () => {
    const n = await twoNodes({ PLINTH_RATE_LIMIT_PER_MINUTE: '4' });
    try {
      const token = await n.a.tokenWith(ADMIN_ID, ADMIN_SECRET);
      const statuses = [];
      for (const node of [n.a, n.b, n.a, n.b, n.a, n.b]) statuses.push((await node.inject({ method: 'GET', url: '/v1/projects', token })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const refused = await n.b.inject({ method: 'GET', url: '/v1/projects', token });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Counted in the shared table.
      const rows = await sql<{ key: string; points: number }>`select key, points from plinth_rate_limits where key like 'api:%'`.execute(n.a.app.store.db);
      expect(rows.rows.some((r) => r.points >= 4)).toBe(true);
    } finally {
      await n.close();
    }
  });

  it('share the failed-authentication limiter', async () => {
    const n = await twoNodes({ PLINTH_AUTH_FAILURE_LIMIT: '3' });
    try {
      expect((await tokenReq(n.a, ADMIN_ID, 'wrong-1')).statusCode).toBe(401);
      expect((await tokenReq(n.b, ADMIN_ID, 'wrong-2')).statusCode).toBe(401);
      expect((await tokenReq(n.a, ADMIN_ID, 'wrong-3')).statusCode).toBe(401);
      // Three failures across two nodes: both refuse now, even the right secret.
      for (const node of [n.b, n.a]) {
        const r = await tokenReq(node, ADMIN_ID, ADMIN_SECRET);
        expect(r.statusCode).toBe(429);
        expect(r.json().error).toBe('temporarily_unavailable');
      }
    } finally {
      await n.close();
    }
  });
});

describe('log format', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', "const { createLogger } = await import('./src/core/logging.ts'); createLogger('info').info({ clientId: 'c1', body: { client_secret: 'hunter2' } }, 'hello there');"], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('is JSON lines when stdout is not a terminal', () => {
    const r = run({ PLINTH_LOG_FORMAT: '' });
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ level: 30, msg: 'hello there', clientId: 'c1' });
  });

  it('is readable by a person when asked (as on a terminal), with the same redaction', () => {
    const r = run({ PLINTH_LOG_FORMAT: 'pretty' });
    expect(r.stdout).toMatch(/INFO.*hello there/);
    expect(r.stdout).toContain('clientId: "c1"');
    expect(r.stdout).not.toContain('hunter2');
    expect(() => JSON.parse(r.stdout.trim())).toThrow();
  });
});
