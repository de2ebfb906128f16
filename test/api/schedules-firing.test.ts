import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, TestClock, type TestApp } from '../helpers/app.js';
import { CONTROLS_ENV } from '../helpers/controls.js';
import { advance, body, PIPELINE, publishedProject, runsOf, START } from '../helpers/schedule-firing.js';
import { ok, projectWithEnvironments } from '../helpers/schedules.js';

describeEachDb(
  'schedules: firing under the injectable clock',
  (t, kind) => {
    let token: string;
    let projectId: string;
    const url = (rest = '') => `/v1/projects/${projectId}/schedules${rest}`;
    const req = (method: string, u: string, b?: unknown) => t().inject({ method, url: u, token, body: b });
    const create = async (schedule: Record<string, unknown>, pipeline: Record<string, unknown> = {}) =>
      (await ok(await req('POST', url(), body({ pipeline: { pipelineName: `${PIPELINE}.orch.yaml`, ...pipeline }, schedule })), 201)).scheduleId as string;
    const get = async (id: string) => ok(await req('GET', url(`/${id}`)), 200);
    // Tokens expire on Plinth's clock: a fresh one after each move, as a client refreshes.
    const adv = async (by: Record<string, number>) => {
      const r = await advance(t(), by);
      token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      return r;
    };

    beforeAll(async () => {
      token = await t().adminToken();
      projectId = await publishedProject(t(), token);
    });

    it('fires each tick once with trigger SCHEDULE; lastRunAt/nextRunAt follow; missed ticks fire once', async () => {
      // Clock: 10:00:00 (frozen). Every 15 minutes from :00.
      const id = await create({ cronExpression: '0 0/15 * ? * *' });
      expect(await get(id)).toMatchObject({ lastRunAt: null, nextRunAt: '2026-03-20T10:15:00Z' });
      expect((await adv({ minutes: 14, seconds: 59 })).fired).toBe(0);
      const first = await adv({ seconds: 1 });
      expect(first).toMatchObject({ fired: 1, failed: 0 });
      expect(await get(id)).toMatchObject({ lastRunAt: '2026-03-20T10:15:00Z', nextRunAt: '2026-03-20T10:30:00Z' });
      let runs = await runsOf(t(), token, projectId, id);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ pipelineExecutionId: first.executions[0], trigger: 'SCHEDULE', scheduleId: id, startedAt: expect.stringMatching(/^2026-03-20T10:15:00/) });
      // Nothing more until the next tick, however often the job runs.
      expect((await adv({})).fired).toBe(0);
      // Down for an hour: 10:30, 10:45, 11:00, 11:15 were missed; one run, then on from 11:30.
      expect((await adv({ hours: 1 })).fired).toBe(1);
      expect(await get(id)).toMatchObject({ lastRunAt: '2026-03-20T11:15:00Z', nextRunAt: '2026-03-20T11:30:00Z' });
      runs = await runsOf(t(), token, projectId, id);
      expect(runs).toHaveLength(2);
      expect(runs.every((r) => r.trigger === 'SCHEDULE' && r.scheduleId === id)).toBe(true);
      await req('DELETE', url(`/${id}`));
    });

    it('respects scheduleEnabled and effectiveFrom', async () => {
      const now = Date.parse((await get(await create({ cronExpression: '0 * * ? * *' }))).effectiveFrom);
      const off = await create({ cronExpression: '0 * * ? * *', scheduleEnabled: false });
      const later = await create({ cronExpression: '0 * * ? * *', effectiveFrom: new Date(now + 10 * 60_000).toISOString() });
      // The first tick at or after effectiveFrom.
      const minute = Math.ceil((now + 10 * 60_000) / 60_000) * 60_000;
      expect((await get(later)).nextRunAt).toBe(new Date(minute).toISOString().slice(0, 19) + 'Z');
      await adv({ minutes: 5 });
      expect(await runsOf(t(), token, projectId, off)).toHaveLength(0);
      expect(await runsOf(t(), token, projectId, later)).toHaveLength(0);
      await adv({ minutes: 5 });
      expect(await runsOf(t(), token, projectId, later)).toHaveLength(1);
      // Enabled again: it fires from the next tick on, not for the ticks it slept through.
      await ok(await req('PATCH', url(`/${off}`), { name: 'on-again', cronExpression: '0 * * ? * *', scheduleEnabled: true }), 200);
      await adv({ minutes: 1 });
      expect(await runsOf(t(), token, projectId, off)).toHaveLength(1);
      for (const res of (await ok(await req('GET', `${url()}?size=100`), 200)).results) await req('DELETE', url(`/${res.scheduleId}`));
    });

    it('allowConcurrentExecutions false skips a tick while its run is active; true starts another', async () => {
      const hang = { scalarVariables: { 'plinth.hang': 'true' } };
      const single = await create({ cronExpression: '0 * * ? * *', allowConcurrentExecutions: false }, hang);
      const many = await create({ cronExpression: '0 * * ? * *' }, hang);
      expect((await adv({ minutes: 1 })).fired).toBe(2);
      const second = await adv({ minutes: 1 });
      expect(second).toMatchObject({ fired: 1, skipped: 1 });
      expect(await runsOf(t(), token, projectId, single)).toHaveLength(1);
      expect(await runsOf(t(), token, projectId, many)).toHaveLength(2);
      // A skipped tick is not a run: lastRunAt stays, nextRunAt moves on.
      const s = await get(single);
      expect(Date.parse(s.nextRunAt) - Date.parse(s.lastRunAt)).toBe(120_000);
      // Once the run ends (cancelled), the next tick fires again.
      const [run] = await runsOf(t(), token, projectId, single);
      await ok(await req('PATCH', `/v1/projects/${projectId}/pipeline-executions/${run!.pipelineExecutionId}`, { status: 'CANCELLED', forceUpdate: true }), 200);
      await adv({ minutes: 1 });
      expect(await runsOf(t(), token, projectId, single)).toHaveLength(2);
      await req('DELETE', url(`/${single}`));
      await req('DELETE', url(`/${many}`));
    });

    it('a tick whose pipeline is not published starts nothing and the schedule goes on', async () => {
      const id = await create({ cronExpression: '0 * * ? * *' }, { pipelineName: 'not/published' });
      const r = await adv({ minutes: 1 });
      expect(r).toMatchObject({ fired: 0, failed: 1 });
      const s = await get(id);
      expect(s.lastRunAt).toBeNull();
      expect(s.nextRunAt).not.toBeNull();
      expect(await runsOf(t(), token, projectId, id)).toHaveLength(0);
      expect(t().logs.some((l) => l.includes('schedule tick could not start a run'))).toBe(true);
      await req('DELETE', url(`/${id}`));
    });

    it('records schedule_created/updated/deleted and schedule_fired (source JOB) in the audit trail', async () => {
      const id = await create({ cronExpression: '0 * * ? * *' });
      await adv({ minutes: 1 });
      await ok(await req('PATCH', url(`/${id}`), { name: 'audited', cronExpression: '0 0 * ? * *' }), 200);
      await req('DELETE', url(`/${id}`));
      const events = await t().app.store.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).orderBy('event_id').execute();
      expect(events.map((e) => [e.event_name, e.event_source])).toEqual([
        ['schedule_created', 'API'],
        ['schedule_fired', 'JOB'],
        ['schedule_updated', 'API'],
        ['schedule_deleted', 'API'],
      ]);
      expect(kind).toBeDefined();
    });
  },
  { clock: new TestClock(new Date(START), 0), env: CONTROLS_ENV },
);

/**
 * A real database fault for one schedule's rows: a trigger that refuses inserts into `table`
 * whose `column` is `id` (so only the insert after the claim, inside the tick's transaction, fails).
 */
async function injectInsertFault(t: TestApp, table: 'pipeline_executions' | 'audit_events', column: string, id: string) {
  const db = t.app.store.db;
  const when = sql`NEW.${sql.ref(column)} = ${sql.lit(id)}`;
  if (t.kind === 'sqlite') {
    await sql`CREATE TRIGGER plinth_test_fault BEFORE INSERT ON ${sql.table(table)} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected fault'); END`.execute(db);
    return () => sql`DROP TRIGGER plinth_test_fault`.execute(db);
  }
  await sql`CREATE OR REPLACE FUNCTION plinth_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`.execute(db);
  await sql`CREATE TRIGGER plinth_test_fault BEFORE INSERT ON ${sql.table(table)} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION plinth_test_fault()`.execute(db);
  return () => sql`DROP TRIGGER plinth_test_fault ON ${sql.table(table)}`.execute(db);
}

describeEachDb(
  'schedules: a tick is claimed in the transaction that starts its run',
  (t) => {
    let token: string;
    let projectId: string;
    const url = (rest = '') => `/v1/projects/${projectId}/schedules${rest}`;
    const get = async (id: string) => ok(await t().inject({ method: 'GET', url: url(`/${id}`), token }), 200);
    const adv = async (by: Record<string, number>) => {
      const r = await advance(t(), by);
      token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      return r;
    };
    const fired = async (id: string) =>
      (await t().app.store.db.selectFrom('audit_events').select('event_name').where('subject_id', '=', id).where('event_name', '=', 'schedule_fired').execute()).length;

    beforeAll(async () => {
      token = await t().adminToken();
      projectId = await publishedProject(t(), token);
    });

    for (const [table, column] of [
      ['pipeline_executions', 'schedule_id'],
      ['audit_events', 'subject_id'],
    ] as const) {
      it(`an insert into ${table} failing after the claim rolls the claim back; a later pass fires the tick`, async () => {
        const { scheduleId: id } = await ok(await t().inject({ method: 'POST', url: url(), token, body: body({ pipeline: { pipelineName: PIPELINE }, schedule: { cronExpression: '0 * * ? * *' } }) }), 201);
        const before = await get(id);
        const heal = await injectInsertFault(t(), table, column, id);
        let healed = false;
        try {
          expect(await adv({ minutes: 1 })).toMatchObject({ fired: 0, failed: 1 });
          // Not consumed: the tick is still due, no run, no schedule_fired.
          expect(await get(id)).toMatchObject({ lastRunAt: null, nextRunAt: before.nextRunAt });
          expect(await runsOf(t(), token, projectId, id)).toHaveLength(0);
          expect(await fired(id)).toBe(0);
          expect(t().logs.some((l) => l.includes('schedule tick failed; it stays due'))).toBe(true);
          await heal();
          healed = true;
          // The next pass (no time passes) fires that same tick.
          const r = await adv({});
          expect(r).toMatchObject({ fired: 1, failed: 0 });
          const runs = await runsOf(t(), token, projectId, id);
          expect(runs.map((x) => x.pipelineExecutionId)).toEqual(r.executions);
          expect(await fired(id)).toBe(1);
          const after = await get(id);
          expect(Date.parse(after.lastRunAt)).toBeGreaterThanOrEqual(Date.parse(before.nextRunAt));
          expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.parse(before.nextRunAt));
        } finally {
          if (!healed) await heal();
          await t().inject({ method: 'DELETE', url: url(`/${id}`), token });
        }
      });
    }
  },
  { clock: new TestClock(new Date(START), 0), env: CONTROLS_ENV },
);

describeEachDb(
  'schedules: deleted with their environment',
  (t) => {
    let token: string;
    let projectId: string;
    const url = (rest = '') => `/v1/projects/${projectId}/schedules${rest}`;
    const create = async (environmentName: string) =>
      (await ok(await t().inject({ method: 'POST', url: url(), token, body: body({ pipeline: { environmentName }, schedule: { cronExpression: '0 * * ? * *' } }) }), 201)).scheduleId as string;
    const status = async (id: string) => (await t().inject({ method: 'GET', url: url(`/${id}`), token })).statusCode;
    const deleteEnv = (name: string) => t().inject({ method: 'DELETE', url: `/v1/projects/${projectId}/environments/${name}`, token });
    const events = (id: string) => t().app.store.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).orderBy('event_id').execute();

    beforeAll(async () => {
      token = await t().adminToken();
      ({ projectId } = await projectWithEnvironments(t(), token, ['production', 'dev', 'qa']));
    });

    it('deleting an environment deletes its schedules (one schedule_deleted each) and no other', async () => {
      const dev = [await create('dev'), await create('dev')];
      const prod = await create('production');
      expect((await deleteEnv('dev')).statusCode).toBe(204);
      for (const id of dev) {
        expect(await status(id)).toBe(404);
        const ev = await events(id);
        expect(ev.map((e) => [e.event_name, e.event_type])).toEqual([
          ['schedule_created', 'CREATE'],
          ['schedule_deleted', 'DELETE'],
        ]);
        expect(JSON.parse(String(ev[1]!.additional_info))).toMatchObject({ environmentName: 'dev', reason: 'environment_deleted' });
      }
      expect(await status(prod)).toBe(200);
      const list = await ok(await t().inject({ method: 'GET', url: `${url()}?size=100`, token }), 200);
      expect(list.results.map((r: { scheduleId: string }) => r.scheduleId)).toEqual([prod]);
      // Nothing of the deleted environment is left to fire (and fail) on a tick.
      expect((await t().inject({ method: 'DELETE', url: url(`/${prod}`), token })).statusCode).toBe(204);
      expect(await advance(t(), { minutes: 1 })).toMatchObject({ fired: 0, failed: 0, lost: 0 });
    });

    it('the schedules go in the environment\'s transaction: a failure deleting them keeps both', async () => {
      token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const id = await create('qa');
      const heal = await injectInsertFault(t(), 'audit_events', 'subject_id', id);
      try {
        expect((await deleteEnv('qa')).statusCode).toBe(500);
      } finally {
        await heal();
      }
      expect(await status(id)).toBe(200);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/environments/qa`, token })).statusCode).toBe(200);
      expect((await events(id)).map((e) => e.event_name)).toEqual(['schedule_created']);
      expect((await deleteEnv('qa')).statusCode).toBe(204);
      expect(await status(id)).toBe(404);
    });
  },
  { clock: new TestClock(new Date(START), 0), env: CONTROLS_ENV },
);

describeEachDb(
  'schedules: time zones and daylight saving',
  (t) => {
    it('noon in Dublin fires at 12:00Z before the spring change and 11:00Z after it', async () => {
      let token = await t().adminToken();
      const adv = async (by: Record<string, number>) => {
        const r = await advance(t(), by);
        token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
        return r;
      };
      const projectId = await publishedProject(t(), token);
      const { scheduleId } = await ok(
        await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/schedules`, token, body: body({ pipeline: { pipelineName: PIPELINE }, schedule: { cronExpression: '0 0 12 * * ?', cronTimezone: 'Europe/Dublin' } }) }),
        201,
      );
      const read = async () => ok(await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/schedules/${scheduleId}`, token }), 200);
      expect((await read()).nextRunAt).toBe('2026-03-28T12:00:00Z');
      expect((await adv({ hours: 6 })).fired).toBe(1); // 12:00Z
      expect(await read()).toMatchObject({ lastRunAt: '2026-03-28T12:00:00Z', nextRunAt: '2026-03-29T11:00:00Z' });
      expect((await adv({ hours: 22, minutes: 59 })).fired).toBe(0); // 10:59Z on the 29th
      expect((await adv({ minutes: 1 })).fired).toBe(1);
      expect(await read()).toMatchObject({ lastRunAt: '2026-03-29T11:00:00Z', nextRunAt: '2026-03-30T11:00:00Z' });
    });
  },
  { clock: new TestClock(new Date('2026-03-28T06:00:00.000Z'), 0), env: CONTROLS_ENV },
);
