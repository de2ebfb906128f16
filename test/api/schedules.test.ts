import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, TestClock } from '../helpers/app.js';
import { body, START } from '../helpers/schedule-firing.js';
import { ok, projectWithEnvironments } from '../helpers/schedules.js';

// Firing under the clock: schedules-firing.test.ts; several nodes: schedules-two-node.test.ts.

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

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
