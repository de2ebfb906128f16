/**
 * npm run bench [-- --quick] [-- --no-postgres] [-- --no-prism] [-- --no-profile] [-- --no-scale] [-- --only-list] [-- --only-executions] [-- --only-hot] [-- --only-cold] [-- --only-profile]
 *
 * One run, one machine: the built Plinth (dist/, `node bin/plinth.js serve`) on SQLite and on
 * PostgreSQL, the limit (bare Fastify routes returning the same JSON) and the peer (Prism mocking
 * seed 001), all as child processes on 127.0.0.1, driven by autocannon. Everything is bounded in
 * time and request count; everything started is stopped (also on Ctrl-C and on errors).
 * Results go to docs/benchmarks.md and the terminal. BENCH_QUICK=1 equals --quick.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { grantedMemberToken } from './lib/grants.js';
import { CONNECTION_BODY, PROJECT_BODY, checkFlowOnce, missingFlowSteps, runFlows, type FlowResult } from './lib/flow.js';
import { closeAgent, isMissingRoute, request } from './lib/http.js';
import { runLoad, runLoadInterleaved, type LoadResult, type LoadSpec, type Outcome } from './lib/load.js';
import { preparePrism, startPrism, PRISM_VERSION } from './lib/prism.js';
import { freePort, killAll, spawnGroup, stopGroup, waitHttp, waitOutput } from './lib/proc.js';
import { summariseProfile, type ProfileSummary } from './lib/profile.js';
import { stageTimes, type StageTimes } from './lib/stages.js';
import { f0, f1, f2, keptAnalysis, ms, profileMarkdown, stagesMarkdown, table, textTable, type Row } from './lib/report.js';
import {
  OUT,
  ROOT,
  TOKEN_FORM,
  createDb,
  dropAll,
  getToken,
  logPath,
  plinthEnv,
  postgresAvailable,
  serverOf,
  startPlinth,
  type BenchDb,
  type DbKind,
  type Server,
} from './lib/targets.js';
import { prepareExecutions, runExecutions, type ExecutionsResult } from './lib/executions.js';
import { startFloor } from './lib/floor.js';
import { SCALE_CONNS_PER_PROJECT, scaleRun, type ScaleResult } from './lib/scale.js';
import { COLD, coldStarts, type ColdResults } from './lib/cold.js';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const WANT_PG = !argv.includes('--no-postgres');
const WANT_PRISM = !argv.includes('--no-prism');
const WANT_PROFILE = !argv.includes('--no-profile');
const WANT_SCALE = !argv.includes('--no-scale');
/** Only the two authenticated list figures (Super Admin, granted MEMBER) on each database, no build. */
const ONLY_LIST = argv.includes('--only-list');
/** Only the execute → poll-until-terminal scenario (issue 15) on each database. */
const ONLY_EXECUTIONS = argv.includes('--only-executions');
/** Only the cold-start figures (built dist/ as it is; no build). */
const ONLY_COLD = argv.includes('--only-cold');
/** Only the profiles of the three hot paths, their stage table printed; no docs written. */
const ONLY_PROFILE = argv.includes('--only-profile');
/** Only the scale figures (100,000 projects, 1,000,000 connections) with their peak RSS; no docs written. */
const ONLY_SCALE = argv.includes('--only-scale');
/** Only the hot paths (token, list, both POSTs) of Plinth, the same-work floor and the bare route; no docs written. */
const ONLY_HOT = argv.includes('--only-hot');

const P = QUICK
  ? { durationS: 2, warmupS: 0.5, connections: 50, flowConcurrency: 16, coldRuns: 3, scaleProjects: 10_000, scaleConnections: 100_000, scaleDurationS: 1, scaleWarmupS: 0.3, scaleConnectionsC: 10 }
  : { durationS: 6, warmupS: 1.5, connections: 100, flowConcurrency: 32, coldRuns: 5, scaleProjects: 100_000, scaleConnections: 1_000_000, scaleDurationS: 3, scaleWarmupS: 1, scaleConnectionsC: 10 };
const MAX_REQUESTS = 1_000_000;
const RUN_ID = randomUUID().slice(0, 8);
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const started = Date.now();
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadAtStart = (() => {
  try {
    return loadavg();
  } catch {
    return '?';
  }
})();

const log = (s: string) => process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}\n`);

// ---------------------------------------------------------------------------------------------
// Clean-up on every exit path.

let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  killAll();
  closeAgent();
  await Promise.race([dropAll(), new Promise((r) => setTimeout(r, 10_000).unref())]);
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    process.stderr.write(`\nbench: ${sig}, stopping everything it started …\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Results.

const results: Record<string, Record<string, Outcome>> = {}; // target → scenario → outcome
const flows: Record<string, { ok: true; r: FlowResult } | { ok: false; na: boolean; reason: string }> = {};
const rss: Record<string, number | null> = {};
const cold: ColdResults = {};
const scale: Record<string, ScaleResult> = {};
const profiles: Record<string, (ProfileSummary & { stages: StageTimes & { requests: number } }) | { error: string }> = {};
const executions: Record<string, { ok: true; r: ExecutionsResult } | { ok: false; reason: string }> = {};
const notes: string[] = [];

function put(target: string, scenario: string, o: Outcome) {
  (results[target] ??= {})[scenario] = o;
}

async function measure(label: string, spec: LoadSpec): Promise<Outcome> {
  try {
    const r = await runLoad({ maxRequests: MAX_REQUESTS, ...spec });
    log(`  ${label}: ${f0(r.rps)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`);
    return { ok: true, r };
  } catch (err) {
    log(`  ${label}: ERROR ${(err as Error).message}`);
    return { ok: false, na: false, reason: (err as Error).message };
  }
}

/** As `measure`, for scenarios compared with each other: 4 alternating slices each (runLoadInterleaved). */
async function measureInterleaved(labels: string[], specs: LoadSpec[]): Promise<Outcome[]> {
  try {
    const rs = await runLoadInterleaved(specs.map((s) => ({ maxRequests: MAX_REQUESTS, ...s })), 4);
    rs.forEach((r, i) => log(`  ${labels[i]}: ${f0(r.rps)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)} (interleaved)`));
    return rs.map((r) => ({ ok: true, r }));
  } catch (err) {
    log(`  ${labels.join(' / ')}: ERROR ${(err as Error).message}`);
    return labels.map(() => ({ ok: false, na: false, reason: (err as Error).message }));
  }
}

const na = (reason: string): Outcome => ({ ok: false, na: true, reason });

// ---------------------------------------------------------------------------------------------
// Scenario definitions (shared by Plinth, the bare route and Prism so they send the same requests).

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { 'content-type': 'application/json' };
const LIST_PATH = '/v1/projects?page=0&size=25';

function tokenSpec(base: string): LoadSpec {
  return {
    url: `${base}/oauth/dpc/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: TOKEN_FORM,
    connections: P.connections,
    durationS: P.durationS,
    warmupS: P.warmupS,
  };
}
function listSpec(base: string, token: string, p = LIST_PATH, o: Partial<LoadSpec> = {}): LoadSpec {
  return { url: `${base}${p}`, headers: auth(token), connections: P.connections, durationS: P.durationS, warmupS: P.warmupS, ...o };
}
function createProjectSpec(base: string, token: string, tag: string, o: Partial<LoadSpec> = {}): LoadSpec {
  return {
    url: `${base}/v1/projects`,
    method: 'POST',
    headers: { ...auth(token), ...json },
    build: (n) => ({ body: JSON.stringify(PROJECT_BODY(`p-${RUN_ID}-${tag}-${n}`)) }),
    connections: P.connections,
    durationS: P.durationS,
    warmupS: P.warmupS,
    ...o,
  };
}
function createConnectionSpec(base: string, token: string, projectId: string, tag: string, o: Partial<LoadSpec> = {}): LoadSpec {
  return {
    url: `${base}/v1/projects/${projectId}/connections`,
    method: 'POST',
    headers: { ...auth(token), ...json },
    build: (n) => ({ body: JSON.stringify(CONNECTION_BODY(`c-${RUN_ID}-${tag}-${n}`)) }),
    connections: P.connections,
    durationS: P.durationS,
    warmupS: P.warmupS,
    ...o,
  };
}

/** The JSON each Plinth endpoint returned, for the bare routes to return verbatim. */
const captured: { token?: unknown; list?: unknown; createProject?: unknown; createConnection?: unknown } = {};

// Seed 001's 201 example (what Prism answers); used by the bare route only if no Plinth run
// captured a real 201 (e.g. the connections probe failed).
const SEED_CONNECTION_RESPONSE = {
  id: '550e8400-e29b-41d4-a716-446655440010',
  name: 'my-aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
  createdBy: '550e8400-e29b-41d4-a716-446655440001',
  createdDate: '2024-01-15T10:30:00.123Z',
  projectId: '550e8400-e29b-41d4-a716-446655440002',
  connectionDetails: {
    description: 'AWS credentials for the analytics environment',
    secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
    connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
  },
};

async function seedProjects(base: string, token: string, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await request(base, 'POST', '/v1/projects', { token, json: PROJECT_BODY(`seed-${RUN_ID}-${tag}-${String(i).padStart(3, '0')}`) });
    if (r.status !== 201) throw new Error(`seeding projects failed: ${r.status} ${r.text}`);
    ids.push(r.json().projectId);
  }
  return ids;
}

/** Whether POST /v1/projects/{id}/connections exists; returns its 201 body when it does. */
async function probeConnections(base: string, token: string, projectId: string): Promise<{ body: unknown } | { missing: string } | { error: string }> {
  const r = await request(base, 'POST', `/v1/projects/${projectId}/connections`, { token, json: CONNECTION_BODY(`probe-${RUN_ID}`) });
  if (isMissingRoute(r)) return { missing: 'n/a (endpoint not implemented)' };
  if (r.status !== 201) return { error: `probe answered ${r.status}: ${r.text.slice(0, 200)}` };
  return { body: r.json() };
}

// ---------------------------------------------------------------------------------------------
// Steps.

function build() {
  log('npm run build …');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

async function plinthThroughput(kind: DbKind) {
  const target = `plinth-${kind}`;
  log(`Plinth on ${kind}: throughput scenarios`);
  const db = await createDb(kind);
  const srv = await startPlinth(target, db);
  let floor: Server | undefined;
  try {
    const token = await getToken(srv.base);
    if (ONLY_EXECUTIONS) return await executionsScenario(target, srv.base, token, kind);
    const ids = await seedProjects(srv.base, token, 30, kind);

    const tok = await request(srv.base, 'POST', '/oauth/dpc/token', { body: TOKEN_FORM, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    captured.token ??= tok.json();
    captured.list ??= (await request(srv.base, 'GET', LIST_PATH, { token })).json();
    const member = await grantedMemberToken(srv.base, token, ids, `${RUN_ID}-${kind}`);
    if (ONLY_LIST) {
      // The Super Admin's and the granted MEMBER's list, compared with each other (issue 13).
      const [list, listGranted] = await measureInterleaved(['GET /v1/projects', 'GET /v1/projects (granted MEMBER)'], [listSpec(srv.base, token), listSpec(srv.base, member)]);
      put(target, 'list', list!);
      put(target, 'listGranted', listGranted!);
      return;
    }
    const one = await request(srv.base, 'POST', '/v1/projects', { token, json: PROJECT_BODY(`capture-${RUN_ID}-${kind}`) });
    captured.createProject ??= one.json();
    const probe = await probeConnections(srv.base, token, ids[0]!);
    if ('body' in probe) captured.createConnection ??= probe.body;

    // The flow and the executions first, on the seeded database alone: after the hot paths they
    // would run against the tens of thousands of rows those wrote, a number that moves with
    // their throughput.
    if (!ONLY_HOT) {
      const missing = await missingFlowSteps(srv.base, token);
      if (missing.length) {
        const reason = `n/a (endpoint not implemented: ${missing.join(', ')})`;
        log(`  provisioning flow: ${reason}`);
        flows[target] = { ok: false, na: true, reason };
      } else {
        try {
          log(`  provisioning flow, one alone first: ${await checkFlowOnce(srv.base, `${RUN_ID}-${kind}-check`)}`);
          const r = await runFlows(srv.base, { concurrency: P.flowConcurrency, durationS: P.durationS, warmupS: P.warmupS, maxFlows: 200_000, runId: `${RUN_ID}-${kind}` });
          log(`  provisioning flow: ${f1(r.flowsPerS)} flows/s (${f1(r.requestsPerFlow)} requests each on average)  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`);
          flows[target] = { ok: true, r };
        } catch (err) {
          log(`  provisioning flow: ERROR ${(err as Error).message}`);
          flows[target] = { ok: false, na: false, reason: (err as Error).message };
        }
      }
      await executionsScenario(target, srv.base, token, kind);
    }
    // Every ratio is taken between scenarios measured in alternation over the same stretch of
    // time (runLoadInterleaved): the bare route (and Prism) run beside this server, so a drift in
    // the machine's speed — it moved 2× within minutes — lands on both sides of each ratio.
    const bare = await startBare();
    const limit = `bare@${kind}`;
    // The same-work floor on this database, measured in the same alternation: its figures and
    // Plinth's are then taken over one stretch of the machine's time, as the bare route's are.
    const floorTarget = `floor-${kind}`;
    floor = await startFloor(db).catch((err: Error) => {
      log(`  floor: ERROR ${err.message}`);
      for (const scenario of ['list', 'createProject', 'createConnection']) put(floorTarget, scenario, { ok: false, na: false, reason: err.message });
      return undefined;
    });
    const withFloor = (spec: (base: string) => LoadSpec): [string, LoadSpec][] => (floor ? [[floorTarget, spec(floor.base)]] : []);
    const pair = async (scenario: string, label: string, specs: [string, LoadSpec][]) => {
      const outcomes = await measureInterleaved(
        specs.map(([t]) => `${label} (${t})`),
        specs.map(([, spec]) => spec),
      );
      specs.forEach(([t], i) => put(t, scenario, outcomes[i]!));
    };
    await pair('token', 'token', [[target, tokenSpec(srv.base)], [limit, tokenSpec(bare.base)]]);
    const [list, listGranted, bareList, floorList] = await measureInterleaved(
      [`GET /v1/projects (${target})`, `GET /v1/projects, granted MEMBER (${target})`, `GET /v1/projects (${limit})`, ...(floor ? [`GET /v1/projects (${floorTarget})`] : [])],
      [listSpec(srv.base, token), listSpec(srv.base, member), listSpec(bare.base, 'x'), ...(floor ? [listSpec(floor.base, 'x')] : [])],
    );
    put(target, 'list', list!);
    put(target, 'listGranted', listGranted!);
    put(limit, 'list', bareList!);
    if (floorList) put(floorTarget, 'list', floorList);
    await pair('createProject', 'POST /v1/projects', [
      [target, createProjectSpec(srv.base, token, kind)],
      [limit, createProjectSpec(bare.base, 'x', `bare-${kind}`)],
      ...withFloor((base) => createProjectSpec(base, 'x', floorTarget)),
    ]);

    if ('body' in probe) {
      const prism = await startPrismOnce();
      const specs: [string, LoadSpec][] = [
        [target, createConnectionSpec(srv.base, token, ids[1]!, kind)],
        [limit, createConnectionSpec(bare.base, 'x', randomUUID(), `bare-${kind}`)],
        ...withFloor((base) => createConnectionSpec(base, 'x', ids[2]!, floorTarget)),
      ];
      if ('base' in prism) specs.push([`prism@${kind}`, createConnectionSpec(prism.base, 'x', prism.projectId, `prism-${kind}`)]);
      else put(`prism@${kind}`, 'createConnection', na(prism.skipped));
      await pair('createConnection', 'POST connections', specs);
    } else {
      const why = 'missing' in probe ? probe.missing : probe.error;
      log(`  POST connections: ${why}`);
      put(target, 'createConnection', 'missing' in probe ? na(probe.missing) : { ok: false, na: false, reason: probe.error });
    }

  } finally {
    if (floor) rss[`floor-${kind}`] = await floor.stop();
    rss[target] = await srv.stop();
    await db.drop();
  }
}

/** Execute a published ten-step pipeline and poll its status until terminal, by concurrent workers. */
async function executionsScenario(target: string, base: string, token: string, kind: string) {
  try {
    const projectId = await prepareExecutions(base, token, `${RUN_ID}-${kind}`);
    const r = await runExecutions(base, token, projectId, { concurrency: P.flowConcurrency, durationS: P.durationS });
    log(`  execute → poll until terminal: ${f1(r.runsPerS)} runs/s (${r.runs} runs, ${f1(r.pollsPerRun)} polls each)  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`);
    executions[target] = { ok: true, r };
  } catch (err) {
    log(`  execute → poll until terminal: ERROR ${(err as Error).message}`);
    executions[target] = { ok: false, reason: (err as Error).message };
  }
}

/**
 * Per-request time split from saturated throughput (1 / req/s of one server process): the bare
 * route's is the framework (and load generator), floor − bare the statements, Plinth − floor
 * Plinth's own overhead.
 */
function floorRows(kinds: DbKind[]): string[][] {
  const us = (o: Outcome | undefined) => (o?.ok ? 1e6 / o.r.rps : undefined);
  const out: string[][] = [];
  for (const k of kinds) {
    for (const [key, what] of [['list', 'GET /v1/projects page of 25'], ['createProject', 'POST /v1/projects'], ['createConnection', 'POST /v1/projects/{id}/connections']] as const) {
      const b = us(results[`bare@${k}`]?.[key]);
      const f = us(results[`floor-${k}`]?.[key]);
      const p = us(results[`plinth-${k}`]?.[key]);
      if (b === undefined || f === undefined || p === undefined) continue;
      out.push([`${what} (${k})`, `${f0(b)} µs`, `${f0(f - b)} µs`, `${f0(p - f)} µs`, `${f0(p)} µs`, `${f2(1e6 / p / (1e6 / f))}×`]);
    }
  }
  return out;
}

/** The bare Fastify routes returning the JSON Plinth returned: started once, beside the Plinth servers. */
let bareServer: Server | undefined;
async function startBare(): Promise<Server> {
  if (bareServer) return bareServer;
  log('Limit: bare Fastify routes returning the same JSON (running beside Plinth, measured in alternation with it)');
  const routesFile = path.join(OUT, 'bare-routes.json');
  writeFileSync(
    routesFile,
    JSON.stringify([
      { method: 'POST', url: '/oauth/dpc/token', status: 200, body: captured.token },
      { method: 'GET', url: '/v1/projects', status: 200, body: captured.list },
      { method: 'POST', url: '/v1/projects', status: 201, body: captured.createProject },
      { method: 'POST', url: '/v1/projects/:projectId/connections', status: 201, body: captured.createConnection ?? SEED_CONNECTION_RESPONSE },
    ]),
  );
  const port = await freePort();
  const child = spawnGroup('bare', process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', routesFile], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port) },
    logFile: logPath('bare'),
  });
  const srv = serverOf('bare', `http://127.0.0.1:${port}`, child);
  await waitHttp(`${srv.base}/v1/projects`, 30_000, child);
  return (bareServer = srv);
}

/** Prism mocking seed 001, started once (or why not), beside the Plinth servers. */
let prismServer: { srv: Server; base: string; projectId: string } | { skipped: string } | undefined;
async function startPrismOnce(): Promise<{ base: string; projectId: string } | { skipped: string }> {
  if (prismServer) return prismServer;
  log(`Peer: Prism ${PRISM_VERSION} mocking seed 001 (running beside Plinth, measured in alternation with it)`);
  if (!WANT_PRISM) return (prismServer = { skipped: 'skipped (--no-prism)' });
  const prep = preparePrism(log);
  if ('skip' in prep) {
    log(`  skipped: ${prep.skip}`);
    notes.push(`Prism scenario skipped: ${prep.skip}.`);
    return (prismServer = { skipped: `skipped: ${prep.skip}` });
  }
  const srv = await startPrism(prep.spec);
  const projectId = randomUUID();
  const check = await request(srv.base, 'POST', `/v1/projects/${projectId}/connections`, { token: 'x', json: CONNECTION_BODY('prism-probe') });
  if (check.status !== 201) {
    rss.prism = await srv.stop();
    return (prismServer = { skipped: `Prism answered ${check.status} to the probe: ${check.text.slice(0, 200)}` });
  }
  prismServer = { srv, base: srv.base, projectId };
  return prismServer;
}

async function stopPeers() {
  if (bareServer) rss.bare = await bareServer.stop();
  if (prismServer && 'srv' in prismServer) rss.prism = await prismServer.srv.stop();
  bareServer = undefined;
  prismServer = undefined;
}

async function runColdStarts(kinds: DbKind[]) {
  Object.assign(cold, await coldStarts(kinds, P.coldRuns, log));
}

async function runScale(kind: DbKind) {
  scale[kind] = await scaleRun(kind, {
    params: { projects: P.scaleProjects, connections: P.scaleConnections, connectionsC: P.scaleConnectionsC, durationS: P.scaleDurationS, warmupS: P.scaleWarmupS },
    runId: RUN_ID,
    listPath: LIST_PATH,
    log,
    measure,
    listSpec,
    createProjectSpec,
    createConnectionSpec,
    seedProjects,
  });
}

const PROFILED = { list: 'GET /v1/projects', createProject: 'POST /v1/projects', createConnection: 'POST /v1/projects/{id}/connections', flow: 'provisioning flow (per flow, not per request)' };

async function profileRun() {
  log('Profiles: node --cpu-prof on the server (SQLite), GET /v1/projects, POST /v1/projects, POST …/connections and the provisioning flow');
  const dir = path.join(OUT, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  for (const which of ['list', 'createProject', 'createConnection', 'flow'] as const) {
    const db = await createDb('sqlite');
    const profDir = path.join(dir, which);
    mkdirSync(profDir, { recursive: true });
    // The measured window in CLOCK_MONOTONIC µs, the clock of the profile's own timestamps:
    // start-up, seeding, warm-up and shutdown stay out of the summary.
    const window = { from: 0, to: 0, requests: 0 };
    const monoUs = () => Number(process.hrtime.bigint() / 1000n);
    const srv = await startPlinth(`profile-${which}`, db, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
    try {
      if (which === 'flow') {
        // Per flow: `requests` counts whole flows here.
        const o = { concurrency: P.flowConcurrency, maxFlows: 200_000 };
        await runFlows(srv.base, { ...o, durationS: P.warmupS, warmupS: 0, runId: `${RUN_ID}-prof-warm` });
        window.from = monoUs();
        const r = await runFlows(srv.base, { ...o, durationS: P.durationS, warmupS: 0, runId: `${RUN_ID}-prof` });
        window.to = monoUs();
        window.requests = r.flows;
        log(`  (profiled, not a result) flow: ${f1(r.flowsPerS)} flows/s`);
      } else {
        const token = await getToken(srv.base);
        const ids = await seedProjects(srv.base, token, 30, `prof-${which}`);
        const spec = which === 'list' ? listSpec(srv.base, token) : which === 'createProject' ? createProjectSpec(srv.base, token, 'prof') : createConnectionSpec(srv.base, token, ids[0]!, 'prof');
        await runLoad({ ...spec, durationS: spec.warmupS, warmupS: 0 });
        window.from = monoUs();
        const o = await measure(`(profiled, not a result) ${which}`, { ...spec, warmupS: 0 });
        window.to = monoUs();
        if (o.ok) window.requests = o.r.ok + o.r.non2xx;
      }
    } finally {
      await srv.stop();
      await db.drop();
    }
    try {
      // The main thread's (CPU.<date>.<time>.<pid>.0.<seq>): the WAL checkpoint worker writes its own.
      const f = readdirSync(profDir).find((n) => /\.\d+\.0\.\d+\.cpuprofile$/.test(n));
      if (!f) throw new Error('no .cpuprofile written');
      const file = path.join(profDir, f);
      profiles[which] = { ...summariseProfile(file, ROOT, 15, window.from, window.to), stages: { ...stageTimes(file, ROOT, window.from, window.to), requests: window.requests } };
    } catch (err) {
      profiles[which] = { error: (err as Error).message };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

function machine(pgVersion: string | null) {
  const cpu = os.cpus();
  const v = (p: string) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version as string;
    } catch {
      return '?';
    }
  };
  const mem = new SQLite(':memory:');
  const sqliteVersion = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
  mem.close();
  return {
    cpu: `${cpu[0]?.model ?? '?'} × ${cpu.length}`,
    memory: `${f1(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite: sqliteVersion,
    postgres: pgVersion ?? 'not available',
    packages: ['fastify', 'kysely', 'better-sqlite3', 'pg', 'jose', 'ajv', 'autocannon'].map((p) => `${p} ${v(p)}`).concat(`@stoplight/prism-cli ${PRISM_VERSION}`).join(', '),
    plinth: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
  };
}

const rate = (o?: Outcome) => (o && o.ok ? o.r.rps : NaN);
/** A target's database: plinth-sqlite, floor-sqlite, bare@sqlite, prism@sqlite → sqlite. */
const kindOf = (target: string) => target.split(/[-@]/).pop()!;
/** Throughput over the bare route's measured in alternation with the same Plinth server. */
function ratioToBare(target: string, scenario: string): string {
  if (target.startsWith('bare@')) return '1.00×';
  const o = results[target]?.[scenario];
  const b = results[`bare@${kindOf(target)}`]?.[scenario];
  return o?.ok && b?.ok ? `${f2(o.r.rps / b.r.rps)}×` : '–';
}
function cell(o?: Outcome, unit = 'req/s'): string {
  if (!o) return '–';
  if (!o.ok) return o.na ? o.reason : `error: ${o.reason.slice(0, 80)}`;
  return `${f0(o.r.rps)} ${unit}`;
}
function ratioRow(target: string, goal: number, num: Outcome | undefined, den: Outcome | undefined, what: string): Row {
  if (!num?.ok || !den?.ok) {
    const why = !num ? 'not run' : !num.ok ? num.reason : !den ? 'not run' : !den.ok ? `reference: ${den.reason}` : '';
    return { target, goal: `≥ ${goal}× ${what}`, measured: why, result: 'n/a' };
  }
  const r = num.r.rps / den.r.rps;
  return { target, goal: `≥ ${goal}× ${what}`, measured: `${f0(num.r.rps)} vs ${f0(den.r.rps)} req/s = ${f2(r)}×`, result: r >= goal ? 'pass' : 'miss' };
}

function targetRows(kinds: DbKind[]): Row[] {
  const rows: Row[] = [];
  const bareOf = (k: DbKind) => results[`bare@${k}`] ?? {};
  for (const k of kinds) {
    const t = results[`plinth-${k}`] ?? {};
    rows.push(ratioRow(`Authenticated GET /v1/projects (${k})`, 0.5, t.list, bareOf(k).list, 'bare route'));
    rows.push(ratioRow(`GET /v1/projects, granted MEMBER vs Super Admin (${k})`, 0.9, t.listGranted, t.list, "the Super Admin's"));
  }
  for (const k of kinds) {
    const t = results[`plinth-${k}`] ?? {};
    rows.push(ratioRow(`Validated + persisted POST /v1/projects/{id}/connections (${k})`, 0.25, t.createConnection, bareOf(k).createConnection, 'bare route'));
    rows.push(ratioRow(`Validated + persisted POST /v1/projects (${k})`, 0.25, t.createProject, bareOf(k).createProject, 'bare route'));
  }
  for (const k of kinds) {
    const t = results[`plinth-${k}`] ?? {};
    rows.push(ratioRow(`POST /v1/projects/{id}/connections vs Prism (${k})`, 3, t.createConnection, results[`prism@${k}`]?.createConnection, 'Prism'));
  }
  const fl = flows['plinth-sqlite'];
  rows.push({
    target: 'Full provisioning flow, embedded (SQLite)',
    goal: '≥ 300 flows/s',
    measured: !fl ? 'not run' : fl.ok ? `${f1(fl.r.flowsPerS)} flows/s (${f1(fl.r.requestsPerFlow)} requests each on average)` : fl.reason,
    result: !fl || !fl.ok ? 'n/a' : fl.r.flowsPerS >= 300 ? 'pass' : 'miss',
  });
  // Beside each absolute figure, what its same-work floor and Node alone took in the same stretch.
  const cn = cold[COLD.node];
  for (const [key, floorKey, what] of [
    [COLD.sqliteNew, COLD.floorNew, 'new SQLite file'],
    [COLD.sqliteExisting, COLD.floorExisting, 'existing SQLite file'],
  ] as const) {
    const c = cold[key];
    const cf = cold[floorKey];
    const context = [cf && !('error' in cf) ? `same-work floor ${f0(cf.median)} ms` : '', cn && !('error' in cn) ? `\`node -e 0\` ${f0(cn.median)} ms` : ''].filter(Boolean).join(', ');
    rows.push({
      target: `Cold start to first authenticated 200 (${what})`,
      goal: '≤ 300 ms',
      measured: !c ? 'not run' : 'error' in c ? c.error : `${f0(c.median)} ms median${context ? ` (${context})` : ''}`,
      result: !c || 'error' in c ? 'n/a' : c.median <= 300 ? 'pass' : 'miss',
    });
  }
  for (const k of kinds) {
    const s = scale[k];
    const names: [string, string][] = [
      ['listFirst', 'GET /v1/projects page 0'],
      ['listLate', 'GET /v1/projects last page'],
      ['get', 'GET /v1/projects/{id}'],
      ['create', 'POST /v1/projects'],
      ['listConnections', 'GET /v1/projects/{id}/connections page 0'],
      ['getConnection', 'GET one connection (connectionNames filter)'],
      ['createConnection', 'POST /v1/projects/{id}/connections'],
    ];
    for (const [key, what] of names) {
      const conns = s && !('error' in s) && s.connectionsLoaded ? ` / ${f0(s.connectionsLoaded)} connections` : '';
      const target = `p99 at ${f0(P.scaleProjects)} projects${conns}: ${what} (${k})`;
      if (!s || 'error' in s) {
        rows.push({ target, goal: '≤ 2× empty', measured: s ? s.error : 'not run', result: 'n/a' });
        continue;
      }
      const e = s.empty[key];
      const l = s.loaded[key];
      if (!e?.ok || !l?.ok) {
        rows.push({ target, goal: '≤ 2× empty', measured: (!l ? 'not run' : !l.ok ? l.reason : !e ? 'not run' : !e.ok ? e.reason : '') || 'n/a', result: 'n/a' });
        continue;
      }
      const r = l.r.p99 / e.r.p99;
      rows.push({ target, goal: '≤ 2× empty', measured: `${ms(l.r.p99)} vs ${ms(e.r.p99)} = ${f2(r)}×`, result: r <= 2 ? 'pass' : 'miss' });
    }
  }
  const peak = Math.max(
    ...Object.entries(rss).filter(([k, v]) => k.startsWith('plinth') && v !== null).map(([, v]) => v as number),
    ...Object.values(scale).flatMap((s) => ('error' in s ? [] : [s.rssEmpty ?? 0, s.rssLoaded ?? 0])),
  );
  rows.push({
    target: 'Peak RSS of the Plinth server (max over every run above)',
    goal: '≤ 200 MB',
    measured: Number.isFinite(peak) ? `${peak} MB` : 'not measured',
    result: !Number.isFinite(peak) ? 'n/a' : peak <= 200 ? 'pass' : 'miss',
  });
  return rows;
}

function writeReport(kinds: DbKind[], pgVersion: string | null, rows: Row[]) {
  const m = machine(pgVersion);
  const cmd = `npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}${process.env.BENCH_QUICK === '1' ? ' (BENCH_QUICK=1)' : ''}`;
  const scen: [string, string][] = [
    ['token', 'POST /oauth/dpc/token (form body)'],
    ['list', 'GET /v1/projects?page=0&size=25 (authenticated, 30+ projects)'],
    ['listGranted', 'the same as a MEMBER credential granted VIEWER on the 30 seeded projects (issue 13)'],
    ['createProject', 'POST /v1/projects (validated, persisted, unique names)'],
    ['createConnection', 'POST /v1/projects/{id}/connections (validated, persisted, unique names)'],
  ];
  const targets = kinds.flatMap((k) => [`bare@${k}`, `floor-${k}`, `plinth-${k}`, `prism@${k}`]);
  const tputRows: string[][] = [];
  for (const [key, what] of scen) {
    for (const t of targets) {
      const o = results[t]?.[key];
      if (!o) continue;
      const ratio = ratioToBare(t, key);
      tputRows.push([what, t, cell(o), o.ok ? ms(o.r.p50) : '–', o.ok ? ms(o.r.p99) : '–', ratio]);
    }
  }
  const flowRows = Object.entries(flows).map(([t, f]) =>
    f.ok ? [t, `${f1(f.r.flowsPerS)} flows/s`, String(f.r.flows), f1(f.r.requestsPerFlow), ms(f.r.p50), ms(f.r.p99)] : [t, f.reason, '–', '–', '–', '–'],
  );
  const coldRows = Object.entries(cold).map(([k, c]) => ('error' in c ? [k, c.error, '–'] : [k, `${f0(c.median)} ms`, c.runs.map((r) => f0(r)).join(', ')]));
  const scaleRows: string[][] = [];
  for (const [k, s] of Object.entries(scale)) {
    if ('error' in s) {
      scaleRows.push([k, s.error, '', '', '', '', '']);
      continue;
    }
    for (const key of Object.keys(s.loaded)) {
      const e = s.empty[key];
      const l = s.loaded[key];
      scaleRows.push([
        k,
        key,
        e?.ok ? `${ms(e.r.p50)} / ${ms(e.r.p99)}` : e ? (e.na ? e.reason : 'error') : '–',
        l?.ok ? `${ms(l.r.p50)} / ${ms(l.r.p99)}` : l ? (l.na ? l.reason : `error: ${l.reason.slice(0, 60)}`) : '–',
        e?.ok && l?.ok ? `${f2(l.r.p99 / e.r.p99)}×` : '–',
        e?.ok ? f0(e.r.rps) : '–',
        l?.ok ? f0(l.r.rps) : '–',
      ]);
    }
  }
  const md = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts); the analysis section between the markers is',
    'written by hand and kept when the file is regenerated. Timed assertions never go in the test',
    'suite; these figures are measured in one run on one machine, load generator included.',
    '',
    '## Run',
    '',
    table(
      ['', ''],
      [
        ['command', `\`${cmd}\``],
        ['mode', QUICK ? 'quick (smaller numbers: a smoke run, not the figures to quote)' : 'full'],
        ['date', new Date().toISOString()],
        ['Plinth commit', m.plinth],
        ['CPU', m.cpu],
        ['memory', m.memory],
        ['OS', m.os],
        ['Node', m.node],
        ['SQLite', m.sqlite],
        ['PostgreSQL', m.postgres],
        ['packages', m.packages],
        ['load', `autocannon (programmatic), ${P.connections} connections, ${P.warmupS} s warm-up + ${P.durationS} s per scenario, ≤ ${f0(MAX_REQUESTS)} requests; flows: ${P.flowConcurrency} concurrent workers`],
        ['server settings', 'LOG_LEVEL=warn, PLINTH_RATE_LIMIT_PER_MINUTE=0, built dist/ via `node bin/plinth.js serve`'],
        ['duration', `${f0((Date.now() - started) / 1000)} s`],
        ['load average (1/5/15 min)', `${loadAtStart} at start, ${(() => { try { return loadavg(); } catch { return '?'; } })()} at end — anything else running on the machine competes with the servers and the load generator`],
      ],
    ),
    '',
    '## Targets',
    '',
    table(['target', 'goal', 'measured', 'result'], rows.map((r) => [r.target, r.goal, r.measured, r.result])),
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
    '## Throughput and latency',
    '',
    'Ratios are to the bare Fastify route returning the same JSON (the framework limit on this machine). The bare route and',
    'Prism and the same-work floor run beside each Plinth server, and `bare@<db>`, `floor-<db>` and `prism@<db>` are measured',
    `in alternation with \`plinth-<db>\` (${P.durationS} s each, in 4 slices taken A B C, C B A, …, after a ${P.warmupS} s warm-up each), so every`,
    'ratio is taken over one stretch of the machine\'s time (the floor was measured afterwards, on its own, until 2026-12-03).',
    'Latencies are per request over the measured window (2xx only). Every target gets the same requests; the connections',
    'POST sends, with a unique name each time, the COMPONENT_BASIC body Prism 5.14 accepts for seed 001 (toolchain.md; Prism',
    'answers 422 to the seed\'s own examples): `{"name":…,"platformConnectionType":"COMPONENT_BASIC","authProvider":"NONE",',
    '"authType":"GENERIC_SECRET","connectionDetails":{"description":"d"}}`, all into one project. Plinth validates it',
    '(schema and combination rules), checks the project, and inserts it (name unique per project); Prism validates and',
    'answers its example; the bare route answers the JSON Plinth returned.',
    '',
    table(['scenario', 'target', 'throughput', 'p50', 'p99', 'ratio to limit'], tputRows),
    '',
    '### Same-work floor',
    '',
    '`floor-<db>` is bare Fastify running the same statements as Plinth, raw on the driver (better-sqlite3 prepared once, a',
    'PostgreSQL named prepared statement), through the same response schema, on the database Plinth seeded (bench/floor-server.ts;',
    'POST /v1/projects: the bench\'s FULL_SAAS body, so the row, its counter, its audit event, its hosted agent and the agent\'s count in one transaction,',
    'with the read-cache NOTIFY on PostgreSQL, as Plinth writes them; on SQLite the transactions of one event-loop turn share a',
    'COMMIT, as Plinth\'s group commit does, with foreign keys on as in Plinth; the floor checkpoints the WAL on its one thread,',
    'SQLite\'s default, where Plinth checkpoints on a worker thread; POST …/connections: the row, inserted only if its project',
    'exists in the account, and its audit event, grouped the same way on SQLite, one statement on PostgreSQL).',
    'Per-request time from saturated throughput',
    '(1 / req/s): framework = the bare route, storage = floor − bare, Plinth = Plinth − floor.',
    '',
    table(['hot path', 'framework', 'storage', 'Plinth\'s own', 'Plinth total', 'Plinth / floor'], floorRows(kinds)),
    '',
    '### Provisioning flow',
    '',
    'token → project (FULL_SAAS) → data-platform connection (Snowflake, KEY_PAIR) → find the project\'s hosted agent',
    '(GET /v1/agents: `total`, then the newest page; `hosted: true` and `projectId`) → hosted secret value (the Snowflake',
    'private key) → cloud-credential connection (AWS) → environment (DWH + CLOUD_PLATFORM defaults, key-pair override) →',
    `repository (github), run back to back by ${P.flowConcurrency} concurrent workers; latency is per whole flow. It runs on the`,
    'seeded database before the hot paths write to it (until 2026-12-03 it ran after them, on the tens of thousands of rows',
    'they had written). One flow runs',
    'alone first and every step must answer its documented status (200/201): any other answer stops the run and is reported',
    'with its status and body instead of a figure.',
    '',
    table(['target', 'flows/s', 'flows measured', 'requests per flow (mean)', 'p50', 'p99'], flowRows),
    '',
    '### Execute → poll until terminal',
    '',
    `A ten-step orchestration published to one environment; ${P.flowConcurrency} workers each POST …/pipeline-executions (201) and poll`,
    '…/{id}/status back to back until a terminal status (SUCCESS expected); latency is execute → terminal seen.',
    '',
    table(['target', 'runs/s', 'runs', 'polls per run', 'p50', 'p99'], Object.entries(executions).map(([t, e]) => (e.ok ? [t, f1(e.r.runsPerS), String(e.r.runs), f1(e.r.pollsPerRun), ms(e.r.p50), ms(e.r.p99)] : [t, e.reason, '–', '–', '–', '–']))),
    '',
    '### Cold start',
    '',
    'Spawn `node bin/plinth.js serve` → its `plinth ready` line (LOG_LEVEL=info; written once it listens) → token → GET',
    '/v1/projects 200. The bench waits for that line on a pipe, which costs it nothing; the rows "/healthz polled every 2',
    'ms" wait by asking GET /healthz instead (as the runs before 2026-12-03 did), a loop that takes ~30% of a core of a',
    '2-core machine away from the start it measures. A new SQLite file includes migrations, the first RSA signing key',
    "and the bootstrap credential. `node -e 0`, timed from spawn to exit right after them, is Node's own share of any",
    "start in the same stretch of the machine's time. The same-work floor (bench/cold-floor.cjs) is bare Fastify with",
    'every route of the contract (stub handlers, no schemas), better-sqlite3 and an RS256 key (generated at process start',
    'on a new file, as Plinth does; read on an existing one), answering the same token and GET for real; its starts',
    "alternate with Plinth's. Plinth − floor is Plinth's own start: contract, validators, configuration, vault, keys,",
    'credential and migrations checks, jobs.',
    '',
    table(['variant', 'median', 'runs (ms)'], coldRows),
    '',
    '### Scale',
    '',
    `Empty database = 25 projects created through the API, 5 of them with ${SCALE_CONNS_PER_PROJECT} connections each (also through the API).`,
    `Loaded = the same database plus ${f0(P.scaleProjects)} HYBRID projects and ${f0(P.scaleConnections)} connections (${f0(P.scaleConnections / P.scaleProjects)} per loaded project: its`,
    'warehouse connection, an AWS cloud-credential connection, the rest COMPONENT_BASIC) bulk-loaded with the server stopped by',
    'bench/lib/bulk.ts, which refuses to load a schema it does not know (a new table, column or migration). The connection',
    'figures query the same API-made projects and connections in both states: listConnections = page 0 of a project',
    'with 30 connections, getConnection = `?connectionNames=<one>` spread over 150 connections (the API has no',
    'single-connection GET), createConnection = POST into one more API-made project; get (projects) spreads over all projects.',
    `${P.scaleConnectionsC} connections, ${P.scaleWarmupS} s warm-up + ${P.scaleDurationS} s per figure. p50 / p99.`,
    '',
    ...Object.entries(scale).flatMap(([k, s]) => ('error' in s ? [] : [`- ${k}: ${s.bulk}; peak RSS ${s.rssEmpty} MB empty, ${s.rssLoaded} MB loaded.`])),
    '',
    table(['db', 'query', 'empty p50 / p99', 'loaded p50 / p99', 'p99 ratio', 'empty req/s', 'loaded req/s'], scaleRows),
    '',
    '### Peak RSS (VmHWM) per server process',
    '',
    table(['process', 'MB'], Object.entries(rss).map(([k, v]) => [k, v === null ? '–' : String(v)])),
    '',
    '## Profiles',
    '',
    '`node --cpu-prof` on the server child (SQLite, same load as above; only the measured window: start-up, seeding, warm-up and',
    'shutdown excluded; throughput under the profiler is not a result).',
    '',
    stagesMarkdown(
      Object.entries(profiles).flatMap(([k, p]) => ('error' in p ? [] : [{ title: PROFILED[k as keyof typeof PROFILED] ?? k, stages: p.stages, unit: k === 'flow' ? 'flows' : undefined, rps: k === 'flow' ? ((f) => (f?.ok ? f.r.flowsPerS : undefined))(flows['plinth-sqlite']) : ((o) => (o?.ok ? o.r.rps : undefined))(results['plinth-sqlite']?.[k]) }])),
    ),
    ...Object.entries(profiles).map(([k, p]) => ('error' in p ? `#### ${k}\n\n${p.error}\n` : profileMarkdown(PROFILED[k as keyof typeof PROFILED] ?? k, p))),
    '## Analysis',
    '',
    keptAnalysis(DOC),
    '',
  ].join('\n');
  mkdirSync(path.dirname(DOC), { recursive: true });
  writeFileSync(DOC, md);
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ results, flows, executions, rss, cold, scale, profiles, notes }, null, 2));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  rmSync(path.join(OUT, 'logs'), { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'logs'), { recursive: true });
  log(`${QUICK ? 'quick' : 'full'} run ${RUN_ID}`);
  if (!ONLY_LIST && !ONLY_COLD) build();
  const pgVersion = WANT_PG ? await postgresAvailable() : null;
  const kinds: DbKind[] = ['sqlite'];
  if (pgVersion) kinds.push('postgres');
  else {
    const why = WANT_PG ? 'PostgreSQL not reachable (set BENCH_DATABASE_URL)' : 'skipped (--no-postgres)';
    notes.push(`PostgreSQL scenarios ${why}.`);
    log(`PostgreSQL: ${why}`);
  }

  if (ONLY_COLD) {
    await runColdStarts(kinds);
    return;
  }
  if (ONLY_PROFILE) {
    await profileRun();
    process.stdout.write('\n' + stagesMarkdown(Object.entries(profiles).flatMap(([k, p]) => ('error' in p ? [] : [{ title: PROFILED[k as keyof typeof PROFILED] ?? k, stages: p.stages, unit: k === 'flow' ? 'flows' : undefined }]))) + '\n');
    for (const [k, p] of Object.entries(profiles)) if ('error' in p) log(`  ${k}: ${p.error}`);
    return;
  }
  if (ONLY_SCALE) {
    for (const k of kinds) await runScale(k);
    return;
  }
  for (const k of kinds) await plinthThroughput(k);
  if (ONLY_EXECUTIONS) {
    process.stdout.write('\n' + textTable(['target', 'runs/s', 'runs', 'polls per run', 'p50', 'p99'], Object.entries(executions).map(([t, e]) => (e.ok ? [t, f1(e.r.runsPerS), String(e.r.runs), f1(e.r.pollsPerRun), ms(e.r.p50), ms(e.r.p99)] : [t, e.reason, '–', '–', '–', '–']))) + '\n\n');
    return;
  }
  if (ONLY_LIST) {
    const rows = kinds.map((k) => ratioRow(`GET /v1/projects, granted MEMBER vs Super Admin (${k})`, 0.9, results[`plinth-${k}`]?.listGranted, results[`plinth-${k}`]?.list, "the Super Admin's"));
    process.stdout.write('\n' + textTable(['target', 'goal', 'measured', 'result'], rows.map((r) => [r.target, r.goal, r.measured, r.result])) + '\n\n');
    return;
  }
  await stopPeers();
  if (ONLY_HOT) {
    const scen = ['token', 'list', 'createProject', 'createConnection'];
    const rowsOf = Object.entries(results).flatMap(([t, r]) => scen.filter((k) => r[k]).map((k) => [k, t, cell(r[k]!), r[k]!.ok ? ms((r[k] as { r: LoadResult }).r.p99) : '–', ratioToBare(t, k)]));
    process.stdout.write('\n' + textTable(['scenario', 'target', 'throughput', 'p99', 'ratio to bare'], rowsOf) + '\n\n');
    process.stdout.write(textTable(['hot path', 'framework', 'storage', "Plinth's own", 'Plinth total', 'Plinth / floor'], floorRows(kinds)) + `\n\nload average ${loadAtStart} at start, ${loadavg()} at end\n`);
    return;
  }
  await runColdStarts(kinds);
  if (WANT_SCALE) for (const k of kinds) await runScale(k);
  if (WANT_PROFILE) await profileRun();

  const rows = targetRows(kinds);
  writeReport(kinds, pgVersion, rows);
  process.stdout.write('\n' + textTable(['target', 'goal', 'measured', 'result'], rows.map((r) => [r.target, r.goal, r.measured, r.result])) + '\n\n');
  log(`written ${path.relative(ROOT, DOC)} (raw: bench/.out/results.json, logs: bench/.out/logs/)`);
}

main()
  .catch((err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
  });
