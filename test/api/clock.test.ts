import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, DB_KINDS, describeEachDb, startApp, type TestApp } from '../helpers/app.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';
import { startGitLabStub, type GitLabStub } from '../helpers/gitlab-stub.js';

/**
 * Plinth's clock through the controls: token expiry, timestamps and GitLab token rotation all
 * follow it, so a test crosses days in milliseconds. Both databases.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

describeEachDb(
  'clock: tokens and timestamps follow it',
  (t) => {
    it('a token expires when the clock passes its 30 minutes; the controls still answer HTTP Basic', async () => {
      const token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const before = (await control(t(), 'GET', '/clock')).json();
      expect(before).toMatchObject({ frozen: false });

      const a = await control(t(), 'POST', '/clock/advance', { minutes: 29 });
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json().clock.offsetMs).toBeGreaterThanOrEqual(before.offsetMs + 29 * MINUTE);
      expect(a.json().jobs).toMatchObject({ gitlabTokenRotation: { rotated: 0, failed: 0, skipped: 0 }, pipelineExecutions: { advanced: 0 } });
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token })).statusCode).toBe(200);

      await control(t(), 'POST', '/clock/advance', { minutes: 1, seconds: 30, runJobs: false });
      const expired = await t().inject({ method: 'GET', url: '/v1/projects', token });
      expect(expired.statusCode).toBe(401);
      expect(t().logs.some((l) => l.includes('"exp" claim timestamp check failed') || l.includes('expired'))).toBe(true);
      // A new token is good for 30 minutes of Plinth's time.
      const fresh = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: fresh })).statusCode).toBe(200);
    });

    it('set pins the time (timestamps of new items carry it); reset is real time again', async () => {
      const set = await control(t(), 'PUT', '/clock', { now: '2031-02-03T04:05:06.000Z', frozen: true });
      expect(set.json()).toMatchObject({ now: '2031-02-03T04:05:06.000Z', frozen: true });
      const token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const p = await t().inject({ method: 'POST', url: '/v1/projects', token, body: { name: 'pinned', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      const got = await t().inject({ method: 'GET', url: `/v1/projects/${p.json().projectId}`, token });
      expect(got.json().createdAt).toBe('2031-02-03T04:05:06.000Z');
      // Frozen: it moves only when told.
      await new Promise((r) => setTimeout(r, 20));
      expect((await control(t(), 'GET', '/clock')).json().now).toBe('2031-02-03T04:05:06.000Z');
      expect((await control(t(), 'POST', '/clock/advance', { days: 1, hours: 2 })).json().clock.now).toBe('2031-02-04T06:05:06.000Z');
      // The token's exp follows Plinth's time.
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(claims.exp).toBe(Date.parse('2031-02-03T04:05:06.000Z') / 1000 + 1800);

      const running = await control(t(), 'PUT', '/clock', { now: '2031-02-03T04:05:06.000Z' });
      expect(running.json().frozen).toBe(false);
      const back = await control(t(), 'DELETE', '/clock');
      expect(back.json()).toMatchObject({ frozen: false, offsetMs: expect.any(Number) });
      expect(Math.abs(Date.parse(back.json().now) - Date.now())).toBeLessThan(60_000);

      const bad = await control(t(), 'POST', '/clock/advance', { days: -1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().violations).toEqual(['body.days: must be >= 0']);
      expect((await control(t(), 'PUT', '/clock', { now: 'tomorrow' })).json().violations).toEqual(['body.now: must be a valid date-time']);
    });
  },
  { env: CONTROLS_ENV },
);

describeEachDb(
  'clock: PLINTH_CLOCK starts it frozen at a fixed instant',
  (t) => {
    it('reads the fixed time from the start', async () => {
      expect((await control(t(), 'GET', '/clock')).json()).toMatchObject({ now: '2030-06-01T12:00:00.000Z', frozen: true });
      const token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
      const p = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'at-start', role: 'MEMBER' } });
      expect(p.json().createdAt).toBe('2030-06-01T12:00:00.000Z');
      expect(t().logs.some((l) => l.includes('the clock starts at PLINTH_CLOCK'))).toBe(true);
    });
  },
  { env: { ...CONTROLS_ENV, PLINTH_CLOCK: '2030-06-01T12:00:00Z' } },
);

/**
 * The worked example of the README ("test that your job notices a GitLab token failing to
 * rotate"): a GitLab repository whose token GitLab will refuse to rotate; the clock moves five
 * days, the rotation job runs at once and records the failure, which the API shows.
 */
for (const kind of DB_KINDS) {
  describe(`clock: GitLab token rotation across days [${kind}]`, () => {
    let t: TestApp;
    let gl: GitLabStub;
    let now: () => Date = () => new Date();
    beforeAll(async () => {
      gl = await startGitLabStub(() => now()); // GitLab's "today" is Plinth's
      t = await startApp(kind, { env: { ...CONTROLS_ENV, PLINTH_GITLAB_URL: gl.url }, appOptions: { gitlabTimeoutMs: 2000 } });
      now = t.app.clock.now;
    });
    afterAll(async () => {
      await t?.close();
      await gl?.close();
    });

    const associate = async (name: string, gitlabProject: number, lifetimeDays: number) => {
      const token = await t.tokenWith(ADMIN_ID, ADMIN_SECRET);
      const p = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
      const projectId = p.json().projectId as string;
      gl.grant(77, gitlabProject, 30);
      const supplied = gl.issue({ userId: 77, lifetimeDays, createdAt: now(), scopes: ['self_rotate'] });
      const r = await t.inject({
        method: 'POST',
        url: `/v1/projects/${projectId}/repositories`,
        token,
        body: { provider: 'gitlab', repositoryName: name, providerParameters: { repositoryId: gitlabProject } },
        headers: { 'git-provider-access-token': supplied },
      });
      expect(r.statusCode, r.body).toBe(201);
      return projectId;
    };
    const status = async (projectId: string) => {
      const r = await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/repositories`, token: await t.tokenWith(ADMIN_ID, ADMIN_SECRET) });
      return r.json().results[0].tokenStatus;
    };

    it('rotates a due token when the clock crosses its rotation day, and reports a token GitLab refuses', async () => {
      const healthy = await associate('rotates-fine', 501, 7);
      expect(new Date((await status(healthy)).expiresAt).getTime()).toBeGreaterThan(now().getTime() + 6 * DAY);

      // Not due after two days.
      expect((await control(t, 'POST', '/clock/advance', { days: 2 })).json().jobs.gitlabTokenRotation).toEqual({ rotated: 0, failed: 0, skipped: 0 });

      // Five days in: due (three days before expiry); GitLab rotates it.
      const rotations = gl.rotations.length;
      const moved = await control(t, 'POST', '/clock/advance', { days: 3 });
      expect(moved.json().jobs.gitlabTokenRotation).toEqual({ rotated: 1, failed: 0, skipped: 0 });
      expect(gl.rotations.length).toBe(rotations + 1);
      expect(await status(healthy)).toMatchObject({ lastRotatedAt: expect.any(String), lastError: null });

      // A 4-day token that GitLab will refuse to rotate (revoked behind Plinth's back): due two
      // days in, three days from now the job has tried and noticed (the healthy token is not due yet).
      const doomed = await associate('rotation-refused', 502, 4);
      gl.fail('rotate', { status: 401 });
      const r = await control(t, 'POST', '/clock/advance', { days: 3 });
      expect(r.json().jobs.gitlabTokenRotation).toEqual({ rotated: 0, failed: 1, skipped: 0 });
      const s = await status(doomed);
      expect(s.lastError).toMatch(/GitLab rejected the stored token as expired or revoked \(401\); automatic rotation stopped/);
      expect(s.nextRotationAt).toBeNull();

      const metrics = (await t.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(/plinth_gitlab_token_rotations_total\{outcome="rotated"\} [1-9]/);
      expect(metrics).toMatch(/plinth_gitlab_token_rotations_total\{outcome="failed"\} [1-9]/);
      expect(metrics).toMatch(/plinth_job_runs_total\{job="gitlab-token-rotation",outcome="ok"\} [3-9]/);
      expect(metrics).toMatch(/plinth_clock_offset_seconds \d{6,}/);
    });
  });
}
