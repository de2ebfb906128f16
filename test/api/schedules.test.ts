import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { ADMIN_ID, ADMIN_SECRET, DB_KINDS, describeEachDb, startApp, TestClock, type TestApp } from '../helpers/app.js';
import { dpcFixtures, publishLikePublishPy } from '../helpers/artifacts.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';
import { createPgSchema } from '../helpers/pg.js';
import { ok, projectWithEnvironments } from '../helpers/schedules.js';
import { sharedDatabase } from '../helpers/shared-db.js';

const START = '2026-03-20T10:00:00.000Z'; // a Friday
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const body = (over: { pipeline?: Record<string, unknown>; schedule?: Record<string, unknown> } = {}) => ({
  pipeline: { pipelineName: 'nightly-load', environmentName: 'production', ...over.pipeline },
  schedule: { name: `s-${randomUUID().slice(0, 8)}`, cronExpression: '0 0 12 ? * MON-FRI', ...over.schedule },
});

describeEachDb(
  'schedules: CRUD as documented',
  (t) => {
    let token: string;
    let projectId: string;
    const url = (rest = '') => `/v1/projects/${projectId}/schedules${rest}`;
    const req = (method: string, u: string, b?: unknown, tok = token) => t().inject({ method, url: u, token: tok, body: b });

    beforeAll(async () => {
      token = await t().adminToken();
      ({ projectId } = await projectWithEnvironments(t(), token, ['production', 'dev']));
    });

    it('creates (201 {scheduleId}) and reads back every documented field', async () => {
      const created = await ok(
        await req('POST', url(), body({ pipeline: { pipelineName: 'nightly-load.orch.yaml', versionName: 'v1' }, schedule: { name: 'Nightly', cronTimezone: 'Europe/Dublin', effectiveFrom: '2026-03-20T13:30:00+01:00' } })),
        201,
      );
      expect(Object.keys(created)).toEqual(['scheduleId']);
      const s = await ok(await req('GET', url(`/${created.scheduleId}`)), 200);
      expect(s).toEqual({
        scheduleId: created.scheduleId,
        name: 'Nightly',
        pipelineName: 'nightly-load',
        environmentName: 'production',
        versionName: 'v1',
        cronExpression: '0 0 12 ? * MON-FRI',
        cronTimezone: 'Europe/Dublin',
        effectiveFrom: '2026-03-20T12:30:00Z',
        scheduleEnabled: true,
        allowConcurrentExecutions: true,
        lastRunAt: null,
        // Noon in Dublin on Monday 23 March (still winter time: UTC+0); Friday's noon is before effectiveFrom.
        nextRunAt: '2026-03-23T12:00:00Z',
        scalarVariables: {},
        gridVariables: {},
      });
      // An upper-case id names the same schedule.
      expect((await ok(await req('GET', url(`/${created.scheduleId.toUpperCase()}`)), 200)).scheduleId).toBe(created.scheduleId);
    });

    it('defaults: UTC, effectiveFrom = creation time, enabled; the 7-field documented example', async () => {
      const { scheduleId } = await ok(await req('POST', url(), body({ schedule: { cronExpression: '0 * * ? * * *' } })), 201);
      const s = await ok(await req('GET', url(`/${scheduleId}`)), 200);
      expect(s.cronTimezone).toBe('UTC');
      expect(s.scheduleEnabled).toBe(true);
      expect(s.effectiveFrom).toMatch(UTC_SECONDS);
      expect(s.nextRunAt).toMatch(UTC_SECONDS);
      expect(Date.parse(s.nextRunAt) - Date.parse(t().clock.now.toISOString())).toBeLessThanOrEqual(60_000);
    });

    it('refuses bad input with a 400 naming the field and the rule (never a 5xx)', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [body({ schedule: { cronExpression: 0 } }), /body\.schedule\.cronExpression/],
        [body({ schedule: { cronExpression: '0 0 12 * * MON' } }), /body\.schedule\.cronExpression: exactly one of day-of-month/],
        [body({ schedule: { cronExpression: '* * * * *' } }), /body\.schedule\.cronExpression: must have 6 or 7/],
        [body({ schedule: { cronExpression: '0 0 12 ? * 9' } }), /days of the week are 1 \(SUN\)/],
        [body({ schedule: { cronExpression: '0 0 12 1 1 ? 2020' } }), /body\.schedule\.cronExpression: never fires/],
        [body({ schedule: { cronTimezone: 'Mars/Olympus' } }), /body\.schedule\.cronTimezone: .*IANA time zone/],
        [body({ schedule: { effectiveFrom: 'tomorrow' } }), /body\.schedule\.effectiveFrom/],
        [body({ schedule: { name: '' } }), /body\.schedule\.name/],
        [{ pipeline: { environmentName: 'production' }, schedule: { name: 'x', cronExpression: '0 0 12 * * ?' } }, /pipelineName/],
        [{ pipeline: { pipelineName: 'p', environmentName: 'production' } }, /schedule/],
      ];
      for (const [b, rule] of cases) {
        const r = await req('POST', url(), b);
        expect(r.statusCode, JSON.stringify(b)).toBe(400);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.body, JSON.stringify(b)).toMatch(rule);
      }
    });

    it('unknown environment: 404 naming pipeline.environmentName; duplicate name: 409', async () => {
      const r = await req('POST', url(), body({ pipeline: { environmentName: 'nope' } }));
      expect(r.statusCode).toBe(404);
      expect(r.body).toMatch(/pipeline\.environmentName/);
      const b = body();
      await ok(await req('POST', url(), b), 201);
      const dup = await req('POST', url(), body({ schedule: { name: b.schedule.name } }));
      expect(dup.statusCode).toBe(409);
      expect(dup.body).toMatch(/schedule\.name/);
    });

    it('lists in the page envelope with an accurate total, walked with page/size until a short page', async () => {
      const { projectId: p } = await projectWithEnvironments(t(), token, ['production']);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await ok(await req('POST', `/v1/projects/${p}/schedules`, body()), 201)).scheduleId);
      const seen: string[] = [];
      for (let page = 0; ; page++) {
        const r = await ok(await req('GET', `/v1/projects/${p}/schedules?page=${page}&size=3`), 200);
        expect(r).toMatchObject({ page, size: 3, total: 7 });
        seen.push(...r.results.map((s: { scheduleId: string }) => s.scheduleId));
        if (r.results.length < 3) break;
      }
      expect(seen).toEqual(ids);
      const d = await ok(await req('GET', `/v1/projects/${p}/schedules`), 200);
      expect(d).toMatchObject({ page: 0, size: 25, total: 7 });
      // DataHub's fields are on every item.
      for (const s of d.results) for (const k of ['scheduleId', 'name', 'pipelineName', 'cronExpression', 'scheduleEnabled', 'environmentName']) expect(s).toHaveProperty(k);
      expect((await req('GET', `/v1/projects/${p}/schedules?size=0`)).statusCode).toBe(400);
      expect((await req('GET', `/v1/projects/${randomUUID()}/schedules`)).statusCode).toBe(404);
    });

    it('PATCH → 200 with the schedule; omitted fields keep their values; disabling clears nextRunAt', async () => {
      const { scheduleId } = await ok(await req('POST', url(), body({ schedule: { cronTimezone: 'America/New_York', allowConcurrentExecutions: false } })), 201);
      const patched = await ok(await req('PATCH', url(`/${scheduleId}`), { name: 'renamed', cronExpression: '0 30 9 ? * MON' }), 200);
      expect(patched).toMatchObject({ scheduleId, name: 'renamed', cronExpression: '0 30 9 ? * MON', cronTimezone: 'America/New_York', allowConcurrentExecutions: false, scheduleEnabled: true });
      expect(patched.nextRunAt).toBe('2026-03-23T13:30:00Z'); // 09:30 EDT
      expect(await ok(await req('GET', url(`/${scheduleId}`)), 200)).toEqual(patched);

      const off = await ok(await req('PATCH', url(`/${scheduleId}`), { name: 'renamed', cronExpression: '0 30 9 ? * MON', scheduleEnabled: false }), 200);
      expect(off).toMatchObject({ scheduleEnabled: false, nextRunAt: null });
      const on = await ok(await req('PATCH', url(`/${scheduleId}`), { name: 'renamed', cronExpression: '0 30 9 ? * MON', scheduleEnabled: true, allowConcurrentExecutions: true, cronTimezone: 'UTC' }), 200);
      expect(on).toMatchObject({ scheduleEnabled: true, allowConcurrentExecutions: true, nextRunAt: '2026-03-23T09:30:00Z' });

      expect((await req('PATCH', url(`/${scheduleId}`), { name: 'renamed' })).statusCode).toBe(400);
      const bad = await req('PATCH', url(`/${scheduleId}`), { name: 'renamed', cronExpression: 'every day' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/body\.cronExpression/);
      expect((await req('PATCH', url(`/${randomUUID()}`), { name: 'x', cronExpression: '0 0 12 * * ?' })).statusCode).toBe(404);
    });

    it('DELETE → 204, then 404 for every operation on it', async () => {
      const { scheduleId } = await ok(await req('POST', url(), body()), 201);
      const del = await req('DELETE', url(`/${scheduleId}`));
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      expect((await req('GET', url(`/${scheduleId}`))).statusCode).toBe(404);
      expect((await req('DELETE', url(`/${scheduleId}`))).statusCode).toBe(404);
      expect((await req('GET', url('/not-a-uuid'))).statusCode).toBe(400);
    });

    it('roles: a credential without a grant sees nothing (404); an agent token is refused (403)', async () => {
      const { scheduleId } = await ok(await req('POST', url(), body()), 201);
      const member = await t().tokenFor('MEMBER');
      expect((await req('GET', url(), undefined, member)).statusCode).toBe(404);
      expect((await req('GET', url(`/${scheduleId}`), undefined, member)).statusCode).toBe(404);
      expect((await req('POST', url(), body(), member)).statusCode).toBe(404);
      expect((await req('DELETE', url(`/${scheduleId}`), undefined, member)).statusCode).toBe(404);
      expect((await req('GET', url(`/${scheduleId}`))).statusCode).toBe(200);
    });
  },
  { clock: new TestClock(new Date(START), 1) },
);

describe('schedules: contract', () => {
  it('documents the five operations', async () => {
    const { loadContract } = await import('../../src/resources/index.js');
    const doc = loadContract({ fromSources: true }) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o?.operationId));
    for (const id of ['createSchedule', 'listSchedules', 'getSchedule', 'updateSchedule', 'deleteSchedule']) expect(ops).toContain(id);
  });
});

const PIPELINE = 'Devops/Check Network Access/Check Network Access';

/** A project whose `production` environment has the real DPC fixtures published (v1). */
async function publishedProject(t: TestApp, token: string) {
  const { projectId } = await projectWithEnvironments(t, token, ['production']);
  await ok(await publishLikePublishPy(t, token, projectId, { versionName: 'v1', environmentName: 'production', files: dpcFixtures() }), 201);
  return projectId;
}

/** Moves this node's clock and runs its clock-driven jobs (POST /plinth/controls/clock/advance). */
async function advance(t: TestApp, by: Record<string, number>) {
  const r = await control(t, 'POST', '/clock/advance', by);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().jobs.schedules as { fired: number; skipped: number; failed: number; lost: number; executions: string[] };
}

/** The schedule's executions as the observability connector reads them (account list, newest first). */
async function runsOf(t: TestApp, token: string, projectId: string, scheduleId: string) {
  const r = await ok(await t.inject({ method: 'GET', url: `/v1/pipeline-executions?projectId=${projectId}&scheduleId=${scheduleId}&limit=100`, token }), 200);
  return r.results as Array<{ pipelineExecutionId: string; trigger: string; scheduleId: string; status: string; startedAt: string; pipelineName: string }>;
}

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
