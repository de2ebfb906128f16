import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { DB_KINDS, describeEachDb, startApp, TestClock, type TestApp } from '../helpers/app.js';
import { CONTROLS_ENV } from '../helpers/controls.js';
import { createPgSchema } from '../helpers/pg.js';
import { advance, body, PIPELINE, publishedProject, runsOf, START } from '../helpers/schedule-firing.js';
import { ok } from '../helpers/schedules.js';
import { sharedDatabase } from '../helpers/shared-db.js';

// The schedules job on several nodes sharing one database, and with the nodes' own timers.

describe.each(DB_KINDS)('schedules: two nodes on one database fire each tick once [%s]', (kind) => {
  const clock = new TestClock(new Date(START), 0);
  let a: TestApp;
  let b: TestApp;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const { url, drop } = await sharedDatabase(kind, 'plinth-schedules');
    cleanup = drop;
    const masterKey = generateMasterKey();
    a = await startApp(kind, { databaseUrl: url, masterKey, clock, env: CONTROLS_ENV, appOptions: { nodeId: 'node-a' } });
    b = await startApp(kind, { databaseUrl: url, masterKey, clock, env: CONTROLS_ENV, appOptions: { nodeId: 'node-b' } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup?.();
  });

  it('both nodes run the job on every tick; every schedule gets exactly one run per tick', async () => {
    const token = await a.adminToken();
    const projectId = await publishedProject(a, token);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await a.inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: body({ pipeline: { pipelineName: PIPELINE }, schedule: { cronExpression: '0 * * ? * *' } }) });
      ids.push((await ok(r, 201)).scheduleId);
    }
    const rounds = 4;
    for (let round = 1; round <= rounds; round++) {
      clock.advance(60_000);
      // Both nodes' jobs race for the same due ticks (the clock they share has moved; each runs its job).
      const [ra, rb] = await Promise.all([advance(a, {}), advance(b, {})]);
      expect(ra.fired + rb.fired, `round ${round}`).toBe(ids.length);
      expect(ra.failed + rb.failed).toBe(0);
      // A third pass finds nothing due.
      expect((await advance(b, {})).fired).toBe(0);
    }
    const db = a.app.store.db;
    const runs = await db.selectFrom('pipeline_executions').select(['schedule_id', 'trigger']).where('schedule_id', 'in', ids).execute();
    expect(runs).toHaveLength(ids.length * rounds);
    for (const id of ids) expect(runs.filter((r) => r.schedule_id === id)).toHaveLength(rounds);
    expect(runs.every((r) => r.trigger === 'SCHEDULE')).toBe(true);
    const read = await ok(await b.inject({ method: 'GET', url: `/v1/projects/${projectId}/schedules/${ids[0]}`, token }), 200);
    expect(read).toMatchObject({ lastRunAt: '2026-03-20T10:04:00Z', nextRunAt: '2026-03-20T10:05:00Z' });
  });
});

describeEachDb(
  'schedules: the background job fires on its own when jobs run',
  (t) => {
    it('a due tick fires within the job interval, with no call from the test', async () => {
      const token = await t().adminToken();
      const projectId = await publishedProject(t(), token);
      const { scheduleId } = await ok(
        await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: body({ pipeline: { pipelineName: PIPELINE }, schedule: { cronExpression: '0 * * ? * *' } }) }),
        201,
      );
      t().clock.advance(60_000);
      let runs: unknown[] = [];
      for (let i = 0; i < 50 && runs.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        runs = await runsOf(t(), token, projectId, scheduleId);
      }
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'SCHEDULE', scheduleId });
    });
  },
  { clock: new TestClock(new Date(START), 0), appOptions: { scheduleRotation: true } },
);

describe('schedules: two nodes with their background jobs on [postgres]', () => {
  const clock = new TestClock(new Date(START), 0);
  const nodes: TestApp[] = [];
  let drop: () => Promise<void>;
  afterAll(async () => {
    for (const n of nodes) await n.close();
    await drop?.();
  });

  it('the nodes’ own timers race for each tick and start exactly one run per schedule per tick', async () => {
    const s = await createPgSchema();
    drop = s.drop;
    const masterKey = generateMasterKey();
    for (const nodeId of ['node-a', 'node-b']) nodes.push(await startApp('postgres', { databaseUrl: s.url, masterKey, clock, appOptions: { nodeId, scheduleRotation: true } }));
    const [a, b] = nodes as [TestApp, TestApp];
    const token = await a.adminToken();
    const projectId = await publishedProject(a, token);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ok(await b.inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: body({ pipeline: { pipelineName: PIPELINE }, schedule: { cronExpression: '0 * * ? * *' } }) }), 201)).scheduleId);
    const count = async () => Number((await a.app.store.db.selectFrom('pipeline_executions').select((eb) => eb.fn.countAll().as('n')).where('schedule_id', 'in', ids).executeTakeFirstOrThrow()).n);
    for (let round = 1; round <= 2; round++) {
      clock.advance(60_000);
      for (let i = 0; i < 60 && (await count()) < ids.length * round; i++) await new Promise((r) => setTimeout(r, 100));
      // Two more job intervals of both nodes: nothing else may fire for this tick.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await count(), `round ${round}`).toBe(ids.length * round);
    }
  }, 60_000);
});
