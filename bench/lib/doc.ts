/**
 * docs/benchmarks.md from one run's results (bench/run.ts): the targets against their goals, the
 * tables of every scenario, the profiles, and the analysis written by hand, kept from the file as it
 * was (between its markers). The results also go to bench/.out/results.json, from which
 * `npm run bench -- --report-only` renders the file again without measuring (after a change here).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { ExecutionsResult } from './executions.js';
import type { FlowResult } from './flow.js';
import type { Outcome } from './load.js';
import { PRISM_VERSION } from './prism.js';
import type { ProfileSummary } from './profile.js';
import { SCALE_CONNS_PER_PROJECT, type ScaleResult } from './scale.js';
import type { StageTimes } from './stages.js';
import { COLD, type ColdResults } from './cold.js';
import { f0, f1, f2, keptAnalysis, ms, profileMarkdown, stagesMarkdown, table, type Row } from './report.js';
import { OUT, ROOT, type DbKind } from './targets.js';

export const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
export const RESULTS = path.join(OUT, 'results.json');

/** Everything one run measured (bench/run.ts fills these in place as it goes). */
export interface BenchResults {
  results: Record<string, Record<string, Outcome>>; // target → scenario → outcome
  flows: Record<string, { ok: true; r: FlowResult } | { ok: false; na: boolean; reason: string }>;
  rss: Record<string, number | null>;
  cold: ColdResults;
  scale: Record<string, ScaleResult>;
  profiles: Record<string, (ProfileSummary & { stages: StageTimes & { requests: number } }) | { error: string }>;
  executions: Record<string, { ok: true; r: ExecutionsResult } | { ok: false; reason: string }>;
  notes: string[];
}

/** The run's sizes (bench/run.ts `P`): durations, connections, scale. */
export interface Params {
  durationS: number;
  warmupS: number;
  connections: number;
  flowConcurrency: number;
  coldRuns: number;
  scaleProjects: number;
  scaleConnections: number;
  scaleDurationS: number;
  scaleWarmupS: number;
  scaleConnectionsC: number;
}

/** How the run was made, for the file's "Run" table. */
export interface RunInfo {
  command: string;
  commit: string;
  mode: string;
  date: string;
  duration: string;
  loadAverage: string;
  maxRequests: number;
}

/** bench/.out/results.json: the results and, since 2026-12-03, how they were made. */
export type SavedResults = BenchResults & { run?: RunInfo & { params: Params; kinds: DbKind[]; pgVersion: string | null } };

export const PROFILED = { list: 'GET /v1/projects', createProject: 'POST /v1/projects', createConnection: 'POST /v1/projects/{id}/connections', flow: 'provisioning flow (per flow, not per request)' };

/** The 1-, 5- and 15-minute load averages, or '?'. */
export function loadavg() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

export function cell(o?: Outcome, unit = 'req/s'): string {
  if (!o) return '–';
  if (!o.ok) return o.na ? o.reason : `error: ${o.reason.slice(0, 80)}`;
  return `${f0(o.r.rps)} ${unit}`;
}

export function ratioRow(target: string, goal: number, num: Outcome | undefined, den: Outcome | undefined, what: string): Row {
  if (!num?.ok || !den?.ok) {
    const why = !num ? 'not run' : !num.ok ? num.reason : !den ? 'not run' : !den.ok ? `reference: ${den.reason}` : '';
    return { target, goal: `≥ ${goal}× ${what}`, measured: why, result: 'n/a' };
  }
  const r = num.r.rps / den.r.rps;
  return { target, goal: `≥ ${goal}× ${what}`, measured: `${f0(num.r.rps)} vs ${f0(den.r.rps)} req/s = ${f2(r)}×`, result: r >= goal ? 'pass' : 'miss' };
}

/** The rows, ratios and file of one run's results (read as they are when called: bench/run.ts fills them as it goes). */
export function benchReport(state: BenchResults, P: Params) {
  const { results, flows, executions, rss, cold, scale, profiles, notes } = state;

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
      };
  }

  /** A target's database: plinth-sqlite, floor-sqlite, bare@sqlite, prism@sqlite → sqlite. */
  const kindOf = (target: string) => target.split(/[-@]/).pop()!;
  /** Throughput over the bare route's measured in alternation with the same Plinth server. */
  function ratioToBare(target: string, scenario: string): string {
    if (target.startsWith('bare@')) return '1.00×';
    const o = results[target]?.[scenario];
    const b = results[`bare@${kindOf(target)}`]?.[scenario];
    return o?.ok && b?.ok ? `${f2(o.r.rps / b.r.rps)}×` : '–';
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

  function writeReport(kinds: DbKind[], pgVersion: string | null, rows: Row[], run: RunInfo) {
    const m = machine(pgVersion);
    const cmd = run.command;
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
          ['mode', run.mode],
          ['date', run.date],
          ['Plinth commit', run.commit],
          ['CPU', m.cpu],
          ['memory', m.memory],
          ['OS', m.os],
          ['Node', m.node],
          ['SQLite', m.sqlite],
          ['PostgreSQL', m.postgres],
          ['packages', m.packages],
          ['load', `autocannon (programmatic), ${P.connections} connections, ${P.warmupS} s warm-up + ${P.durationS} s per scenario, ≤ ${f0(run.maxRequests)} requests; flows: ${P.flowConcurrency} concurrent workers`],
          ['server settings', 'LOG_LEVEL=warn, PLINTH_RATE_LIMIT_PER_MINUTE=0, built dist/ via `node bin/plinth.js serve`'],
          ['duration', run.duration],
          ['load average (1/5/15 min)', `${run.loadAverage} — anything else running on the machine competes with the servers and the load generator`],
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
      'single-connection GET), createConnection = POST into one more API-made project. get (projects) spreads over the 25',
      'API-made projects in both states too, so both answer from the read cache once warm; getSpread (loaded only, no target)',
      'spreads the same GET over every bulk-loaded project, which mostly misses the cache (20,000 entries): a primary-key read',
      'of the loaded table each time. Until 2026-12-03 the target compared that spread with the empty database\'s cached 25.',
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
    writeFileSync(RESULTS, JSON.stringify({ ...state, run: { ...run, params: P, kinds, pgVersion } } satisfies SavedResults, null, 2));
  }

  return { ratioToBare, floorRows, targetRows, writeReport };
}
