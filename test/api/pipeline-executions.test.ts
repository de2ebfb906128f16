import { beforeAll, beforeEach, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb } from '../helpers/app.js';
import { credential, grant } from '../helpers/access.js';
import { execute, ok, pollUntilTerminal, publishedProject } from '../helpers/executions.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PARENT = 'AI/Barista Reviews/_Parent Job - Barista Reviews';

describeEachDb('pipeline executions', (t) => {
  let token: string;
  let projectId: string;
  const url = (rest = '') => `/v1/projects/${projectId}/pipeline-executions${rest}`;
  const get = async (u: string) => ok(await t().inject({ method: 'GET', url: u, token }), 200);
  const steps = async (id: string) => (await get(url(`/${id}/steps?size=100`))).results;

  beforeAll(async () => {
    token = await t().adminToken();
    projectId = await publishedProject(t(), token);
  });
  // Tests move Plinth's clock past the tokens' 30 minutes: a fresh token for each.
  beforeEach(async () => {
    token = await t().tokenWith(ADMIN_ID, ADMIN_SECRET);
  });

  it('publish → list published → execute (201, UUIDv7) → poll result.status → steps, with child executions for Run Orchestration / Run Transformation', async () => {
    const published = await get(`/v1/projects/${projectId}/published-pipelines?environmentName=dev&size=100`);
    expect(published.results.map((p: any) => p.name)).toContain(`${PARENT}.orch.yaml`);
    const r = await t().inject({ method: 'POST', url: url(), token, body: { pipelineName: PARENT, environmentName: 'dev', scalarVariables: { region: 'eu' } } });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json())).toEqual(['pipelineExecutionId']);
    const id = r.json().pipelineExecutionId;
    expect(id).toMatch(UUID_V7);

    const done = await pollUntilTerminal(t(), token, projectId, id);
    expect(done).toMatchObject({ pipelineExecutionId: id, pipelineName: `${PARENT}.orch.yaml`, projectId, environmentName: 'dev', pipelineType: 'ORCHESTRATION', status: 'SUCCESS', trigger: 'API' });
    expect(done.result).toEqual(Object.fromEntries(Object.entries(done).filter(([k]) => k !== 'result')));
    expect(done.message).toBe('"Run Barista Reviews - Transform and Integrate": Success');
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
    expect(await get(url(`/${id}/status`))).toEqual({ pipelineExecutionId: id, status: 'SUCCESS', result: { status: 'SUCCESS' } });
    const from = new Date(Date.parse(done.startedAt) - 60_000).toISOString();
    const to = new Date(Date.parse(done.startedAt) + 60_000).toISOString();
    const audit = await get(`/v1/events?from=${from}&to=${to}&eventName=pipeline_execution_started&projectId=${projectId}&size=100`);
    expect(audit.results.filter((e: any) => e.eventSubjectId === id)).toHaveLength(1);

    const s = await steps(id);
    expect(s.map((x: any) => x.name)).toEqual(['Start', 'Run Barista Reviews - Extract and Load', 'Run Barista Reviews - Azure OpenAI', 'Run Barista Reviews - OpenAI', 'Run Barista Reviews - Transform and Integrate']);
    expect(s.every((x: any) => x.result.status === 'SUCCESS')).toBe(true);
    const children = s.filter((x: any) => x.childPipeline);
    expect(children).toHaveLength(4);
    for (const c of children) {
      const child = await get(url(`/${c.childPipeline.id}`));
      expect(child).toMatchObject({ pipelineExecutionId: c.childPipeline.id, status: 'SUCCESS', pipelineName: `${c.childPipeline.name}${c.childPipeline.name.endsWith('Integrate') ? '.tran.yaml' : '.orch.yaml'}` });
      expect((await steps(c.childPipeline.id)).length).toBeGreaterThan(0);
    }
    const tran = children.find((c: any) => c.name.endsWith('Transform and Integrate'));
    expect((await get(url(`/${tran.childPipeline.id}`))).pipelineType).toBe('TRANSFORMATION');
  });

  it('a Run Transformation naming its child without the folder (older DPC files) runs the file beside it', async () => {
    const folder = 'AI/Sentiment Analysis with OpenAI GPT 4o';
    const done = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: `${folder}/Sentiment Analysis - Call OpenAI GPT-4o` }));
    expect(done.status).toBe('SUCCESS');
    const run = (await steps(done.pipelineExecutionId)).find((s: any) => s.childPipeline);
    expect(run.childPipeline.name).toBe('Sentiment Analysis - Acquire Review Data');
    expect(await get(url(`/${run.childPipeline.id}`))).toMatchObject({ pipelineName: `${folder}/Sentiment Analysis - Acquire Review Data.tran.yaml`, pipelineType: 'TRANSFORMATION', status: 'SUCCESS' });
  });

  it('a ten-step pipeline reaches SUCCESS at once by default (the first poll sees it)', async () => {
    const started = Date.now();
    const id = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps' });
    const done = await pollUntilTerminal(t(), token, projectId, id, { max: 1 });
    expect(done.status).toBe('SUCCESS');
    expect(Date.now() - started).toBeLessThan(1000);
    const s = await steps(id);
    expect(s).toHaveLength(10);
    expect(done.message).toBe('"Step 9": Success');
  });

  it('plinth.fail fails the first step after Start; plinth.failStep with a failure transition takes it; end-failure ends FAILED', async () => {
    const a = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps.orch.yaml', scalarVariables: { 'plinth.fail': 'true' } }));
    expect(a.status).toBe('FAILED');
    expect(a.message).toBe('"Step 1": Failed (simulated failure)');
    const sa = await steps(a.pipelineExecutionId);
    expect(sa.map((x: any) => x.result.status)).toEqual(['SUCCESS', 'FAILED']);

    const b = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Branching', scalarVariables: { 'plinth.failStep': 'Load' } }));
    expect(b.status).toBe('FAILED');
    expect((await steps(b.pipelineExecutionId)).map((x: any) => `${x.name}:${x.result.status}`)).toEqual(['Start:SUCCESS', 'Load:FAILED', 'Alert:SUCCESS', 'End Failure:SUCCESS']);

    const c = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Branching' }));
    expect(c.status).toBe('SUCCESS');
    expect((await steps(c.pipelineExecutionId)).map((x: any) => x.name)).toEqual(['Start', 'Load', 'Done']);
  });

  it('plinth.stepDelayMs makes each step take that long on Plinth\'s clock; a [plinth:delay=…] component name does it per pipeline', async () => {
    const id = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.stepDelayMs': '60000' } });
    expect((await get(url(`/${id}`))).status).toBe('RUNNING');
    t().clock.advance(5 * 60_000 + 10);
    expect((await get(url(`/${id}`))).status).toBe('RUNNING');
    expect((await steps(id)).filter((s: any) => s.result.status === 'SUCCESS')).toHaveLength(5);
    const done = await pollUntilTerminal(t(), token, projectId, id, { between: () => t().clock.advance(60_000) });
    expect(done.status).toBe('SUCCESS');
    expect(Date.parse(done.finishedAt) - Date.parse(done.startedAt)).toBe(600_000);

    // A parent's Run Orchestration steps last as long as their children: its time is Start's plus theirs.
    const parent = await execute(t(), token, projectId, { pipelineName: PARENT, scalarVariables: { 'plinth.stepDelayMs': '1000' } });
    const p = await pollUntilTerminal(t(), token, projectId, parent, { max: 100, between: () => t().clock.advance(1000) });
    expect(p.status).toBe('SUCCESS');
    const kids = (await steps(parent)).filter((x: any) => x.childPipeline);
    let childSteps = 0;
    for (const k of kids) {
      const c = await get(url(`/${k.childPipeline.id}`));
      childSteps += (await get(url(`/${k.childPipeline.id}/steps`))).total;
      expect(Date.parse(k.result.finishedAt)).toBe(Date.parse(c.finishedAt));
    }
    expect(Date.parse(p.finishedAt) - Date.parse(p.startedAt)).toBe(1000 * (1 + childSteps));

    const m = await execute(t(), token, projectId, { pipelineName: 'plinth/Marked' });
    expect((await get(url(`/${m}`))).status).toBe('RUNNING');
    t().clock.advance(5000);
    expect((await get(url(`/${m}`))).status).toBe('SUCCESS');
  });

  it('plinth.hang holds a run until it is cancelled: soft through CANCELLING, forced straight to CANCELLED; an ended run is 409', async () => {
    const soft = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.hang': 'Step 3' } });
    t().clock.advance(10 * 60_000);
    expect((await get(url(`/${soft}`))).status).toBe('RUNNING');
    expect((await steps(soft)).map((s: any) => s.result.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'RUNNING']);
    const c1 = await t().inject({ method: 'PATCH', url: url(`/${soft}`), token, body: { status: 'CANCELLED' } });
    expect(c1.statusCode, c1.body).toBe(200);
    expect(c1.json()).toEqual({ pipelineExecutionId: soft });
    const direct = await t().app.store.db.selectFrom('pipeline_executions').select('status').where('id', '=', soft).executeTakeFirstOrThrow();
    expect(direct.status).toBe('CANCELLING');
    const ended = await pollUntilTerminal(t(), token, projectId, soft);
    expect(ended.status).toBe('CANCELLED');
    expect((await steps(soft)).at(-1).result.status).toBe('CANCELLED');
    expect((await t().inject({ method: 'PATCH', url: url(`/${soft}`), token, body: { status: 'CANCELLED' } })).statusCode).toBe(409);

    const hard = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.hang': true } });
    ok(await t().inject({ method: 'PATCH', url: url(`/${hard}`), token, body: { status: 'CANCELLED', forceUpdate: true } }), 200);
    const h = await t().app.store.db.selectFrom('pipeline_executions').select('status').where('id', '=', hard).executeTakeFirstOrThrow();
    expect(h.status).toBe('CANCELLED');
    expect((await get(url(`/${hard}/status`))).status).toBe('CANCELLED');

    const bad = await t().inject({ method: 'PATCH', url: url(`/${hard}`), token, body: { status: 'RUNNING' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations.join()).toContain('body.status');
  });

  it('cancelling a parent cancels the child it is waiting for (soft and forced)', async () => {
    for (const forceUpdate of [false, true]) {
      // A named control reaches child executions: the first child's "(Re)create STG_BARISTA_REVIEWS" hangs.
      const id = await execute(t(), token, projectId, { pipelineName: PARENT, scalarVariables: { 'plinth.hang': '(Re)create STG_BARISTA_REVIEWS' } });
      const waiting = (await steps(id)).at(-1);
      expect(waiting.result.status).toBe('RUNNING');
      const childId = waiting.childPipeline.id;
      expect((await get(url(`/${childId}`))).status).toBe('RUNNING');
      ok(await t().inject({ method: 'PATCH', url: url(`/${id}`), token, body: { status: 'CANCELLED', forceUpdate } }), 200);
      expect((await get(url(`/${id}`))).status).toBe('CANCELLED');
      expect((await get(url(`/${childId}`))).status).toBe('CANCELLED');
      expect((await steps(childId)).at(-1).result.status).toBe('CANCELLED');
    }
  });

  it('executionTag: a second run with a running tag is 409; free again once the first ends', async () => {
    const first = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', executionTag: 'nightly', scalarVariables: { 'plinth.hang': true } });
    const dup = await t().inject({ method: 'POST', url: url(), token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev', executionTag: 'nightly' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().violations.join()).toContain('body.executionTag');
    ok(await t().inject({ method: 'PATCH', url: url(`/${first}`), token, body: { status: 'CANCELLED', forceUpdate: true } }), 200);
    await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', executionTag: 'nightly' });
  });

  it('unknown pipeline/environment 404, disabled artifact 410, bad control 400', async () => {
    expect((await t().inject({ method: 'POST', url: url(), token, body: { pipelineName: 'nope', environmentName: 'dev' } })).statusCode).toBe(404);
    expect((await t().inject({ method: 'POST', url: url(), token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'prod' } })).statusCode).toBe(404);
    const bad = await t().inject({ method: 'POST', url: url(), token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev', scalarVariables: { 'plinth.stepDelayMs': 'soon' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations.join()).toContain('plinth.stepDelayMs');
    const other = await publishedProject(t(), token, 'v9');
    ok(await t().inject({ method: 'PATCH', url: `/v1/projects/${other}/artifacts?environmentName=dev&versionName=v9`, token, body: { enabled: false } }), 200);
    const gone = await t().inject({ method: 'POST', url: `/v1/projects/${other}/pipeline-executions`, token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev' } });
    expect(gone.statusCode, gone.body).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect((await t().inject({ method: 'GET', url: url('/0199aaaa-0000-7000-8000-000000000000'), token })).statusCode).toBe(404);
  });

  it('account list: most recent first, walked with limit + paginationToken until more is absent; inserts meanwhile do not disturb it; filters', async () => {
    const p2 = await publishedProject(t(), token, 'v2');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await execute(t(), token, p2, { pipelineName: 'plinth/Ten Steps' }));
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await get(`/v1/pipeline-executions?projectId=${p2}&limit=3${next ? `&paginationToken=${encodeURIComponent(next)}` : ''}`);
      seen.push(...page.results.map((r: any) => r.pipelineExecutionId));
      expect(page.results.every((r: any) => r.result.pipelineExecutionId === r.pipelineExecutionId)).toBe(true);
      next = page.more;
      if (pages++ === 0) await execute(t(), token, p2, { pipelineName: 'plinth/Ten Steps' });
    } while (next);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const filtered = await get(`/v1/pipeline-executions?projectId=${p2}&pipelineName=TEN%20steps&status=SUCCESS&trigger=API&limit=500&timeFrame=PT1H`);
    expect(filtered.results.length).toBe(8);
    expect(filtered.more).toBeUndefined();
    expect((await get(`/v1/pipeline-executions?projectId=${p2}&status=FAILED`)).results).toEqual([]);
    expect((await get(`/v1/pipeline-executions?projectId=${p2}&startedAfter=2999-01-01T00:00:00Z`)).results).toEqual([]);
    expect((await t().inject({ method: 'GET', url: '/v1/pipeline-executions?paginationToken=garbage', token })).statusCode).toBe(400);
  });

  it('lineage: START and COMPLETE RunEvents with the matillion:// namespace and the pipeline path; empty range 200; from >= before 400; missing 400', async () => {
    const from = new Date(t().clock.now.getTime() - 1).toISOString();
    const id = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps' });
    await pollUntilTerminal(t(), token, projectId, id);
    const before = new Date(t().clock.now.getTime() + 1000).toISOString();
    const page = await get(`/v1/lineage/events?generatedFrom=${from}&generatedBefore=${before}&size=100`);
    const mine = page.results.filter((e: any) => e.event.run.runId === id);
    expect(mine.map((e: any) => e.event.eventType)).toEqual(['START', 'COMPLETE']);
    const ev = mine[0].event;
    expect(ev.job.namespace).toMatch(new RegExp(`^matillion://[^.]+\\.${projectId}$`));
    expect(ev.job.name).toBe('plinth/Ten Steps.orch.yaml');
    expect(ev.job.facets.jobType).toMatchObject({ jobType: 'ORCHESTRATION', integration: 'MATILLION', processingType: 'BATCH' });
    expect(ev.producer).toBe('https://www.matillion.com');
    expect(await get('/v1/lineage/events?generatedFrom=2001-01-01T00:00:00Z&generatedBefore=2001-01-02T00:00:00Z')).toEqual({ page: 0, size: 25, total: 0, results: [] });
    expect((await t().inject({ method: 'GET', url: `/v1/lineage/events?generatedFrom=${before}&generatedBefore=${from}`, token })).statusCode).toBe(400);
    expect((await t().inject({ method: 'GET', url: `/v1/lineage/events?generatedFrom=${from}`, token })).statusCode).toBe(400);
    expect((await t().inject({ method: 'GET', url: `/v1/lineage/events?generatedFrom=${from}&generatedBefore=${before}`, token: await t().tokenFor('ADMIN') })).statusCode).toBe(403);
  });

  it('consumption per UTC day and ETL users, computed from the runs', async () => {
    const day = t().clock.now.toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const c = await get(`/v1/consumption?consumedFrom=${day}&consumedBefore=${next}`);
    expect(c.results).toHaveLength(1);
    expect(c.results[0]).toMatchObject({ consumedFrom: day, consumedBefore: next });
    const mine = c.results[0].consumption.find((x: any) => x.dimensions.projectId === projectId && x.consumptionType === 'orchestration');
    expect(mine.credits).toBeGreaterThan(0);
    const u = await get(`/v1/consumption/etl-users?consumedFrom=${day}T00:00:00Z&consumedBefore=${next}T00:00:00Z`);
    expect(u.chargedUsers).toContainEqual({ username: 'test-admin' });
    expect(u.credits).toBe(u.chargedUsers.length);
    expect((await t().inject({ method: 'GET', url: `/v1/consumption?consumedFrom=${next}&consumedBefore=${day}`, token })).statusCode).toBe(400);
    expect((await t().inject({ method: 'GET', url: `/v1/consumption?consumedFrom=${day}&consumedBefore=${next}`, token: await t().tokenFor('MEMBER') })).statusCode).toBe(403);
  });

  it('test executions: started by the extension, cancelled by the documented PATCH', async () => {
    const r = ok(await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/test-executions`, token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev', scalarVariables: { 'plinth.hang': true } } }), 201);
    const tid = r.testExecutionId;
    expect((await get(`/v1/projects/${projectId}/test-executions/${tid}`)).status).toBe('RUNNING');
    expect(ok(await t().inject({ method: 'PATCH', url: `/v1/projects/${projectId}/test-executions/${tid}`, token, body: { status: 'CANCELLED' } }), 200)).toEqual({ testExecutionId: tid });
    expect((await get(`/v1/projects/${projectId}/test-executions/${tid}`)).status).toBe('CANCELLED');
    expect((await t().inject({ method: 'PATCH', url: `/v1/projects/${projectId}/test-executions/${tid}`, token, body: { status: 'CANCELLED', forceUpdate: true } })).statusCode).toBe(409);
    expect((await t().inject({ method: 'GET', url: url(`/${tid}`), token })).statusCode).toBe(404);
  });

  it('a behaviour registered for a pipeline applies to later runs; a request variable wins', async () => {
    ok(await t().inject({ method: 'PUT', url: `/v1/projects/${projectId}/pipeline-behaviours`, token, body: { environmentName: 'dev', pipelineName: 'plinth/Branching.orch.yaml', fail: 'Load' } }), 200);
    const a = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Branching' }));
    expect(a.status).toBe('FAILED');
    const b = await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Branching', scalarVariables: { 'plinth.fail': 'Done' } }));
    expect(b.status).toBe('FAILED');
    expect(b.message).toBe('"Done": Failed (simulated failure)');
    ok(await t().inject({ method: 'PUT', url: `/v1/projects/${projectId}/pipeline-behaviours`, token, body: { environmentName: 'dev', pipelineName: 'plinth/Branching' } }), 200);
    expect((await pollUntilTerminal(t(), token, projectId, await execute(t(), token, projectId, { pipelineName: 'plinth/Branching' }))).status).toBe('SUCCESS');
  });

  it('roles: VIEWER of dev reads but may not run or cancel (403); OPERATOR of dev runs; the account list shows only viewable environments', async () => {
    const viewer = await credential(t(), 'MEMBER');
    const operator = await credential(t(), 'MEMBER');
    await grant(t(), projectId, viewer.clientId, 'VIEWER', { dev: 'VIEWER', prod: 'NONE' });
    await grant(t(), projectId, operator.clientId, 'VIEWER', { dev: 'OPERATOR', prod: 'NONE' });
    const hanging = await execute(t(), token, projectId, { pipelineName: 'plinth/Ten Steps', scalarVariables: { 'plinth.hang': true } });
    expect((await t().inject({ method: 'POST', url: url(), token: viewer.token, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev' } })).statusCode).toBe(403);
    expect((await t().inject({ method: 'PATCH', url: url(`/${hanging}`), token: viewer.token, body: { status: 'CANCELLED' } })).statusCode).toBe(403);
    expect(ok(await t().inject({ method: 'GET', url: url(`/${hanging}`), token: viewer.token }), 200).status).toBe('RUNNING');
    const mine = await execute(t(), operator.token, projectId, { pipelineName: 'plinth/Ten Steps' });
    expect((await pollUntilTerminal(t(), operator.token, projectId, mine)).status).toBe('SUCCESS');
    ok(await t().inject({ method: 'PATCH', url: url(`/${hanging}`), token: operator.token, body: { status: 'CANCELLED', forceUpdate: true } }), 200);
    const listed = ok(await t().inject({ method: 'GET', url: `/v1/pipeline-executions?projectId=${projectId}&limit=100`, token: viewer.token }), 200);
    expect(listed.results.length).toBeGreaterThan(0);
    expect(listed.results.every((r: any) => r.environmentName === 'dev')).toBe(true);
  });

  it('roles: a credential with no grant sees nothing (404) and lists nothing', async () => {
    const member = await t().tokenFor('MEMBER');
    expect((await t().inject({ method: 'POST', url: url(), token: member, body: { pipelineName: 'plinth/Ten Steps', environmentName: 'dev' } })).statusCode).toBe(404);
    const listed = ok(await t().inject({ method: 'GET', url: '/v1/pipeline-executions?limit=100', token: member }), 200);
    expect(listed.results).toEqual([]);
  });
});
