import { beforeAll, describe, expect, it } from 'vitest';
import { notFound } from '../../src/core/errors.js';
import { createArtifactsService } from '../../src/resources/artifacts/service.js';
import { createArtifactsRepo } from '../../src/resources/artifacts/store.js';
import { noAudit } from '../../src/core/audit.js';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { dpcFixtures, multipart, postMultipart, projectWithEnvironments, publishLikePublishPy } from '../helpers/artifacts.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

async function ok(r: { statusCode: number; body: string; json(): any }, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

function problem(r: { statusCode: number; body: string; headers: Record<string, unknown>; json(): any }, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return r.json() as { detail: string; violations?: string[] };
}

describeEachDb('artifacts', (t) => {
  let token: string;
  let projectId: string;
  const fixtures = dpcFixtures();
  const req = (method: string, url: string, body?: unknown) => t().inject({ method, url, token, body });
  const base = () => `/v1/projects/${projectId}`;

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await projectWithEnvironments(t(), token, ['Dev Env', 'Prod']);
  });

  it('serves publish.py end to end: connectors as arrays, multipart publish, list, details, promote, disable, published pipelines', async () => {
    // publish.py: both connector lists must be 200 JSON arrays, even when empty.
    expect(await ok(await req('GET', '/v1/custom-connectors'), 200)).toEqual([]);
    expect(await ok(await req('GET', '/v1/flex-connectors'), 200)).toEqual([]);
    const custom = { id: 'c0ffee', name: 'My API', connectorType: 'custom' };
    expect(await ok(await req('POST', '/v1/custom-connectors', custom), 201)).toEqual(custom);
    expect(await ok(await req('POST', '/v1/flex-connectors', { alternateId: 'flex-hubspot', name: 'HubSpot' }), 201)).toEqual({ alternateId: 'flex-hubspot', name: 'HubSpot' });
    const customs = await ok(await req('GET', '/v1/custom-connectors'), 200);
    const flexes = await ok(await req('GET', '/v1/flex-connectors'), 200);
    expect(customs).toEqual([custom]);

    // Then one part per file, named by relative path, no filename, `quote_plus` environment name,
    // no commitHash/branch; connector profiles as their own parts; its .git bug sends .git files.
    const parts = [
      ...fixtures.map((f) => ({ name: f.path, content: f.content })),
      ...customs.map((c: any) => ({ name: `connector-profile:custom-${c.id}.json`, content: JSON.stringify(c), type: 'application/vnd.matillion.connector-profile+json' })),
      ...flexes.map((c: any) => ({ name: `connector-profile:flex-${c.alternateId}.json`, content: JSON.stringify(c), type: 'application/vnd.matillion.connector-profile+json' })),
      { name: '.git/HEAD', content: 'ref: refs/heads/main\n' },
      { name: 'docs/diagram.png', content: PNG, type: 'image/png' },
      { name: 'docs/blob.bin', content: PNG, type: 'application/octet-stream' },
    ];
    const { payload, contentType } = multipart(parts);
    const r = await t().app.server.inject({ method: 'POST', url: `${base()}/artifacts`, payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, versionName: 'v1', environmentName: 'Dev+Env' } });
    const created = await ok(r, 201);
    expect(created.versionName).toBe('v1');
    expect(created.ignoredResources.map((i: any) => i.name)).toEqual(['docs/diagram.png', 'docs/blob.bin']);
    expect(created.ignoredResources[0].reason).toMatch(/content type image\/png/);
    expect(created.ignoredResources[1].reason).toMatch(/not a text file/);

    const listed = await ok(await req('GET', `${base()}/artifacts?environmentName=Dev%20Env&enabledOnly=true&page=0&size=25`), 200);
    expect(listed).toMatchObject({ page: 0, size: 25, total: 1 });
    expect(listed.results[0]).toEqual({ versionName: 'v1', createdAt: expect.stringMatching(ISO), deployedAt: expect.stringMatching(ISO), enabled: true, provider: 'matillion' });

    const details = await ok(await req('GET', `${base()}/artifacts/details?environmentName=Dev%20Env&versionName=v1`), 200);
    const expectedAssets = [...fixtures.map((f) => f.path), 'connector-profile:custom-c0ffee.json', 'connector-profile:flex-flex-hubspot.json', '.git/HEAD'].sort();
    expect(details.assets).toEqual(expectedAssets);
    expect(details.details).toEqual(listed.results[0]);
    // versionName omitted: the latest enabled artifact.
    expect(await ok(await req('GET', `${base()}/artifacts/details?environmentName=Dev%20Env`), 200)).toEqual(details);

    // Promote to Prod: 201 with the target; again: 409; unknown version: 404.
    expect(await ok(await req('POST', `${base()}/artifacts/promotions`, { sourceEnvironmentName: 'Dev Env', targetEnvironmentName: 'Prod', versionName: 'v1' }), 201)).toEqual({ environmentName: 'Prod', versionName: 'v1' });
    problem(await req('POST', `${base()}/artifacts/promotions`, { sourceEnvironmentName: 'Dev Env', targetEnvironmentName: 'Prod', versionName: 'v1' }), 409);
    problem(await req('POST', `${base()}/artifacts/promotions`, { sourceEnvironmentName: 'Dev Env', targetEnvironmentName: 'Prod', versionName: 'nope' }), 404);
    problem(await req('POST', `${base()}/artifacts/promotions`, { sourceEnvironmentName: 'Nowhere', targetEnvironmentName: 'Prod', versionName: 'v1' }), 404);

    // Published pipelines of Prod: the fixture pipelines, named with their extension.
    const pipelineNames = fixtures.map((f) => f.path).sort();
    const prod = await ok(await req('GET', `${base()}/published-pipelines?environmentName=Prod`), 200);
    expect(prod).toMatchObject({ page: 0, size: 25, total: pipelineNames.length });
    expect(prod.results.map((p: any) => p.name)).toEqual(pipelineNames);
    expect(prod.results[0]).toEqual({ name: pipelineNames[0], publishedTime: expect.stringMatching(ISO) });
    // Without environmentName: every environment (Dev Env, then Prod).
    const all = await ok(await req('GET', `${base()}/published-pipelines?size=100`), 200);
    expect(all.total).toBe(2 * pipelineNames.length);
    // Paging walks with accurate totals.
    const page1 = await ok(await req('GET', `${base()}/published-pipelines?environmentName=Prod&page=1&size=4`), 200);
    expect(page1).toMatchObject({ page: 1, size: 4, total: pipelineNames.length });
    expect(page1.results.map((p: any) => p.name)).toEqual(pipelineNames.slice(4, 8));

    // Disable in Dev Env: 200 with details; Prod keeps it.
    const disabled = await ok(await req('PATCH', `${base()}/artifacts?environmentName=Dev%20Env&versionName=v1`, { enabled: false }), 200);
    expect(disabled.details.enabled).toBe(false);
    expect(disabled.assets).toEqual(expectedAssets);
    expect((await ok(await req('GET', `${base()}/published-pipelines?environmentName=Dev+Env`), 200)).total).toBe(0);
    expect((await ok(await req('GET', `${base()}/published-pipelines?environmentName=Prod`), 200)).total).toBe(pipelineNames.length);
    problem(await req('GET', `${base()}/artifacts/details?environmentName=Dev%20Env`), 404);
    expect((await ok(await req('GET', `${base()}/artifacts?environmentName=Dev%20Env`), 200)).total).toBe(0);
    const withDisabled = await ok(await req('GET', `${base()}/artifacts?environmentName=Dev%20Env&enabledOnly=false`), 200);
    expect(withDisabled.results.map((a: any) => [a.versionName, a.enabled])).toEqual([['v1', false]]);
    // Re-enable.
    expect((await ok(await req('PATCH', `${base()}/artifacts?environmentName=Dev%20Env&versionName=v1`, { enabled: true }), 200)).details.enabled).toBe(true);
  });

  it('resolves pipelines for executions: either name form, child references, disabled is gone', async () => {
    const db = t().app.store.db;
    const service = createArtifactsService({
      db,
      projects: { find: async () => ({}) as any, require: async () => ({}) as any, authorize: async () => {}, requireEnvironment: async () => ({}) as any },
      environments: {
        find: async (pid: string, name: string) => {
          const row = await db.selectFrom('environments').selectAll().where('project_id', '=', pid).where('name', '=', name).executeTakeFirst();
          if (!row) throw notFound('no such environment');
          return row;
        },
      },
      artifacts: createArtifactsRepo(db),
      audit: noAudit,
      clock: () => new Date(),
    });
    const pid = await projectWithEnvironments(t(), token, ['dev']);
    await ok(await publishLikePublishPy(t(), token, pid, { versionName: 'r1', environmentName: 'dev', files: fixtures }), 201);
    const parent = 'AI/Barista Reviews/_Parent Job - Barista Reviews';
    const found = await service.resolvePipeline('any', pid, 'dev', parent);
    expect(found).toMatchObject({ kind: 'found', versionName: 'r1', path: `${parent}.orch.yaml`, type: 'orchestration', enabled: true });
    if (found.kind !== 'found') throw new Error('unreachable');
    expect(found.content).toContain('type: "run-orchestration"');
    expect(found.pipeline('AI/Barista Reviews/Barista Reviews - Transform and Integrate')).toMatchObject({ type: 'transformation', path: 'AI/Barista Reviews/Barista Reviews - Transform and Integrate.tran.yaml' });
    expect(found.files('Devops/Check Network Access/Check Network Access.orch.yaml')).toContain('python-script');
    expect(await service.resolvePipeline('any', pid, 'dev', `${parent}.orch.yaml`, 'r1')).toMatchObject({ kind: 'found', path: `${parent}.orch.yaml` });
    expect(await service.resolvePipeline('any', pid, 'dev', 'nope')).toMatchObject({ kind: 'not_found', what: 'pipeline' });
    expect(await service.resolvePipeline('any', pid, 'dev', parent, 'r9')).toMatchObject({ kind: 'not_found', what: 'version' });
    expect(await service.resolvePipeline('any', pid, 'nowhere', parent)).toMatchObject({ kind: 'not_found', what: 'environment' });
    await ok(await req('PATCH', `/v1/projects/${pid}/artifacts?environmentName=dev&versionName=r1`, { enabled: false }), 200);
    expect(await service.resolvePipeline('any', pid, 'dev', parent)).toMatchObject({ kind: 'gone', versionName: 'r1', enabled: false });
    expect(await service.resolvePipeline('any', pid, 'dev', parent, 'r1')).toMatchObject({ kind: 'gone' });
    expect(await service.listPublished('any', pid, 'dev')).toEqual([]);
    // Deleting the environment, then the project, takes their artifacts with them.
    await ok(await req('DELETE', `/v1/projects/${pid}/environments/dev`), 204);
    expect(await service.resolvePipeline('any', pid, 'dev', parent)).toMatchObject({ kind: 'not_found', what: 'environment' });
    await ok(await req('DELETE', `/v1/projects/${pid}`), 204);
    expect(await db.selectFrom('artifacts').select('id').where('project_id', '=', pid).execute()).toEqual([]);
  });

  it('records one audit event per change, in the project, never with file contents', async () => {
    const events = await ok(await req('GET', `/v1/events?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&projectId=${projectId}&size=100`), 200);
    const names = events.results.map((e: any) => e.eventName);
    for (const n of ['artifact_published', 'artifact_promoted', 'artifact_disabled', 'artifact_enabled']) expect(names).toContain(n);
    const published = events.results.find((e: any) => e.eventName === 'artifact_published');
    expect(published).toMatchObject({ eventType: 'CREATE', eventSubjectType: 'ARTIFACT' });
    expect(JSON.stringify(published)).not.toContain('run-orchestration');
    const profiles = await ok(await req('GET', '/v1/events?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&eventName=connector_profile_registered&size=100'), 200);
    expect(profiles.total).toBe(2);
  });

  it('keeps UTF-8 part names and the folders in the filename of a part named file', async () => {
    const parts = [
      { name: 'Café/Läden.orch.yaml', content: 'type: "orchestration"\n' },
      { name: 'file', filename: 'deep/folder/x.tran.yaml', content: 'type: "transformation"\n', type: 'application/octet-stream' },
    ];
    await ok(await postMultipart(t(), `${base()}/artifacts`, token, parts, { versionName: 'utf8', environmentName: 'Prod' }), 201);
    const d = await ok(await req('GET', `${base()}/artifacts/details?environmentName=Prod&versionName=utf8`), 200);
    expect(d.assets).toEqual(['Café/Läden.orch.yaml', 'deep/folder/x.tran.yaml']);
  });

  it('refuses archives with a clear 400 and stores nothing', async () => {
    // One CI PoC sends a single zip as part `file` (application/octet-stream).
    const r = await postMultipart(t(), `${base()}/artifacts`, token, [{ name: 'file', content: ZIP, type: 'application/octet-stream', filename: 'project.zip' }], { versionName: 'zip1', environmentName: 'Prod' });
    const p = problem(r, 400);
    expect(p.detail).toMatch(/Archives are not supported/);
    expect(p.detail).toMatch(/one multipart part per file/);
    // Even with text parts alongside, and by name alone.
    problem(await postMultipart(t(), `${base()}/artifacts`, token, [{ name: 'a.orch.yaml', content: 'type: "orchestration"\n' }, { name: 'bundle.zip', content: 'not really' }], { versionName: 'zip2', environmentName: 'Prod' }), 400);
    problem(await req('GET', `${base()}/artifacts/details?environmentName=Prod&versionName=zip1`), 404);
  });

  it('answers 409 for a version published twice (immutable, also into another environment), 404 for an unknown environment, 400 for missing metadata', async () => {
    const files = [{ path: 'p.orch.yaml', content: fixtures[0]!.content }];
    await ok(await publishLikePublishPy(t(), token, projectId, { versionName: 'dup', environmentName: 'Prod', files }), 201);
    const c = problem(await publishLikePublishPy(t(), token, projectId, { versionName: 'dup', environmentName: 'Dev Env', files }), 409);
    expect(c.violations).toEqual([expect.stringMatching(/^header\.versionName: must be unique/)]);
    problem(await publishLikePublishPy(t(), token, projectId, { versionName: 'x1', environmentName: 'Staging', files }), 404);
    const noVersion = problem(await postMultipart(t(), `${base()}/artifacts`, token, [{ name: 'p.orch.yaml', content: 'x' }], { environmentName: 'Prod' }), 400);
    expect(noVersion.violations).toEqual([expect.stringMatching(/^header\.versionName: is required/)]);
    const noEnv = problem(await postMultipart(t(), `${base()}/artifacts`, token, [{ name: 'p.orch.yaml', content: 'x' }], { versionName: 'x2' }), 400);
    expect(noEnv.violations).toEqual([expect.stringMatching(/^header\.environmentName: is required/)]);
    problem(await postMultipart(t(), `${base()}/artifacts`, token, [{ name: 'a.png', content: PNG, type: 'image/png' }], { versionName: 'x3', environmentName: 'Prod' }), 400);
    problem(await publishLikePublishPy(t(), token, '00000000-0000-4000-8000-000000000000', { versionName: 'x4', environmentName: 'Prod', files }), 404);
  });

  it('takes metadata as form fields, dpl+yaml parts, commitHash and branch (a CI adaptation)', async () => {
    const parts = [
      { name: 'versionName', content: 'ci-7' },
      { name: 'environmentName', content: 'Dev Env' },
      { name: 'commitHash', content: 'a1b2c3d' },
      { name: 'branch', content: 'main' },
      ...fixtures.slice(0, 2).map((f) => ({ name: f.path, content: f.content, type: 'application/vnd.matillion.dpl+yaml' })),
    ];
    expect(await ok(await postMultipart(t(), `${base()}/artifacts`, token, parts), 201)).toEqual({ ignoredResources: [], versionName: 'ci-7' });
    const d = await ok(await req('GET', `${base()}/artifacts/details?environmentName=Dev%20Env&versionName=ci-7`), 200);
    expect(d.details).toMatchObject({ versionName: 'ci-7', commitHash: 'a1b2c3d', branch: 'main', enabled: true });
    expect(d.assets).toEqual(fixtures.slice(0, 2).map((f) => f.path).sort());
    // The latest enabled artifact of Dev Env is now ci-7; published pipelines follow it.
    const pub = await ok(await req('GET', `${base()}/published-pipelines?environmentName=Dev%20Env`), 200);
    expect(pub.results.map((p: any) => p.name)).toEqual(fixtures.slice(0, 2).map((f) => f.path).sort());
  });

  it('answers 4xx, never 5xx, to malformed or oversized multipart bodies', async () => {
    const url = `${base()}/artifacts`;
    const h = { authorization: `Bearer ${token}`, versionName: 'bad', environmentName: 'Prod' };
    const inject = (payload: string | Buffer, contentType: string) => t().app.server.inject({ method: 'POST', url, payload, headers: { ...h, 'content-type': contentType } });
    expect((await inject('--x\r\nContent-Disposition: form-data; name="a.orch.yaml"\r\n\r\nabc', 'multipart/form-data; boundary=x')).statusCode).toBe(400);
    expect((await inject('abc', 'multipart/form-data')).statusCode).toBeGreaterThanOrEqual(400);
    expect((await inject('abc', 'multipart/form-data')).statusCode).toBeLessThan(500);
    expect((await t().inject({ method: 'POST', url, token, body: { versionName: 'bad' }, headers: { versionName: 'bad', environmentName: 'Prod' } })).statusCode).toBe(415);
    const dupe = await postMultipart(t(), url, token, [{ name: 'a.orch.yaml', content: 'a' }, { name: 'a.orch.yaml', content: 'b' }], { versionName: 'bad', environmentName: 'Prod' });
    expect(problem(dupe, 400).detail).toMatch(/sent twice/);
    const big = await postMultipart(t(), url, token, [{ name: 'big.orch.yaml', content: Buffer.alloc(4 * 1024 * 1024 + 1, 0x61) }], { versionName: 'bad', environmentName: 'Prod' });
    expect(problem(big, 413).detail).toMatch(/too large/);
    const many = await postMultipart(t(), url, token, Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.txt`, content: 'x' })), { versionName: 'bad', environmentName: 'Prod' });
    expect(many.statusCode).toBe(413);
    // Names that are not relative paths are ignored, not stored.
    const odd = await ok(await postMultipart(t(), url, token, [{ name: '../etc/passwd', content: 'x' }, { name: 'ok.tran.yaml', content: 'type: "transformation"\n' }], { versionName: 'odd', environmentName: 'Prod' }), 201);
    expect(odd.ignoredResources).toEqual([{ name: '../etc/passwd', reason: expect.stringMatching(/"\.\."/) }]);
    problem(await req('GET', `${base()}/artifacts/details?environmentName=Prod&versionName=bad`), 404);
  });

  it('follows environment roles: publish needs CONTRIBUTOR there, reads need VIEWER, NONE hides the environment', async () => {
    const admin = token;
    const c = await ok(await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: `artifacts-member-${Date.now()}`, role: 'MEMBER' } }), 201);
    const member = await t().tokenWith(c.clientId, c.clientSecret);
    const pid = await projectWithEnvironments(t(), admin, ['dev', 'prod', 'secret']);
    await ok(await t().inject({ method: 'PUT', url: `/v1/projects/${pid}/members/${c.clientId}`, token: admin, body: { role: 'CONTRIBUTOR', environmentRoles: { dev: 'CONTRIBUTOR', prod: 'OPERATOR', secret: 'NONE' } } }), 200);
    const files = fixtures.slice(0, 2);
    await ok(await publishLikePublishPy(t(), member, pid, { versionName: 'm1', environmentName: 'dev', files }), 201);
    problem(await publishLikePublishPy(t(), member, pid, { versionName: 'm2', environmentName: 'prod', files }), 403);
    await ok(await publishLikePublishPy(t(), admin, pid, { versionName: 'a1', environmentName: 'secret', files }), 201);
    const as = (method: string, url: string, body?: unknown) => t().inject({ method, url: `/v1/projects/${pid}${url}`, token: member, body });
    problem(await as('POST', '/artifacts/promotions', { sourceEnvironmentName: 'dev', targetEnvironmentName: 'prod', versionName: 'm1' }), 403);
    problem(await as('PATCH', '/artifacts?environmentName=prod&versionName=m1', { enabled: false }), 403);
    expect((await ok(await as('GET', '/artifacts?environmentName=dev'), 200)).total).toBe(1);
    expect((await ok(await as('GET', '/artifacts?environmentName=prod'), 200)).total).toBe(0);
    problem(await as('GET', '/artifacts?environmentName=secret'), 403);
    problem(await as('GET', '/published-pipelines?environmentName=secret'), 403);
    // Across environments: only those the member may view (dev here; secret is NONE).
    const all = await ok(await as('GET', '/published-pipelines'), 200);
    expect(all.total).toBe(files.length);
  });

  it('is refused to callers without the role: connectors registration and shared pipelines need Admin', async () => {
    const member = await t().tokenFor('MEMBER');
    expect(await ok(await t().inject({ method: 'GET', url: '/v1/custom-connectors', token: member }), 200)).toBeInstanceOf(Array);
    problem(await t().inject({ method: 'POST', url: '/v1/custom-connectors', token: member, body: { id: 'x' } }), 403);
    problem(await t().inject({ method: 'GET', url: '/v1/shared-pipelines', token: member }), 403);
    problem(await req('POST', '/v1/flex-connectors', { name: 'no key' }), 400);
    // A member without a grant does not see the project.
    problem(await t().inject({ method: 'GET', url: `${base()}/artifacts?environmentName=Prod`, token: member }), 404);
  });
});

describeEachDb('shared pipelines', (t) => {
  let token: string;
  const fixtures = dpcFixtures();
  beforeAll(async () => {
    token = await t().tokenFor('ADMIN');
  });

  it('publishes, lists and details shared-pipeline artifacts (Admin)', async () => {
    const files = fixtures.filter((f) => f.path.startsWith('AI/'));
    const r = await postMultipart(t(), '/v1/shared-pipelines/artifacts', token, files.map((f) => ({ name: f.path, content: f.content })), { versionName: '1.0.0', sharedPipelineIdPrefix: 'acme' });
    expect(await ok(r, 201)).toEqual({ ignoredResources: [], versionName: '1.0.0' });
    problem(await postMultipart(t(), '/v1/shared-pipelines/artifacts', token, [{ name: 'a.orch.yaml', content: 'x' }], { versionName: '1.0.0', sharedPipelineIdPrefix: 'acme' }), 409);
    problem(await postMultipart(t(), '/v1/shared-pipelines/artifacts', token, [{ name: 'a.orch.yaml', content: 'x' }], { versionName: '1.0.1' }), 400);
    const details = await ok(await t().inject({ method: 'GET', url: '/v1/shared-pipelines/artifacts/details?sharedPipelineIdPrefix=acme', token }), 200);
    expect(details.artifactDetails).toEqual({ createdAt: expect.stringMatching(ISO), enabled: true, provider: 'matillion', sharedPipelineIdPrefix: 'acme', versionName: '1.0.0' });
    expect(details.sharedPipelines).toHaveLength(files.length);
    expect(details.sharedPipelines[0]).toEqual({ description: expect.any(String), sharedPipelineId: `acme/${files[0]!.path.replace(/\.(orch|tran)\.yaml$/, '')}`, sourcePipeline: files[0]!.path });
    problem(await t().inject({ method: 'GET', url: '/v1/shared-pipelines/artifacts/details?sharedPipelineIdPrefix=acme&versionName=9', token }), 404);
    const list = await ok(await t().inject({ method: 'GET', url: '/v1/shared-pipelines/artifacts', token }), 200);
    expect(list).toMatchObject({ page: 0, size: 25, total: 1 });
    const pipelines = await ok(await t().inject({ method: 'GET', url: '/v1/shared-pipelines?size=2', token }), 200);
    expect(pipelines).toMatchObject({ page: 0, size: 2, total: files.length });
    expect(pipelines.results[0]).toMatchObject({ sharedPipelineIdPrefix: 'acme', versionName: '1.0.0' });
  });
});

describe('artifacts rules', () => {
  it('has real fixtures to publish', () => {
    expect(dpcFixtures().length).toBeGreaterThanOrEqual(6);
  });
});

export type { TestApp };
