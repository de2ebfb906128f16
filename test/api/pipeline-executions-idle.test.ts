import { afterAll, describe, expect, it } from 'vitest';
import { startApp, TestClock, type TestApp } from '../helpers/app.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { createPgSchema } from '../helpers/pg.js';
import { execute, publishedProject } from '../helpers/executions.js';
import { WORKER_IDLE_AFTER, WORKER_INTERVAL_MS } from '../../src/resources/pipeline-executions/engine.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Long enough for the worker to have found nothing WORKER_IDLE_AFTER times in a row, with margin.
const UNTIL_IDLE_MS = WORKER_IDLE_AFTER * WORKER_INTERVAL_MS * 2 + 500;
// An idle interval no test outlasts: a run advanced while a worker idles was woken, or read.
const IDLE_MS = 600_000;

async function statusOf(t: TestApp, id: string) {
  const row = await t.app.store.db.selectFrom('pipeline_executions').select(['status', 'steps_run']).where('id', '=', id).executeTakeFirstOrThrow();
  return row;
}

/** The row once it has succeeded, or as it stands after 5 s (read from the database only). */
async function untilSuccess(t: TestApp, id: string) {
  let row = await statusOf(t, id);
  for (let i = 0; i < 250 && row.status !== 'SUCCESS'; i++) {
    await sleep(20);
    row = await statusOf(t, id);
  }
  return row;
}

// The executions worker with no active run asks only every WORKER_IDLE_MS (here IDLE_MS); a run
// this node creates wakes it. Runs are only read from the database here (an API read would
// advance them itself).
describe.each(['sqlite', 'postgres'] as const)('the executions worker when idle [%s]', (kind) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('a run this node creates wakes its idle worker, which advances it to the end', async () => {
    const t = await startApp(kind, { appOptions: { scheduleRotation: true, executionsIdleMs: IDLE_MS } });
    cleanup.push(() => t.close());
    const token = await t.adminToken();
    const projectId = await publishedProject(t, token);
    await sleep(UNTIL_IDLE_MS);
    const id = await execute(t, token, projectId, { pipelineName: 'plinth/Ten Steps' });
    expect(await untilSuccess(t, id)).toEqual({ status: 'SUCCESS', steps_run: 10 });
    // And again, once it has idled after that run.
    await sleep(UNTIL_IDLE_MS);
    const again = await execute(t, token, projectId, { pipelineName: 'plinth/Ten Steps' });
    expect(await untilSuccess(t, again)).toEqual({ status: 'SUCCESS', steps_run: 10 });
  }, 30_000);
});

describe('the executions worker when idle, across nodes [postgres]', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('an idle worker does not look for runs at the busy pace: a run another node created waits for it', async () => {
    const schema = await createPgSchema();
    cleanup.push(schema.drop);
    const masterKey = generateMasterKey();
    // One clock for both nodes, so that a run B creates is due for A at once.
    const clock = new TestClock(new Date(), 1);
    // A runs the worker; B, which creates the run, runs none (so nothing wakes A).
    const a = await startApp('postgres', { databaseUrl: schema.url, masterKey, clock, appOptions: { scheduleRotation: true, executionsIdleMs: IDLE_MS, nodeId: 'node-a' } });
    cleanup.push(() => a.close());
    const b = await startApp('postgres', { databaseUrl: schema.url, masterKey, clock, appOptions: { nodeId: 'node-b' } });
    cleanup.push(() => b.close());
    const token = await b.adminToken();
    const projectId = await publishedProject(b, token);
    await sleep(UNTIL_IDLE_MS);
    const id = await execute(b, token, projectId, { pipelineName: 'plinth/Ten Steps' });
    // At the busy pace (every 25 ms) A would have finished it many times over.
    await sleep(40 * WORKER_INTERVAL_MS);
    expect(await statusOf(b, id)).toEqual({ status: 'RUNNING', steps_run: 0 });
    // A read advances it anyway (engine.ts): nobody waits on an idle worker.
    const r = await b.inject({ method: 'GET', url: `/v1/projects/${projectId}/pipeline-executions/${id}`, token });
    expect(r.statusCode).toBe(200);
    expect(await statusOf(b, id)).toEqual({ status: 'SUCCESS', steps_run: 10 });
  }, 30_000);
});
