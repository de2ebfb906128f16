import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../../src/core/db/db.js';
import { noAudit } from '../../src/core/audit.js';
import { createTokenRotation } from '../../src/resources/repositories/token-rotation.js';
import { PrivatePg } from '../reliability/lib/pg-cluster.js';
import { startApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 11, points 1–2, in-process: the database goes away under a running app. On a private
 * PostgreSQL cluster this test creates (never the machine's own), stopped `fast` (the server
 * terminates every backend: 57P01 to connections in use and idle) and `immediate` (connections
 * cut): the process must not see an unhandled 'error' event (vitest fails the run on one),
 * requests that need the database answer 503 + Retry-After (problem+json; RFC 6749 JSON with
 * `temporarily_unavailable` at the token endpoint), and the first request after the database is
 * back succeeds without a restart. On SQLite, a write that stays locked past the busy timeout
 * is 503 too. Background jobs (GitLab token rotation) log and retry with backoff.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const expect503 = (r: { statusCode: number; headers: Record<string, unknown>; json(): any }) => {
  expect(r.statusCode).toBe(503);
  expect(r.headers['retry-after']).toBe('5');
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(r.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
};

describe('isDatabaseUnavailable', () => {
  it('classifies connection loss, shutdown and busy as unavailable, and nothing else', () => {
    const e = (code: string | undefined, message = 'x') => Object.assign(new Error(message), code ? { code } : {});
    for (const err of [
      e('ECONNREFUSED'),
      e('ECONNRESET'),
      e('57P01', 'terminating connection due to administrator command'),
      e('57P03', 'the database system is starting up'),
      e('08006'),
      e(undefined, 'Connection terminated unexpectedly'),
      e(undefined, 'timeout exceeded when trying to connect'),
      e('SQLITE_BUSY'),
      new Error('wrapped', { cause: e('ECONNREFUSED') }),
    ])
      expect(isDatabaseUnavailable(err), String((err as any).code ?? err.message)).toBe(true);
    for (const err of [e('23505'), e('22021'), e('SQLITE_CONSTRAINT_UNIQUE'), new TypeError('x'), null, undefined, 'ECONNREFUSED'])
      expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('PostgreSQL stopped and started under a running app (private cluster)', () => {
  let cluster: PrivatePg;
  let t: TestApp;
  let token: string;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    cluster = await PrivatePg.create();
    await cluster.start();
    t = await startApp('postgres', { databaseUrl: cluster.url() });
    token = await t.adminToken();
    process.on('uncaughtException', onUncaught);
  }, 120_000);
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await t?.close().catch(() => {});
    await cluster?.destroy();
  }, 60_000);

  const projects = () => t.inject({ method: 'GET', url: '/v1/projects?size=1', token });
  const create = (name: string) => t.inject({ method: 'POST', url: '/v1/projects', token, body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
  const tokenRequest = () =>
    t.app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=test-admin&client_secret=test-admin-secret-0123456789',
    });

  for (const mode of ['fast', 'immediate'] as const) {
    it(`${mode} stop: no unhandled error, 503 + Retry-After while down, 2xx within 5 s of the return, nothing acknowledged lost`, async () => {
      const before = await create(`before-${mode}`);
      expect(before.statusCode).toBe(201);

      // Connections in use when the database goes: a transaction holding a client, and requests in flight.
      const held = t.app.store.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await sleep(1500);
        await sql`select 1`.execute(trx);
      });
      held.catch(() => {});
      const inFlight = Array.from({ length: 8 }, (_, i) => (i % 2 ? projects() : create(`inflight-${mode}-${i}`)));
      await sleep(200);
      await cluster.stop(mode);
      await expect(held).rejects.toSatisfy(isDatabaseUnavailable);
      for (const r of await Promise.all(inFlight)) expect([200, 201, 503]).toContain(r.statusCode);

      // While it is down.
      expect503(await projects());
      expect503(await create(`during-${mode}`));
      const ready = await t.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      const tk = await tokenRequest();
      expect(tk.statusCode).toBe(503);
      expect(tk.headers['retry-after']).toBe('5');
      expect(tk.json()).toMatchObject({ error: 'temporarily_unavailable' });

      // Back: the first 2xx comes without restarting anything.
      await cluster.start();
      const back = Date.now();
      let ok = 0;
      while (Date.now() - back < 10_000) {
        const r = await projects();
        if (r.statusCode === 200) {
          ok = Date.now() - back;
          break;
        }
        expect(r.statusCode).toBe(503);
        await sleep(50);
      }
      expect(ok).toBeGreaterThan(0);
      expect(ok).toBeLessThanOrEqual(5000);
      expect((await tokenRequest()).statusCode).toBe(200);
      expect((await t.inject({ method: 'GET', url: `/v1/projects/${before.json().projectId}`, token })).statusCode).toBe(200);
      expect(uncaught).toEqual([]);
      // The pool said what happened, without a stack per connection.
      expect(t.logs.join('')).toMatch(/database connection lost|database unavailable/);
    }, 90_000);
  }

  it('the credential listener reconnects after the restarts', async () => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !t.logs.some((l) => l.includes('credential change listener reconnected'))) await sleep(200);
    expect(t.logs.some((l) => l.includes('credential change listener reconnected'))).toBe(true);
  }, 30_000);
});

describe('SQLite: a write locked past the busy timeout', () => {
  let dir: string;
  let t: TestApp;
  let other: SQLite.Database;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-busy-'));
    const file = path.join(dir, 'plinth.db');
    t = await startApp('sqlite', { databaseUrl: `sqlite:${file}` });
    other = new SQLite(file);
  });
  afterAll(async () => {
    other?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 + Retry-After, then works once the lock is gone', async () => {
    const token = await t.adminToken();
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'locked', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      expect503(r);
    } finally {
      other.exec('ROLLBACK');
    }
    const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'unlocked', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
    expect(r.statusCode).toBe(201);
  }, 30_000);
});

describe('GitLab token rotation while the database is away', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs, retries with backoff (5 s, 10 s, …) and carries on once the database is back', async () => {
    vi.useFakeTimers();
    const lines: any[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(JSON.parse(String(c))), cb()) }));
    let calls = 0;
    const repos = {
      due: async () => {
        calls++;
        if (calls <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return [];
      },
    };
    const job = createTokenRotation({ db: {} as any, audit: noAudit, repos: repos as any, gitlab: {} as any, vault: {} as any, clock: () => new Date(), logger, nodeId: 'n', intervalSeconds: 3600, firstRunDelayMs: 0 });
    job.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(9000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    // Back to the regular schedule: no more retries.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
    await job.stop();
    const skipped = lines.filter((l) => l.msg === 'rotation run skipped: the database is unavailable');
    expect(skipped.map((l) => l.retryInMs)).toEqual([5000, 10000]);
    expect(skipped.every((l) => l.level === 40)).toBe(true);
  });
});
