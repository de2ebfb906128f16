import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer, PlinthControlError } from '../src/index.js';
import { createPgSchema } from './helpers/pg.js';
import { generateMasterKey } from '../src/core/crypto/vault.js';

/** The package entry: `createServer` (import { createServer } from 'plinth'). */

const ROOT = path.resolve(import.meta.dirname, '..');

const get = async (url: string, token: string) => {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as any };
};

describe('createServer', () => {
  it('listens on a free port of 127.0.0.1 on an in-memory database, with its own credential and the controls on', async () => {
    const a = await createServer();
    const b = await createServer({ clientId: 'fixed-admin', clientSecret: 'fixed-admin-secret-0123' });
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.url).not.toBe(b.url);
      expect(a.baseUrl).toBe(`${a.url}/dpc`);
      expect(a.tokenUrl).toBe(`${a.url}/oauth/dpc/token`);
      expect(b.clientId).toBe('fixed-admin');
      expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
      // Two instances, two databases.
      await a.controls.seed({ projects: [{ name: 'only-in-a', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }] });
      expect((await get(`${a.baseUrl}/v1/projects`, await a.token())).body.total).toBe(1);
      expect((await get(`${b.baseUrl}/v1/projects`, await b.token())).body.total).toBe(0);
      // The controls, typed.
      expect((await a.controls.snapshot('s')).rows).toBeGreaterThan(0);
      await a.controls.reset();
      expect((await get(`${a.baseUrl}/v1/projects`, await a.token())).body.total).toBe(0);
      await a.controls.restore('s');
      expect((await get(`${a.baseUrl}/v1/projects`, await a.token())).body.total).toBe(1);
      const rule = await a.controls.faults.add({ match: { operationId: 'listProjects' }, status: 503, times: 1 });
      expect(rule.id).toMatch(/^fault-/);
      expect((await get(`${a.baseUrl}/v1/projects`, await a.token())).status).toBe(503);
      expect((await a.controls.clock.set('2030-01-01T00:00:00Z', { frozen: true })).now).toBe('2030-01-01T00:00:00.000Z');
      expect((await a.controls.clock.advance({ days: 1, runJobs: false })).clock.now).toBe('2030-01-02T00:00:00.000Z');
      await expect(a.controls.restore('missing')).rejects.toMatchObject({ name: 'PlinthControlError', status: 404 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('takes a fixed clock, a seed and extra variables; controls off means 404', async () => {
    const p = await createServer({ clock: new Date('2031-05-06T07:08:09Z'), controls: false, env: { PLINTH_METRICS: '0' } });
    try {
      const token = await p.token();
      const r = await fetch(`${p.baseUrl}/v1/api-credentials`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', role: 'MEMBER' }) });
      expect((await r.json()).createdAt).toBe('2031-05-06T07:08:09.000Z');
      await expect(p.controls.reset()).rejects.toBeInstanceOf(PlinthControlError);
      expect((await fetch(`${p.url}/metrics`)).status).toBe(404);
    } finally {
      await p.close();
    }
    await expect(createServer({ seed: { projects: [{ name: 'bad' }] } })).rejects.toMatchObject({ status: 400 });
  });

  it('applies a declarative project file (the YAML of plinth apply), idempotently', async () => {
    const p = await createServer();
    try {
      const file = path.join(ROOT, 'examples/cli/quickstart.yaml');
      const counts = await p.apply({ file });
      expect(counts.create).toBeGreaterThanOrEqual(3);
      const token = await p.token();
      const projects = (await get(`${p.baseUrl}/v1/projects`, token)).body.results;
      expect(projects.map((x: any) => x.name)).toEqual(['quickstart']);
      expect((await get(`${p.baseUrl}/v1/projects/${projects[0].id}/environments/dev`, token)).status).toBe(200);
      // Applying again changes nothing.
      expect(Object.values(await p.apply({ file })).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await p.close();
    }
  });

  it('runs on PostgreSQL when given one (the controls explicitly allowed)', async () => {
    const schema = await createPgSchema();
    const p = await createServer({ database: schema.url, env: { PLINTH_MASTER_KEY: generateMasterKey(), PLINTH_CONTROLS_ALLOW_POSTGRES: '1' } });
    try {
      await p.controls.seed({ apiCredentials: [{ name: 'pg-cred', role: 'ADMIN' }] });
      const { durationMs } = await p.controls.reset();
      expect(durationMs).toEqual(expect.any(Number));
      expect((await get(`${p.baseUrl}/v1/api-credentials`, await p.token())).body.total).toBe(1);
    } finally {
      await p.close();
      await schema.drop();
    }
    await expect(createServer({ database: schema.url, env: { PLINTH_MASTER_KEY: generateMasterKey() } })).rejects.toThrow(/refused on PostgreSQL/);
  });
});
