import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { ADMIN_SECRET, describeEachDb, startApp, type DbKind } from '../helpers/app.js';
import { createPgSchema } from '../helpers/pg.js';

describeEachDb(
  'API rate limit',
  (t) => {
    it('answers 429 ProblemDetail with Retry-After past PLINTH_RATE_LIMIT_PER_MINUTE per credential', async () => {
      const token = await t().adminToken();
      // The budget is per credential across every operation (the SaaS's limit is per caller):
      // creating this credential spent one of the admin's three requests.
      const other = await t().tokenFor('SUPER_ADMIN');
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await t().inject({ method: 'GET', url: '/v1/projects', token });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last!.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // Another credential has its own budget.
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: other })).statusCode).toBe(200);
    });
  },
  { env: { PLINTH_RATE_LIMIT_PER_MINUTE: '3' } },
);

describeEachDb('logging', (t) => {
  it('never logs bearer tokens, Authorization headers or secret-looking query values', async () => {
    const token = await t().adminToken();
    await t().inject({ method: 'GET', url: '/v1/projects?client_secret=hunter2hunter2&page=0', token });
    await t().inject({ method: 'GET', url: '/v1/projects', token: `${token}x` });
    const all = t().logs.join('\n');
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain('hunter2hunter2');
    expect(all).not.toContain(ADMIN_SECRET);
    expect(all).toContain('client_secret=%5BREDACTED%5D');
    // Public auth errors are generic; the reason is in the log.
    expect(all).toMatch(/"reason":"signature verification failed"/);
  });
});

describeEachDb('readiness', (t) => {
  it('/readyz is 503 when the database is gone, /healthz stays 200', async () => {
    const db = t().app.store as { ping: () => Promise<void> };
    const ping = db.ping;
    db.ping = async () => {
      throw new Error('connection refused');
    };
    try {
      const r = await t().inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(r.body).not.toContain('connection refused');
      expect((await t().inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      db.ping = ping;
    }
  });
});

describe('bootstrap credential across restarts', () => {
  for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
    it(`[${kind}] is idempotent, and a changed secret replaces the old one`, async () => {
      const masterKey = generateMasterKey();
      let url: string;
      let drop = async () => {};
      if (kind === 'sqlite') url = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'plinth-boot-')), 'p.db')}`;
      else ({ url, drop } = await createPgSchema());
      const env = (secret: string) => ({ PLINTH_BOOTSTRAP_CLIENT_ID: 'boot', PLINTH_BOOTSTRAP_CLIENT_SECRET: secret });
      try {
        const a = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-secret-000000') });
        const projectId = (await a.inject({ method: 'POST', url: '/v1/projects', token: await a.tokenWith('boot', 'first-secret-000000'), body: { name: 'kept', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } })).json().projectId;
        await a.app.close();
        const b = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-secret-000000') });
        expect(await b.tokenWith('boot', 'first-secret-000000')).toMatch(/^ey/);
        await b.app.close();
        const c = await startApp(kind, { databaseUrl: url, masterKey, env: env('second-secret-00000') });
        await expect(c.tokenWith('boot', 'first-secret-000000')).rejects.toThrow(/401/);
        const tok = await c.tokenWith('boot', 'second-secret-00000');
        expect((await c.inject({ method: 'GET', url: `/v1/projects/${projectId}`, token: tok })).statusCode).toBe(200);
        const rows = await c.app.store.db.selectFrom('api_credentials').selectAll().where('client_id', '=', 'boot').execute();
        expect(rows).toHaveLength(1);
        await c.app.close();
      } finally {
        await drop();
      }
    });
  }
});
