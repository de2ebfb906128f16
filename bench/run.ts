/**
 * npm run bench [-- --quick] [-- --no-postgres] [-- --no-prism] [-- --no-profile] [-- --no-scale] [-- --only-list] [-- --only-executions] [-- --only-hot] [-- --only-cold] [-- --only-profile] [-- --report-only]
 *
 * One run, one machine: the built Plinth (dist/, `node bin/plinth.js serve`) on SQLite and on
 * PostgreSQL, the limit (bare Fastify routes returning the same JSON) and the peer (Prism mocking
 * seed 001), all as child processes on 127.0.0.1, driven by autocannon. Everything is bounded in
 * time and request count; everything started is stopped (also on Ctrl-C and on errors).
 * Results go to docs/benchmarks.md and the terminal. BENCH_QUICK=1 equals --quick.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { grantedMemberToken } from './lib/grants.js';
import { PROJECT_BODY, checkFlowOnce, missingFlowSteps, runFlows } from './lib/flow.js';
import { closeAgent, request } from './lib/http.js';
import { runLoad, runLoadInterleaved, type LoadResult, type LoadSpec, type Outcome } from './lib/load.js';
import { DOC, PROFILED, RESULTS, benchReport, cell, loadavg, ratioRow, type BenchResults, type SavedResults } from './lib/doc.js';
import { killAll } from './lib/proc.js';
import { f0, f1, ms, stagesMarkdown, textTable, type Row } from './lib/report.js';
import {
  OUT,
  ROOT,
  TOKEN_FORM,
  createDb,
  dropAll,
  getToken,
  postgresAvailable,
  startPlinth,
  type DbKind,
  type Server,
} from './lib/targets.js';
import { prepareExecutions, runExecutions } from './lib/executions.js';
import { startFloor } from './lib/floor.js';
import { scaleRun } from './lib/scale.js';
import { coldStarts } from './lib/cold.js';
import { LIST_PATH, scenarioSpecs } from './lib/specs.js';
import { createPeers, type Captured } from './lib/peers.js';
import { profileRun } from './lib/profile-run.js';

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
/** Only docs/benchmarks.md again, from bench/.out/results.json (after a change to bench/lib/doc.ts); nothing is measured. */
const REPORT_ONLY = argv.includes('--report-only');

const P = QUICK
  ? { durationS: 2, warmupS: 0.5, connections: 50, flowConcurrency: 16, coldRuns: 3, scaleProjects: 10_000, scaleConnections: 100_000, scaleDurationS: 1, scaleWarmupS: 0.3, scaleConnectionsC: 10 }
  : { durationS: 6, warmupS: 1.5, connections: 100, flowConcurrency: 32, coldRuns: 5, scaleProjects: 100_000, scaleConnections: 1_000_000, scaleDurationS: 3, scaleWarmupS: 1, scaleConnectionsC: 10 };
const MAX_REQUESTS = 1_000_000;
const RUN_ID = randomUUID().slice(0, 8);
const started = Date.now();
const loadAtStart = loadavg();

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

const state: BenchResults = { results: {}, flows: {}, rss: {}, cold: {}, scale: {}, profiles: {}, executions: {}, notes: [] };
const { results, flows, rss, cold, scale, profiles, executions, notes } = state;
const { ratioToBare, floorRows, targetRows, writeReport } = benchReport(state, P);

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
// Scenarios (bench/lib/specs.ts) and the servers measured beside Plinth (bench/lib/peers.ts).

const specs = scenarioSpecs(P, RUN_ID);
const { tokenSpec, listSpec, createProjectSpec, createConnectionSpec, seedProjects, probeConnections } = specs;
const captured: Captured = {};
const peers = createPeers({ log, wantPrism: WANT_PRISM, captured, rss, notes });

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
    const bare = await peers.bare();
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
      const prism = await peers.prism();
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
    specs,
  });
}

// ---------------------------------------------------------------------------------------------

/** The targets against their goals, on the terminal. */
function printTargets(rows: Row[]) {
  process.stdout.write('\n' + textTable(['target', 'goal', 'measured', 'result'], rows.map((r) => [r.target, r.goal, r.measured, r.result])) + '\n\n');
}

/** `--report-only`: the file rendered again from the last run's results, as that run rendered it. */
async function reportOnly() {
  const saved = JSON.parse(readFileSync(RESULTS, 'utf8')) as SavedResults;
  for (const k of ['results', 'flows', 'rss', 'cold', 'scale', 'profiles', 'executions'] as const) Object.assign(state[k], saved[k]);
  notes.push(...saved.notes);
  const written = statSync(RESULTS).mtime.toISOString();
  // Results saved before the run was (2026-12-03) say nothing of how they were made.
  const run = saved.run ?? {
    commit: '?',
    command: `npm run bench (the results of ${written})`,
    mode: 'full',
    date: written,
    duration: '?',
    loadAverage: '?',
    maxRequests: MAX_REQUESTS,
    params: P,
    kinds: (['sqlite', 'postgres'] as const).filter((k) => `plinth-${k}` in results),
    pgVersion: await postgresAvailable(),
  };
  const { params, kinds, pgVersion, ...info } = run;
  const report = benchReport(state, params);
  const rows = report.targetRows(kinds);
  report.writeReport(kinds, pgVersion, rows, info);
  printTargets(rows);
  log(`written ${path.relative(ROOT, DOC)} from ${path.relative(ROOT, RESULTS)}`);
}

async function main() {
  if (REPORT_ONLY) return reportOnly();
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
    Object.assign(profiles, await profileRun({ log, measure, specs, sizes: P, runId: RUN_ID }));
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
    printTargets(rows);
    return;
  }
  await peers.stop();
  if (ONLY_HOT) {
    const scen = ['token', 'list', 'createProject', 'createConnection'];
    const rowsOf = Object.entries(results).flatMap(([t, r]) => scen.filter((k) => r[k]).map((k) => [k, t, cell(r[k]!), r[k]!.ok ? ms((r[k] as { r: LoadResult }).r.p99) : '–', ratioToBare(t, k)]));
    process.stdout.write('\n' + textTable(['scenario', 'target', 'throughput', 'p99', 'ratio to bare'], rowsOf) + '\n\n');
    process.stdout.write(textTable(['hot path', 'framework', 'storage', "Plinth's own", 'Plinth total', 'Plinth / floor'], floorRows(kinds)) + `\n\nload average ${loadAtStart} at start, ${loadavg()} at end\n`);
    return;
  }
  await runColdStarts(kinds);
  if (WANT_SCALE) for (const k of kinds) await runScale(k);
  if (WANT_PROFILE) Object.assign(profiles, await profileRun({ log, measure, specs, sizes: P, runId: RUN_ID }));

  const rows = targetRows(kinds);
  writeReport(kinds, pgVersion, rows, {
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    command: `npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}${process.env.BENCH_QUICK === '1' ? ' (BENCH_QUICK=1)' : ''}`,
    mode: QUICK ? 'quick (smaller numbers: a smoke run, not the figures to quote)' : 'full',
    date: new Date().toISOString(),
    duration: `${f0((Date.now() - started) / 1000)} s`,
    loadAverage: `${loadAtStart} at start, ${loadavg()} at end`,
    maxRequests: MAX_REQUESTS,
  });
  printTargets(rows);
  log(`written ${path.relative(ROOT, DOC)} (raw: ${path.relative(ROOT, RESULTS)}, logs: bench/.out/logs/)`);
}

main()
  .catch((err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
  });
