import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/core/http/contract.js';
import { loadContract } from '../../src/resources/index.js';
import { tokenAad } from '../../src/resources/repositories/token-rotation.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { ADMIN_ID, ADMIN_SECRET, DB_KINDS, startApp, TestClock, type DbKind, type TestApp } from '../helpers/app.js';
import { findSecret } from '../helpers/canary.js';
import { startGitLabStub, type GitLabStub } from '../helpers/gitlab-stub.js';
import { sharedDatabase } from '../helpers/shared-db.js';

const DAY = 86_400_000;
const START = '2031-03-10T09:00:00.000Z';
const HEADER = 'git-provider-access-token';
const GL_USER = 77;
const GL_PROJECT = 4242;
const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number) => dateOf(new Date(Date.parse(dateOf(d)) + n * DAY));

interface Ctx {
  t: TestApp;
  gl: GitLabStub;
  clock: TestClock;
}

/** One block per database, each with its own GitLab stub and clock (time only moves when a test says so). */
function describeWithGitLab(name: string, fn: (ctx: () => Ctx, kind: DbKind) => void) {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      const ctx = {} as Ctx;
      beforeAll(async () => {
        ctx.clock = new TestClock(new Date(START));
        ctx.gl = await startGitLabStub(ctx.clock.fn);
        ctx.t = await startApp(kind, { env: { PLINTH_GITLAB_URL: ctx.gl.url }, clock: ctx.clock, appOptions: { gitlabTimeoutMs: 400 } });
      });
      afterAll(async () => {
        await ctx.t?.close();
        await ctx.gl?.close();
      });
      fn(() => ctx, kind);
    });
  }
}

let seq = 0;
/** A fresh admin token (the clock may have moved past an earlier one's expiry). */
const admin = (t: TestApp) => t.tokenWith(ADMIN_ID, ADMIN_SECRET);

async function newProject(t: TestApp): Promise<string> {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token: await admin(t), body: { name: `repo-test-${++seq}-${Date.now()}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
  expect(r.statusCode).toBe(201);
  return r.json().projectId;
}

const gitlabBody = (repositoryId: number | string = GL_PROJECT) => ({ provider: 'gitlab', repositoryName: 'data-project', providerParameters: { repositoryId } });

async function associate(t: TestApp, projectId: string, body: unknown, glToken?: string) {
  return t.inject({ method: 'POST', url: `/v1/projects/${projectId}/repositories`, token: await admin(t), body, headers: glToken === undefined ? {} : { [HEADER]: glToken } });
}
async function listRepos(t: TestApp, projectId: string) {
  const r = await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/repositories`, token: await admin(t) });
  expect(r.statusCode).toBe(200);
  return r.json();
}
/** Associating with `supplied` is refused: 400 naming `rule`, and nothing rotated, revoked or stored. */
async function expectRefusedWithoutTrace(t: TestApp, gl: GitLabStub, supplied: string, repoId: number, rule: RegExp) {
  const p = await newProject(t);
  const rotations = gl.rotations.length;
  const r = await associate(t, p, gitlabBody(repoId), supplied);
  expect(r.statusCode).toBe(400);
  expect(r.json().violations[0]).toMatch(rule);
  expect(gl.rotations.length).toBe(rotations);
  expect(gl.token(supplied)!.revoked).toBe(false);
  expect((await listRepos(t, p)).total).toBe(0);
}
async function manualRotate(t: TestApp, projectId: string, glToken?: string) {
  return t.inject({ method: 'POST', url: `/v1/projects/${projectId}/repositories/token`, token: await admin(t), headers: glToken === undefined ? {} : { [HEADER]: glToken } });
}
/** The token Plinth holds for a project, opened with the vault (tests only). */
async function storedToken(t: TestApp, projectId: string): Promise<string> {
  const row = await t.app.store.db.selectFrom('repositories').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
  return t.app.vault.decryptString(row.token!, tokenAad(projectId, row.id));
}

describe('repositories contract', () => {
  it('marks the list as a Plinth extension and binds the SaaS operations', () => {
    const ops = operations(loadContract());
    expect(ops.get('listRepositories')?.extension).toBe(true);
    expect(ops.get('associateRepository')?.extension).toBe(false);
    expect(ops.get('rotateRepositoryToken')?.extension).toBe(false);
    expect(ops.get('rotateRepositoryToken')?.schema.headers.required).toEqual([HEADER]);
  });

  it('the app starts the rotation schedule when asked and close() stops it', async () => {
    const t = await startApp('sqlite', { appOptions: { scheduleRotation: true } });
    await t.close();
    await expect(t.app.rotation.stop()).resolves.toBeUndefined(); // idempotent once stopped
  });
});

describeWithGitLab('repositories: GitHub and Azure DevOps', (c) => {
  it('associates a GitHub repository once (201, then 409) and lists it without token status', async () => {
    const { t } = c();
    const p = await newProject(t);
    const r = await associate(t, p, { provider: 'github', repositoryName: 'my-repo', providerParameters: { ownerName: 'my-org', extra: 'dropped' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ provider: 'github', repositoryName: 'my-repo', providerParameters: { ownerName: 'my-org' }, createdAt: START });
    const again = await associate(t, p, { provider: 'github', repositoryName: 'other', providerParameters: { ownerName: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const list = await listRepos(t, p);
    expect(list).toMatchObject({ page: 0, total: 1 });
    expect(list.results).toEqual([r.json()]);
  });

  it('associates an Azure DevOps repository; a token header sent for it is ignored and never stored', async () => {
    const { t, gl } = c();
    const p = await newProject(t);
    const before = gl.calls.length;
    const params = { organization: 'contoso', repositoryId: '3F2B6C1E-9A0D-4D1E-8F5A-2C7B9E4D6A10', tenantId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' };
    const r = await associate(t, p, { provider: 'azure-devops', repositoryName: 'warehouse', providerParameters: params }, 'not-a-gitlab-token-xyz');
    expect(r.statusCode).toBe(201);
    expect(r.json().providerParameters).toEqual({ ...params, repositoryId: params.repositoryId.toLowerCase() });
    expect(r.json().tokenStatus).toBeUndefined();
    expect(gl.calls.length).toBe(before);
    expect(await findSecret(t, 'not-a-gitlab-token-xyz', [r.body])).toEqual([]);
  });

  it.each([
    [{}, ['body.provider: is required', 'body.repositoryName: is required', 'body.providerParameters: is required']],
    [{ provider: 'bitbucket', repositoryName: 'r', providerParameters: {} }, ['body.provider: must be one of: github, azure-devops, gitlab']],
    [{ provider: 'github', repositoryName: 'r', providerParameters: {} }, ['body.providerParameters.ownerName: is required']],
    [{ provider: 'github', repositoryName: '', providerParameters: { ownerName: 'o' } }, ['body.repositoryName: must NOT have fewer than 1 characters']],
    [{ provider: 'github', repositoryName: 'x'.repeat(256), providerParameters: { ownerName: 'o' } }, ['body.repositoryName: must NOT have more than 255 characters']],
    [{ provider: 'azure-devops', repositoryName: 'r', providerParameters: { organization: 'o' } }, ['body.providerParameters.repositoryId: is required', 'body.providerParameters.tenantId: is required']],
    [{ provider: 'azure-devops', repositoryName: 'r', providerParameters: { organization: 'o', repositoryId: 'nope', tenantId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' } }, ['body.providerParameters.repositoryId: must match pattern']],
    [{ provider: 'gitlab', repositoryName: 'r', providerParameters: {} }, ['body.providerParameters.repositoryId: is required']],
    [{ provider: 'gitlab', repositoryName: 'r', providerParameters: { repositoryId: 'abc' } }, ['body.providerParameters.repositoryId: must match pattern']],
    [{ provider: 'gitlab', repositoryName: 'r', providerParameters: { repositoryId: 0 } }, ['body.providerParameters.repositoryId: must be >= 1']],
    [{ provider: 'gitlab', repositoryName: 'r', providerParameters: { repositoryId: 1.5 } }, ['body.providerParameters.repositoryId: must be integer,string']],
  ])('rejects %j with 400 naming the field', async (body, expected) => {
    const { t } = c();
    const p = await newProject(t);
    const r = await associate(t, p, body);
    expect(r.statusCode).toBe(400);
    const v: string[] = r.json().violations;
    for (const e of expected) expect(v.some((x) => x.startsWith(e))).toBe(true);
    expect((await listRepos(t, p)).total).toBe(0);
  });

  it('answers 404 for an unknown or invisible project, 401 without a bearer token', async () => {
    const { t } = c();
    const p = await newProject(t);
    const body = { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } };
    const unknown = await associate(t, '00000000-0000-4000-8000-000000000000', body);
    expect(unknown.statusCode).toBe(404);
    const member = await t.tokenFor('MEMBER');
    const r = await t.inject({ method: 'POST', url: `/v1/projects/${p}/repositories`, token: member, body });
    expect(r.statusCode).toBe(404);
    const anon = await t.inject({ method: 'POST', url: `/v1/projects/${p}/repositories`, body });
    expect(anon.statusCode).toBe(401);
    expect((await listRepos(t, p)).total).toBe(0);
  });
});

describeWithGitLab('repositories: GitLab rotate-on-receipt', (c) => {
  it('checks the token, rotates it at once preserving its lifetime, and stores only the rotation', async () => {
    const { t, gl, clock } = c();
    gl.grant(GL_USER, GL_PROJECT, 30);
    // Created two days ago with a 30-day lifetime: the rotation gets 30 days from today.
    const supplied = gl.issue({ userId: GL_USER, lifetimeDays: 30, createdAt: new Date(clock.now.getTime() - 2 * DAY) });
    const p = await newProject(t);
    const r = await associate(t, p, gitlabBody(String(GL_PROJECT)), supplied);
    expect(r.statusCode).toBe(201);
    const expiresAt = plusDays(clock.now, 30);
    expect(r.json()).toEqual({
      provider: 'gitlab',
      repositoryName: 'data-project',
      providerParameters: { repositoryId: String(GL_PROJECT) },
      createdAt: START,
      tokenStatus: { expiresAt, lastRotatedAt: START, nextRotationAt: new Date(Date.parse(expiresAt) - 3 * DAY).toISOString(), lastError: null, rotationAttempts: 0 },
    });
    expect(gl.rotations.at(-1)).toMatchObject({ fromId: gl.token(supplied)!.id, expiresAt });
    expect(gl.token(supplied)!.revoked).toBe(true);
    const held = await storedToken(t, p);
    expect(held).not.toBe(supplied);
    expect(gl.token(held)).toMatchObject({ id: gl.rotations.at(-1)!.toId, revoked: false, expiresAt });
    expect((await listRepos(t, p)).results).toEqual([r.json()]);
  });

  it('refuses the same token for a second project (GitLab: revoked) without disturbing the first', async () => {
    const { t, gl } = c();
    gl.grant(GL_USER, 5151, 40);
    const supplied = gl.issue({ userId: GL_USER });
    const p1 = await newProject(t);
    expect((await associate(t, p1, gitlabBody(5151), supplied)).statusCode).toBe(201);
    const rotations = gl.rotations.length;
    const p2 = await newProject(t);
    const r = await associate(t, p2, gitlabBody(5151), supplied);
    expect(r.statusCode).toBe(400);
    expect(r.json().violations[0]).toMatch(/^header\.Git-Provider-Access-Token: GitLab rejected the token .*revoked/);
    expect(gl.rotations.length).toBe(rotations);
    expect((await listRepos(t, p2)).total).toBe(0);
    // Only read-only calls were made with the revoked token, so GitLab's reuse detection did not
    // revoke the token family: the first project's token is still valid.
    expect(gl.token(await storedToken(t, p1))!.revoked).toBe(false);
  });

  it.each([
    ['no self_rotate scope', { scopes: ['api'] }, 30, GL_PROJECT, /^header\.Git-Provider-Access-Token: must have the self_rotate scope/],
    ['Reporter only', {}, 20, GL_PROJECT, new RegExp(`^header\\.Git-Provider-Access-Token: the token's user needs the Developer role or higher on GitLab project ${GL_PROJECT} `)],
    ['no access to an unknown GitLab project', {}, 30, 999999, /^header\.Git-Provider-Access-Token: the token's user needs the Developer role or higher on GitLab project 999999 .*check the project id/],
  ])('400 when the token has %s; nothing rotated or stored', async (_name, tokenOpts, level, repoId, rule) => {
    const { t, gl } = c();
    const user = 900 + ++seq;
    gl.grant(user, GL_PROJECT, level);
    const supplied = gl.issue({ userId: user, ...tokenOpts });
    await expectRefusedWithoutTrace(t, gl, supplied, repoId, rule);
  });

  it('400 for a missing, empty or unknown token header', async () => {
    const { t } = c();
    const p = await newProject(t);
    const missing = await associate(t, p, gitlabBody());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().violations).toEqual(['header.Git-Provider-Access-Token: is required when provider is gitlab']);
    const empty = await associate(t, p, gitlabBody(), '');
    expect(empty.statusCode).toBe(400);
    const unknown = await associate(t, p, gitlabBody(), 'glpat-unknown');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().violations[0]).toMatch(/^header\.Git-Provider-Access-Token: GitLab rejected/);
  });

  it.each([
    ['self', { status: 500 }, 502, undefined],
    ['associations', { status: 503 }, 502, undefined],
    ['rotate', { status: 429, retryAfter: 30 }, 502, '30'],
    ['self', 'hang' as const, 504, undefined],
  ] as const)('GitLab failing on %s (%j) is a %i ProblemDetail; nothing stored, token not rotated', async (endpoint, mode, status, retryAfter) => {
    const { t, gl } = c();
    gl.grant(GL_USER, GL_PROJECT, 30);
    const supplied = gl.issue({ userId: GL_USER });
    const p = await newProject(t);
    gl.fail(endpoint, mode);
    const r = await associate(t, p, gitlabBody(), supplied);
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.headers['retry-after']).toBe(retryAfter);
    expect(r.json().detail).toMatch(/GitLab/);
    expect(r.body).not.toContain('stubbed');
    expect(gl.token(supplied)!.revoked).toBe(false);
    expect((await listRepos(t, p)).total).toBe(0);
  });
});

describeWithGitLab('repositories: GitLab access check (token associations, older-GitLab fallback)', (c) => {
  const associationCalls = (gl: GitLabStub, from: number) => gl.calls.slice(from).filter((x) => x.path === '/api/v4/personal_access_tokens/self/associations');
  const projectCalls = (gl: GitLabStub, from: number) => gl.calls.slice(from).filter((x) => x.path.startsWith('/api/v4/projects/'));

  it('accepts a token with only the self_rotate scope (all the SaaS asks for) whose user is a Developer', async () => {
    const { t, gl } = c();
    const user = 2000 + ++seq;
    gl.grant(user, GL_PROJECT, 30);
    const supplied = gl.issue({ userId: user, scopes: ['self_rotate'] });
    const p = await newProject(t);
    const from = gl.calls.length;
    const r = await associate(t, p, gitlabBody(), supplied);
    expect(r.statusCode).toBe(201);
    const asked = associationCalls(gl, from);
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(asked[0]!.query))).toEqual({ min_access_level: '30', per_page: '100', page: '1' });
    expect(projectCalls(gl, from)).toEqual([]); // GET /projects/:id would need read_api
    expect(gl.token(supplied)!.revoked).toBe(true);
    expect(gl.token(await storedToken(t, p))).toMatchObject({ revoked: false, scopes: ['self_rotate'] });
  });

  it('accepts higher roles (Maintainer) too', async () => {
    const { t, gl } = c();
    const user = 2000 + ++seq;
    gl.grant(user, GL_PROJECT, 40);
    const r = await associate(t, await newProject(t), gitlabBody(), gl.issue({ userId: user, scopes: ['self_rotate'] }));
    expect(r.statusCode).toBe(201);
  });

  it('refuses a Reporter (20) with a 400 naming the header and the project; nothing rotated or stored', async () => {
    const { t, gl } = c();
    const user = 2000 + ++seq;
    gl.grant(user, GL_PROJECT, 20);
    gl.grant(user, 777, 30); // Developer elsewhere does not count
    const supplied = gl.issue({ userId: user, scopes: ['self_rotate'] });
    const p = await newProject(t);
    const rotations = gl.rotations.length;
    const from = gl.calls.length;
    const r = await associate(t, p, gitlabBody(), supplied);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().violations).toHaveLength(1);
    expect(r.json().violations[0]).toMatch(new RegExp(`^header\\.Git-Provider-Access-Token: the token's user needs the Developer role or higher on GitLab project ${GL_PROJECT} `));
    expect(projectCalls(gl, from)).toEqual([]);
    expect(gl.rotations.length).toBe(rotations);
    expect(gl.token(supplied)!.revoked).toBe(false);
    expect((await listRepos(t, p)).total).toBe(0);
  });

  it('finds a project that GitLab lists only on the second page of associations', async () => {
    const { t, gl } = c();
    const user = 2000 + ++seq;
    // 150 Developer memberships; associations list ids descending, so the lowest is on page 2.
    for (let i = 1; i <= 150; i++) gl.grant(user, 60_000 + i, 30);
    const supplied = gl.issue({ userId: user, scopes: ['self_rotate'] });
    const from = gl.calls.length;
    const r = await associate(t, await newProject(t), gitlabBody(60_001), supplied);
    expect(r.statusCode).toBe(201);
    expect(associationCalls(gl, from).map((x) => new URLSearchParams(x.query).get('page'))).toEqual(['1', '2']);

    // Not on any page: every page is read, then a 400.
    const other = gl.issue({ userId: user, scopes: ['self_rotate'] });
    const from2 = gl.calls.length;
    const missing = await associate(t, await newProject(t), gitlabBody(59_999), other);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().violations[0]).toMatch(/^header\.Git-Provider-Access-Token: the token's user needs the Developer role or higher on GitLab project 59999 /);
    expect(associationCalls(gl, from2)).toHaveLength(2);
    expect(gl.token(other)!.revoked).toBe(false);
  });

  it('answers 502 when GitLab fails on a later page of associations; nothing rotated or stored', async () => {
    const { t, gl } = c();
    const user = 2000 + ++seq;
    for (let i = 1; i <= 120; i++) gl.grant(user, 70_000 + i, 30);
    const supplied = gl.issue({ userId: user, scopes: ['self_rotate'] });
    const p = await newProject(t);
    const from = gl.calls.length;
    gl.fail('associations', { status: 500 }, 1, 1); // page 1 answers, page 2 fails
    const r = await associate(t, p, gitlabBody(70_001), supplied);
    expect(r.statusCode).toBe(502);
    expect(r.body).not.toContain('stubbed');
    expect(gl.calls.slice(from).filter((x) => x.path.endsWith('/self/associations'))).toHaveLength(2);
    expect(gl.token(supplied)!.revoked).toBe(false);
    expect((await listRepos(t, p)).total).toBe(0);
  });

  describe('on a GitLab older than 17.4 (no associations endpoint: 404)', () => {
    beforeAll(() => c().gl.associationsEndpoint(false));
    afterAll(() => c().gl.associationsEndpoint(true));

    it('falls back to GET /projects/:id and accepts a Developer token with read_api', async () => {
      const { t, gl } = c();
      const user = 2000 + ++seq;
      gl.grant(user, GL_PROJECT, 30);
      const supplied = gl.issue({ userId: user, scopes: ['self_rotate', 'read_api'] });
      const from = gl.calls.length;
      const r = await associate(t, await newProject(t), gitlabBody(), supplied);
      expect(r.statusCode).toBe(201);
      expect(associationCalls(gl, from)).toHaveLength(1); // asked once, answered 404
      expect(projectCalls(gl, from).map((x) => x.path)).toEqual([`/api/v4/projects/${GL_PROJECT}`]);
      expect(gl.token(supplied)!.revoked).toBe(true);
    });

    it.each([
      ['only self_rotate (read_api is needed there)', ['self_rotate'], 30, GL_PROJECT, /^header\.Git-Provider-Access-Token: needs the read_api \(or api\) scope as well on this GitLab instance \(older than 17\.4/],
      ['a Reporter with read_api', ['self_rotate', 'read_api'], 20, GL_PROJECT, /^header\.Git-Provider-Access-Token: the token's user needs the Developer role or higher on GitLab project \d+ \(access level 20 < 30\)/],
      ['read_api on an unknown project', ['self_rotate', 'read_api'], 30, 999999, /^body\.providerParameters\.repositoryId: GitLab project 999999 does not exist/],
    ])('refuses %s with a clear 400; nothing rotated', async (_name, scopes, level, repoId, rule) => {
      const { t, gl } = c();
      const user = 2000 + ++seq;
      gl.grant(user, GL_PROJECT, level);
      const supplied = gl.issue({ userId: user, scopes });
      await expectRefusedWithoutTrace(t, gl, supplied, repoId, rule);
    });
  });
});

describeWithGitLab('repositories: deleting the project revokes the stored GitLab token', (c) => {
  const revokeCalls = (gl: GitLabStub, from: number) => gl.calls.slice(from).filter((x) => x.method === 'DELETE' && x.path === '/api/v4/personal_access_tokens/self');
  const deleteProject = async (t: TestApp, p: string) => t.inject({ method: 'DELETE', url: `/v1/projects/${p}`, token: await admin(t) });

  async function gitlabProject(ctx: Ctx) {
    const { t, gl } = ctx;
    gl.grant(GL_USER, GL_PROJECT, 30);
    const p = await newProject(t);
    expect((await associate(t, p, gitlabBody(), gl.issue({ userId: GL_USER, scopes: ['self_rotate'] }))).statusCode).toBe(201);
    return { p, held: await storedToken(t, p) };
  }

  it('revokes the token after the deletion (204); the repository row is gone', async () => {
    const { t, gl } = c();
    const { p, held } = await gitlabProject(c());
    const from = gl.calls.length;
    // When GitLab is asked to revoke, the deletion has committed (no network call inside the transaction).
    const seen: unknown[] = [];
    gl.onRequest = async (x) => {
      if (x.method === 'DELETE') seen.push(await t.app.store.db.selectFrom('projects').select('id').where('id', '=', p).executeTakeFirst());
    };
    const r = await deleteProject(t, p).finally(() => (gl.onRequest = undefined));
    expect(r.statusCode).toBe(204);
    expect(seen).toEqual([undefined]);
    expect(gl.token(held)!.revoked).toBe(true);
    expect(revokeCalls(gl, from)).toHaveLength(1);
    expect(await t.app.store.db.selectFrom('repositories').selectAll().where('project_id', '=', p).execute()).toEqual([]);
    expect(t.logs.some((l) => l.includes('its gitlab token was revoked') && l.includes(p))).toBe(true);
    expect((await deleteProject(t, p)).statusCode).toBe(404);
  });

  it.each([
    ['answering 500', { status: 500 } as const, '"status":500'],
    ['not answering in time', 'hang' as const, '"kind":"timeout"'],
  ])('still answers 204 with GitLab %s; logs the host and status, never the token', async (_name, mode, logged) => {
    const { t, gl } = c();
    const { p, held } = await gitlabProject(c());
    gl.fail('revoke', mode);
    const r = await deleteProject(t, p);
    expect(r.statusCode).toBe(204);
    expect(gl.token(held)!.revoked).toBe(false);
    expect((await t.inject({ method: 'GET', url: `/v1/projects/${p}`, token: await admin(t) })).statusCode).toBe(404);
    const line = t.logs.find((l) => l.includes('revoking its gitlab token failed') && l.includes(p));
    expect(line).toBeDefined();
    expect(line).toContain(`"gitlabHost":"${new URL(gl.url).host}"`);
    expect(line).toContain(logged);
    expect(await findSecret(t, held, [r.body])).toEqual([]);
  });

  it('makes no GitLab call when the project has a GitHub repository or none', async () => {
    const { t, gl } = c();
    const gh = await newProject(t);
    expect((await associate(t, gh, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } })).statusCode).toBe(201);
    const bare = await newProject(t);
    const from = gl.calls.length;
    expect((await deleteProject(t, gh)).statusCode).toBe(204);
    expect((await deleteProject(t, bare)).statusCode).toBe(204);
    expect(gl.calls.length).toBe(from);
  });
});

describeWithGitLab('repositories: scheduled and manual GitLab token rotation', (c) => {
  let p: string;
  let lastHeld: string;

  it('rotates nothing before the token is due', async () => {
    const { t, gl } = c();
    gl.grant(GL_USER, GL_PROJECT, 30);
    p = await newProject(t);
    const r = await associate(t, p, gitlabBody(), gl.issue({ userId: GL_USER, lifetimeDays: 10 }));
    expect(r.statusCode).toBe(201);
    lastHeld = await storedToken(t, p);
    c().clock.advance(6 * DAY); // due at expiry − 3 days = day 7
    expect(await t.app.rotation.runOnce()).toEqual({ rotated: 0, failed: 0, skipped: 0 });
  });

  it('rotates a due token three days before expiry, preserving its 10-day lifetime', async () => {
    const { t, gl, clock } = c();
    clock.advance(1 * DAY);
    const before = gl.rotations.length;
    expect(await t.app.rotation.runOnce()).toEqual({ rotated: 1, failed: 0, skipped: 0 });
    expect(gl.rotations.length).toBe(before + 1);
    const expiresAt = plusDays(clock.now, 10);
    expect(gl.rotations.at(-1)!.expiresAt).toBe(expiresAt);
    const held = await storedToken(t, p);
    expect(gl.token(lastHeld)!.revoked).toBe(true);
    expect(gl.token(held)).toMatchObject({ revoked: false, expiresAt });
    lastHeld = held;
    const status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status).toMatchObject({ expiresAt, lastRotatedAt: clock.now.toISOString(), lastError: null, rotationAttempts: 0 });
    expect(await t.app.rotation.runOnce()).toEqual({ rotated: 0, failed: 0, skipped: 0 });
  });

  it('on GitLab errors keeps the stored token valid, records the error and backs off exponentially', async () => {
    const { t, gl, clock } = c();
    clock.advance(7 * DAY);
    gl.fail('rotate', { status: 503 });
    expect(await t.app.rotation.runOnce()).toMatchObject({ rotated: 0, failed: 1 });
    let status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status.lastError).toMatch(/GitLab answered 503 on attempt 1; the stored token is unchanged/);
    expect(status.rotationAttempts).toBe(1);
    expect(status.nextRotationAt).toBe(new Date(clock.now.getTime() + 60_000).toISOString());
    expect(await storedToken(t, p)).toBe(lastHeld);
    expect(gl.token(lastHeld)!.revoked).toBe(false);

    // Not due again until the backoff has passed.
    expect(await t.app.rotation.runOnce()).toEqual({ rotated: 0, failed: 0, skipped: 0 });
    clock.advance(60_000);
    gl.fail('rotate', { status: 429, retryAfter: 900 });
    expect(await t.app.rotation.runOnce()).toMatchObject({ failed: 1 });
    status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status.lastError).toMatch(/rate-limited.*attempt 2/);
    expect(status.nextRotationAt).toBe(new Date(clock.now.getTime() + 900_000).toISOString()); // Retry-After > 2 min backoff

    clock.advance(900_000);
    gl.fail('rotate', 'hang');
    expect(await t.app.rotation.runOnce()).toMatchObject({ failed: 1 });
    status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status.lastError).toMatch(/did not answer in time on attempt 3/);
    expect(status.nextRotationAt).toBe(new Date(clock.now.getTime() + 240_000).toISOString());
    expect(await storedToken(t, p)).toBe(lastHeld);

    clock.advance(240_000);
    expect(await t.app.rotation.runOnce()).toMatchObject({ rotated: 1 });
    status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status).toMatchObject({ lastError: null, rotationAttempts: 0, expiresAt: plusDays(clock.now, 10) });
    lastHeld = await storedToken(t, p);
    expect(gl.token(lastHeld)!.revoked).toBe(false);
  });

  it('stops automatic rotation when GitLab rejects the stored token (401) and says what to do', async () => {
    const { t, gl, clock } = c();
    gl.token(lastHeld)!.revoked = true; // someone revoked it in GitLab's UI
    clock.advance(7 * DAY);
    expect(await t.app.rotation.runOnce()).toMatchObject({ failed: 1 });
    const status = (await listRepos(t, p)).results[0].tokenStatus;
    expect(status.lastError).toMatch(/expired or revoked \(401\); automatic rotation stopped.*repositories\/token/);
    expect(status.nextRotationAt).toBeNull();
    clock.advance(30 * DAY);
    expect(await t.app.rotation.runOnce()).toEqual({ rotated: 0, failed: 0, skipped: 0 });
  });

  it('manual rotation after expiry replaces the stored token with a rotation of the new one', async () => {
    const { t, gl, clock } = c();
    const fresh = gl.issue({ userId: GL_USER, lifetimeDays: 14 });
    const r = await manualRotate(t, p, fresh);
    expect(r.statusCode).toBe(200);
    const expiresAt = plusDays(clock.now, 14);
    expect(r.json().tokenStatus).toMatchObject({ expiresAt, lastError: null, rotationAttempts: 0, lastRotatedAt: clock.now.toISOString() });
    expect(gl.token(fresh)!.revoked).toBe(true);
    const held = await storedToken(t, p);
    expect(gl.token(held)).toMatchObject({ revoked: false, expiresAt });
    // Automatic rotation is back on schedule.
    clock.advance(11 * DAY);
    expect(await t.app.rotation.runOnce()).toMatchObject({ rotated: 1 });
  });

  it('manual rotation: 400 without the header or with a bad token, 404 without a repository, 409 for a non-GitLab one', async () => {
    const { t, gl } = c();
    const noHeader = await manualRotate(t, p);
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().violations).toEqual(['header.git-provider-access-token: is required']);
    const noScope = await manualRotate(t, p, gl.issue({ userId: GL_USER, scopes: ['read_api'] }));
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().violations[0]).toMatch(/self_rotate scope/);
    const other = gl.issue({ userId: 31337 });
    const noAccess = await manualRotate(t, p, other);
    expect(noAccess.statusCode).toBe(400);
    expect(gl.token(other)!.revoked).toBe(false);

    const bare = await newProject(t);
    expect((await manualRotate(t, bare, gl.issue({ userId: GL_USER }))).statusCode).toBe(404);
    const gh = await newProject(t);
    expect((await associate(t, gh, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } })).statusCode).toBe(201);
    expect((await manualRotate(t, gh, gl.issue({ userId: GL_USER }))).statusCode).toBe(409);
  });
});

describe.each(DB_KINDS)('repositories: two nodes racing runOnce() on one database [%s]', (kind) => {
  const clock = new TestClock(new Date(START));
  let gl: GitLabStub;
  let a: TestApp;
  let b: TestApp;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    gl = await startGitLabStub(clock.fn);
    const { url, drop } = await sharedDatabase(kind, 'plinth-race');
    cleanup = drop;
    const masterKey = generateMasterKey();
    const env = { PLINTH_GITLAB_URL: gl.url };
    a = await startApp(kind, { databaseUrl: url, masterKey, env, clock, appOptions: { nodeId: 'node-a' } });
    b = await startApp(kind, { databaseUrl: url, masterKey, env, clock, appOptions: { nodeId: 'node-b' } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await gl?.close();
    await cleanup?.();
  });

  it('exactly one node rotates each due token, round after round', async () => {
    gl.grant(GL_USER, GL_PROJECT, 30);
    const projects: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await newProject(a);
      expect((await associate(a, p, gitlabBody(), gl.issue({ userId: GL_USER, lifetimeDays: 7 }))).statusCode).toBe(201);
      projects.push(p);
    }
    for (let round = 0; round < 4; round++) {
      clock.advance(5 * DAY);
      const before = gl.rotations.length;
      const [ra, rb] = await Promise.all([a.app.rotation.runOnce(), b.app.rotation.runOnce()]);
      expect(ra.rotated + rb.rotated).toBe(3);
      expect(ra.failed + rb.failed).toBe(0);
      expect(gl.rotations.length).toBe(before + 3);
      for (const p of projects) {
        // Both nodes read the same, valid token.
        const [ha, hb] = [await storedToken(a, p), await storedToken(b, p)];
        expect(ha).toBe(hb);
        expect(gl.token(ha)!.revoked).toBe(false);
      }
    }
  });
});

describeWithGitLab('repositories: Git tokens never leak', (c, kind) => {
  it(`neither supplied nor rotated tokens appear in responses, logs or columns [${kind}]`, async () => {
    const { t, gl, clock } = c();
    gl.grant(GL_USER, GL_PROJECT, 30);
    const responses: string[] = [];
    const keep = <R extends { body: string }>(r: R): R => {
      responses.push(r.body);
      return r;
    };
    const p = await newProject(t);
    const supplied = gl.issue({ userId: GL_USER, lifetimeDays: 8 });
    expect(keep(await associate(t, p, gitlabBody(), supplied)).statusCode).toBe(201);
    // Reuse (rejected), a scope failure, a GitLab outage.
    keep(await associate(t, await newProject(t), gitlabBody(), supplied));
    keep(await associate(t, await newProject(t), gitlabBody(), gl.issue({ userId: GL_USER, scopes: ['api'] })));
    gl.fail('self', { status: 500 });
    keep(await associate(t, await newProject(t), gitlabBody(), gl.issue({ userId: GL_USER })));
    // Scheduled rotation, a failed one, manual rotation.
    clock.advance(6 * DAY);
    gl.fail('rotate', { status: 502 });
    await t.app.rotation.runOnce();
    clock.advance(120_000);
    await t.app.rotation.runOnce();
    keep(await manualRotate(t, p, gl.issue({ userId: GL_USER, lifetimeDays: 20 })));
    keep(await t.inject({ method: 'GET', url: `/v1/projects/${p}/repositories`, token: await admin(t) }));
    keep(await t.inject({ method: 'GET', url: '/openapi.json' }));

    expect(gl.rotations.length).toBeGreaterThanOrEqual(3);
    expect(t.logs.some((l) => l.includes('gitlab token rotated'))).toBe(true);
    const values = gl.issued();
    expect(values.length).toBeGreaterThanOrEqual(7);
    for (const v of values) expect(await findSecret(t, v, responses)).toEqual([]);
  });
});
