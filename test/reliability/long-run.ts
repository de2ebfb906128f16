/**
 * The long reliability run of issue 11 (`npm run reliability`, which starts this file): the same scenarios as
 * test/reliability/*.test.ts, at full size, with the figures printed at the end.
 *
 *   npm run reliability                      # everything: ≥ 100,000 fuzzed requests per database,
 *                                            # 30 PostgreSQL restarts under load, 10 kill -9 per database,
 *                                            # two racing nodes
 *   npm run reliability -- --only fuzz --db postgres --requests 20000 --seed 7
 *   npm run reliability -- --only restart --restarts 50
 *   npm run reliability -- --json /tmp/report.json
 *
 * Options: --only fuzz,kill,restart,race   --db sqlite,postgres   --requests N   --restarts N
 *          --kills N   --names N   --seed N (default: a new one, printed; replay with it)
 *          --concurrency N   --json FILE
 * Environment: PLINTH_TEST_DATABASE_URL (the PostgreSQL server for the fuzz, kill and race parts; a
 * throwaway database on it, dropped afterwards), PLINTH_REL_PG_BIN (PostgreSQL bin directory for the private cluster
 * of the restart part, default: initdb on PATH).
 *
 * Exits 0 when every "done when" criterion of the issue holds, 1 otherwise.
 */
import { writeFileSync } from 'node:fs';
import { categoryOf, summaryOf } from './lib/check.js';
import { LONG } from './lib/config.js';
import type { DbKind } from './lib/db.js';
import { entryKind, stopAllSync } from './lib/proc.js';
import { fuzz, killDuringWrites, pgRestartsUnderLoad, twoNodeRace, type FuzzResult, type KillResult, type RaceResult, type RestartResult } from './lib/scenarios.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, dflt: number) => {
  const v = arg(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return n;
};

const only = new Set((arg('only') ?? 'fuzz,kill,restart,race').split(','));
const dbs = (arg('db') ?? 'sqlite,postgres').split(',') as DbKind[];
const seed = num('seed', Date.now() % 1_000_000_007);
const requests = num('requests', LONG.fuzzRequests);
const restarts = num('restarts', LONG.pgRestarts);
const kills = num('kills', LONG.killCycles);
const names = num('names', LONG.raceNames);
const concurrency = num('concurrency', LONG.fuzzConcurrency);

const log = (s: string) => console.log(s);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.log(`\n${sig}: stopping every server and cluster this run started`);
    stopAllSync();
    process.exit(130);
  });
}

const verdicts: { criterion: string; ok: boolean; figure: string }[] = [];
const verdict = (criterion: string, ok: boolean, figure: string) => verdicts.push({ criterion, ok, figure });
const report: Record<string, unknown> = { seed, entry: entryKind(), startedAt: new Date().toISOString() };

console.log(`Plinth reliability run: seed ${seed}, server: ${entryKind()}, parts ${[...only].join(', ')}, databases ${dbs.join(', ')}`);

if (only.has('fuzz')) {
  for (const kind of dbs) {
    console.log(`\n== fuzz, ${kind}: ${requests} requests, concurrency ${concurrency}`);
    const r: FuzzResult = await fuzz({ kind, seed, requests, concurrency, log });
    const fiveXX = Object.entries(r.statuses).filter(([s]) => /^5/.test(s)).reduce((n, [, c]) => n + c, 0);
    const cats = r.failures.byReason();
    const catCount = (c: string) => Object.entries(cats).filter(([reason]) => categoryOf(reason) === c).reduce((n, [, k]) => n + k, 0);
    console.log(`requests ${r.requests} (issue cases ${r.probes}, sweep ${r.sweep}) in ${(r.ms / 1000).toFixed(0)} s; server ready in ${r.readyMs} ms`);
    console.log(`statuses ${JSON.stringify(r.statuses)}`);
    console.log(`failures: ${r.failures.total} (5xx ${catCount('5xx')}, non-problem 4xx ${catCount('not problem+json')}, no response ${catCount('no response')}, other ${catCount('other')}); process exits ${r.exits.length}`);
    if (r.failures.total) console.log(r.failures.summary(80));
    if (Object.keys(r.serverErrors).length) console.log(`server log errors: ${JSON.stringify(r.serverErrors, null, 2)}`);
    verdict(`fuzz ${kind}: ≥ 100,000 requests`, r.requests >= 100_000, `${r.requests}`);
    verdict(`fuzz ${kind}: 0 5xx`, fiveXX === 0, `${fiveXX}`);
    verdict(`fuzz ${kind}: 0 non-problem 4xx`, summaryOf(r.failures, 'not problem+json').count === 0, `${summaryOf(r.failures, 'not problem+json').count}`);
    verdict(`fuzz ${kind}: every request answered`, summaryOf(r.failures, 'no response').count === 0, `${summaryOf(r.failures, 'no response').count} without response`);
    verdict(`fuzz ${kind}: 0 process exits`, r.exits.length === 0, `${r.exits.length}`);
    report[`fuzz_${kind}`] = { ...r, failures: r.failures.entries() };
  }
}

if (only.has('kill')) {
  for (const kind of dbs) {
    console.log(`\n== kill -9 during concurrent writes, ${kind}: ${kills} kills`);
    const r: KillResult = await killDuringWrites({ kind, cycles: kills, writers: 6, loadMs: 500, loadJitterMs: 2500, seed, log });
    console.log(`kills ${r.cycles}; acknowledged creates ${r.ackedCreates}, deletes ${r.ackedDeletes}; lost ${r.lost.length}, resurrected ${r.resurrected.length}, total mismatches ${r.totalMismatches.length}, orphans ${r.orphans.length}, failed restarts ${r.restartFailures.length}`);
    console.log(`statuses ${JSON.stringify(r.statuses)}`);
    for (const l of [...r.lost, ...r.resurrected, ...r.totalMismatches, ...r.orphans, ...r.restartFailures].slice(0, 30)) console.log(`  ${l}`);
    if (r.failures.total) console.log(r.failures.summary());
    verdict(`kill -9 ${kind}: nothing acknowledged lost (${r.cycles} kills)`, r.cycles === kills && r.lost.length + r.resurrected.length + r.totalMismatches.length + r.orphans.length + r.restartFailures.length === 0, `${r.ackedCreates} creates + ${r.ackedDeletes} deletes acknowledged, ${r.lost.length} lost, ${r.resurrected.length} resurrected`);
    report[`kill_${kind}`] = { ...r, failures: r.failures.entries() };
  }
}

if (only.has('restart')) {
  console.log(`\n== PostgreSQL stopped and started under load (private cluster): ${restarts} restarts`);
  const r: RestartResult = await pgRestartsUnderLoad({ restarts, workers: 4, loadMs: 800, outageMs: 800, outageJitterMs: 2200, seed, log });
  const during: Record<string, number> = {};
  for (const c of r.cycles) for (const [s, n] of Object.entries(c.duringOutage)) during[s] = (during[s] ?? 0) + n;
  const finite = r.cycles.map((c) => c.firstOkMs).filter((x) => Number.isFinite(x));
  console.log(`restarts ${r.restarts}; process exits ${r.exits}; requests ${r.requests}; statuses ${JSON.stringify(r.statuses)}`);
  console.log(`while the database was down: ${JSON.stringify(during)}; /readyz then: ${JSON.stringify(r.cycles.map((c) => c.readyzDuringOutage))}`);
  console.log(`time to first 2xx after the database returned: max ${Number.isFinite(r.maxFirstOkMs) ? `${r.maxFirstOkMs} ms` : 'never (within 20 s) at least once'}, median ${finite.length ? `${finite.sort((a, b) => a - b)[Math.floor(finite.length / 2)]} ms` : '-'}`);
  console.log(`acknowledged creates ${r.ackedCreates}, lost ${r.lost.length}`);
  if (r.failures.total) console.log(r.failures.summary());
  if (r.exitDetails.length) console.log(`first exit:\n${r.exitDetails[0]}`);
  if (Object.keys(r.serverErrors).length) console.log(`server log errors: ${JSON.stringify(r.serverErrors, null, 2)}`);
  verdict(`PostgreSQL restarts: ≥ 30 under load`, r.restarts >= 30, `${r.restarts}`);
  verdict(`PostgreSQL restarts: 0 process exits`, r.exits === 0, `${r.exits} of ${r.restarts}`);
  const bad = Object.keys(during).filter((s) => s !== '503');
  verdict(`PostgreSQL restarts: 503 (not 500) during the outage`, bad.length === 0 && (during['503'] ?? 0) > 0 && r.failures.total === 0, `${JSON.stringify(during)}, ${r.failures.total} failed checks`);
  verdict(`PostgreSQL restarts: first 2xx within 5 s`, r.maxFirstOkMs <= 5000, Number.isFinite(r.maxFirstOkMs) ? `max ${r.maxFirstOkMs} ms` : 'none within 20 s at least once');
  verdict(`PostgreSQL restarts: nothing acknowledged lost`, r.lost.length === 0, `${r.ackedCreates} acknowledged, ${r.lost.length} lost`);
  report.restart = { ...r, failures: r.failures.entries(), maxFirstOkMs: Number.isFinite(r.maxFirstOkMs) ? r.maxFirstOkMs : null };
}

if (only.has('race')) {
  console.log(`\n== two nodes racing on the same names: ${names} names per resource`);
  const r: RaceResult = await twoNodeRace({ names, perNode: 2, deleteRounds: LONG.deleteRounds, log });
  console.log(`nodes started ${r.nodesStarted}/2${r.startErrors.length ? `; start errors:\n${r.startErrors.join('\n')}` : ''}`);
  for (const [k, v] of Object.entries(r.kinds)) console.log(`  ${k}: ${v.clean}/${v.names} clean, ${JSON.stringify(v.statuses)}`);
  for (const v of r.violations.slice(0, 30)) console.log(`  violation: ${v}`);
  if (r.notes.length) console.log(`  ${r.notes.length} concurrent deletions answered 204 more than once, e.g. ${r.notes[0]}`);
  if (r.failures.total) console.log(r.failures.summary());
  console.log(`project deleted while creating inside it (${r.deleteRace.rounds} rounds): ${JSON.stringify(r.deleteRace.statuses)}`);
  if (r.deleteRace.failures.total) console.log(r.deleteRace.failures.summary());
  if (Object.keys(r.serverErrors).length) console.log(`server log errors: ${JSON.stringify(r.serverErrors, null, 2)}`);
  verdict('two nodes: one 201 per name, 409 otherwise, no 5xx', r.nodesStarted === 2 && r.violations.length === 0 && r.failures.total === 0, `${r.violations.length} violations, ${r.failures.total} failed checks`);
  verdict('two nodes: deleting a project while creating inside it, no 5xx', r.deleteRace.rounds > 0 && r.deleteRace.failures.total === 0, `${r.deleteRace.failures.total} failed of ${r.deleteRace.rounds * 7} requests`);
  report.race = { ...r, failures: r.failures.entries(), deleteRace: { ...r.deleteRace, failures: r.deleteRace.failures.entries() } };
}

console.log('\n== figures');
for (const v of verdicts) console.log(`${v.ok ? 'PASS' : 'FAIL'}  ${v.criterion}: ${v.figure}`);
const json = arg('json');
if (json) {
  writeFileSync(json, JSON.stringify({ ...report, verdicts }, (_k, v) => (v instanceof Set ? [...v] : v === Infinity ? null : v), 2));
  console.log(`report written to ${json}`);
}
process.exitCode = verdicts.every((v) => v.ok) ? 0 : 1;
