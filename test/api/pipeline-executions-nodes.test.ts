import { afterAll, describe, expect, it } from 'vitest';
import { startApp, TestClock, type TestApp } from '../helpers/app.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { createPgSchema } from '../helpers/pg.js';
import { execute, publishedProject } from '../helpers/executions.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Two nodes on one PostgreSQL database, both running the execution worker, sharing one clock
// (frozen; the test moves it). Runs advance only by the workers (the test reads the rows).
describe('pipeline executions across nodes [postgres]', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('two workers advance runs with no double advancement; a node that dies mid-run loses none (its leases run out, the other resumes)', async () => {
    const schema = await createPgSchema();
    cleanup.push(schema.drop);
    const clock = new TestClock(new Date(), 0);
    const masterKey = generateMasterKey();
    const start = (nodeId: string) => startApp('postgres', { databaseUrl: schema.url, clock, masterKey, appOptions: { scheduleRotation: true, nodeId } });
    const a: TestApp = await start('node-a');
    const b: TestApp = await start('node-b');
    cleanup.push(() => b.app.close());
    let aOpen = true;
    cleanup.push(async () => {
      if (aOpen) await a.app.close();
    });
    const token = await a.adminToken();
    const projectId = await publishedProject(a, token);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await execute(i % 2 ? b : a, token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.stepDelayMs': '1000' } }));

    const db = b.app.store.db;
    const rows = () => db.selectFrom('pipeline_executions').select(['id', 'status', 'lease_owner']).where('id', 'in', ids).execute();
    const owners = new Set<string>();
    let heldByA: string[] = [];
    for (let tick = 0; tick < 200; tick++) {
      await sleep(60);
      const now = await rows();
      now.forEach((r) => r.lease_owner && owners.add(r.lease_owner));
      if (now.every((r) => r.status === 'SUCCESS')) break;
      if (tick === 4 && aOpen) {
        // Node A dies mid-run: its app stops with leases still held.
        heldByA = now.filter((r) => r.lease_owner === 'node-a' && r.status === 'RUNNING').map((r) => r.id);
        await a.app.close();
        aOpen = false;
        continue;
      }
      // Between steps the clock moves one step; after A's death, past the lease (30 s) once.
      clock.advance(tick === 6 ? 31_000 : 1000);
    }
    expect(owners).toEqual(new Set(['node-a', 'node-b']));
    expect(heldByA.length).toBeGreaterThan(0);
    const final = await db.selectFrom('pipeline_executions').selectAll().where('id', 'in', ids).execute();
    expect(final.map((r) => r.status)).toEqual(ids.map(() => 'SUCCESS'));
    for (const r of final) {
      const steps = await db.selectFrom('pipeline_execution_steps').selectAll().where('execution_id', '=', r.id).orderBy('seq').execute();
      // Each step once, in order, each taking exactly its 1000 ms of simulated time.
      expect(steps.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(steps.every((s) => s.status === 'SUCCESS')).toBe(true);
      expect(steps.map((s) => Date.parse(s.finished_at!) - Date.parse(s.started_at))).toEqual(steps.map(() => 1000));
      expect(r.steps_run).toBe(10);
    }
    expect([...a.logs, ...b.logs].filter((l) => l.includes('worker pass failed'))).toEqual([]);
  }, 90_000);

  it('concurrent reads on two nodes (no workers) advance a run once: every step exactly once', async () => {
    const schema = await createPgSchema();
    cleanup.push(schema.drop);
    const clock = new TestClock(new Date(), 0);
    const masterKey = generateMasterKey();
    const a = await startApp('postgres', { databaseUrl: schema.url, clock, masterKey, appOptions: { nodeId: 'reader-a' } });
    cleanup.push(() => a.app.close());
    const b = await startApp('postgres', { databaseUrl: schema.url, clock, masterKey, appOptions: { nodeId: 'reader-b' } });
    cleanup.push(() => b.app.close());
    const token = await a.adminToken();
    const projectId = await publishedProject(a, token);
    const id = await execute(a, token, projectId, { pipelineName: 'AI/Barista Reviews/_Parent Job - Barista Reviews', scalarVariables: { 'plinth.stepDelayMs': '1000' } });
    for (let round = 0; round < 40; round++) {
      clock.advance(1000);
      const reads = Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).inject({ method: 'GET', url: `/v1/projects/${projectId}/pipeline-executions/${id}${i % 3 === 0 ? '/steps' : ''}`, token }));
      for (const r of await Promise.all(reads)) expect(r.statusCode, r.body).toBe(200);
      // The lease is sticky: once node A (or B) took the run, the other waits out 30 s of clock.
      if (round % 10 === 9) clock.advance(31_000);
      const row = await a.app.store.db.selectFrom('pipeline_executions').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.status === 'SUCCESS') break;
    }
    const db = a.app.store.db;
    const tree = await db.selectFrom('pipeline_executions').select(['id', 'status', 'steps_run', 'next_at', 'lease_owner', 'lease_until', 'state']).where((eb) => eb.or([eb('id', '=', id), eb('parent_id', '=', id)])).execute();
    expect(tree).toHaveLength(5);
    expect(tree.map((r) => r.status)).toEqual(tree.map(() => 'SUCCESS'));
    for (const r of tree) {
      const steps = await db.selectFrom('pipeline_execution_steps').select(['seq', 'status']).where('execution_id', '=', r.id).orderBy('seq').execute();
      expect(steps.map((s) => s.seq)).toEqual(steps.map((_, i) => i + 1));
      expect(steps.length).toBe(r.steps_run);
    }
  }, 90_000);
});
