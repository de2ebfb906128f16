import { Agent } from 'node:http';
import { check, failureOf, FailureBook } from './check.js';
import { createDb, pgDatabase, type DbKind } from './db.js';
import { seedFixtureSet, roleTokens, envBody, hostedAgentOf, type FixtureSet } from './fixtures.js';
import { Generator, type GenRequest } from './generate.js';
import { issueProbes } from './probes.js';
import { startGitLabStub } from './gitlab-stub.js';
import { Api, getToken, json, keepAliveAgent, listAll, request, type RawResponse } from './http.js';
import { PrivatePg } from './pg-cluster.js';
import { Rng } from './prng.js';
import { ADMIN_ID, ADMIN_SECRET, entryKind, newMasterKey, restartPlinth, sleep, startPlinth, type ExitInfo, type PlinthNode } from './proc.js';

/**
 * The reliability scenarios, each a function returning figures and failures (never throwing on
 * a server misbehaving), shared by the CI slice (test/reliability/*.test.ts, small sizes, fixed
 * seed) and the long run (scripts/reliability.ts).
 */

export type Log = (line: string) => void;
const quiet: Log = () => {};

/** Error lines of a node's log, grouped by message (what the fixer needs beside the responses). */
export function serverErrors(nodes: PlinthNode[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nodes) {
    for (const l of n.errorLines()) {
      const key = `${l.msg}${l.err ? `: ${l.err.type ?? ''} ${l.err.code ?? ''} ${(l.err.message ?? '').slice(0, 160)}` : ''}`.trim();
      out[key] = (out[key] ?? 0) + 1;
    }
  }
  return out;
}

function exitText(e: ExitInfo | null): string {
  return e ? `code ${e.code} signal ${e.signal}` : 'running';
}

// ---------------------------------------------------------------------------------------------
// Fuzzing
// ---------------------------------------------------------------------------------------------

export interface FuzzOptions {
  kind: DbKind;
  seed: number;
  requests: number;
  concurrency?: number;
  /** A new fixture set every this many requests (deletes eat them). */
  reseedEvery?: number;
  /** Start with the issue's named cases and the systematic sweep (every operation × every mutation); default true. They count towards `requests`. */
  sweep?: boolean;
  log?: Log;
}

export interface FuzzResult {
  kind: DbKind;
  seed: number;
  requests: number;
  /** Requests of the issue's named cases and of the systematic sweep (both included in `requests`). */
  probes: number;
  sweep: number;
  statuses: Record<string, number>;
  byMutation: Record<string, { n: number; failed: number }>;
  failures: FailureBook;
  /** Server processes that exited during the run (each was restarted). */
  exits: { at: number; info: string; log: string }[];
  serverErrors: Record<string, number>;
  ms: number;
  readyMs: number;
  entry: string;
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const log = opts.log ?? quiet;
  const db = await createDb(opts.kind);
  const gitlab = await startGitLabStub();
  const nodes: PlinthNode[] = [];
  const agent = keepAliveAgent(opts.concurrency ?? 8);
  const failures = new FailureBook();
  const statuses: Record<string, number> = {};
  const byMutation: FuzzResult['byMutation'] = {};
  const exits: FuzzResult['exits'] = [];
  const started = Date.now();
  let errs: Record<string, number> = {};
  let sweepCount = 0;
  let probeCount = 0;
  let sentTotal = 0;
  let node = await startPlinth({ name: `fuzz-${opts.kind}`, databaseUrl: db.url, masterKey: db.masterKey, env: { PLINTH_GITLAB_URL: gitlab.url } });
  nodes.push(node);
  const readyMs = node.readyMs;
  try {
    let adminToken = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
    let tokenAt = Date.now();
    const admin = new Api(node.base, adminToken, agent);
    let others = await roleTokens(admin, node.base, 'r0');
    const rng = new Rng(opts.seed);
    const fixtureRng = new Rng(opts.seed ^ 0x5eed);
    const gen = new Generator(await (await admin.call('GET', '/openapi.json')).json, rng, { adminToken: () => adminToken, otherTokens: () => others });
    const pool: FixtureSet[] = [];
    const reseedEvery = opts.reseedEvery ?? 250;
    const concurrency = opts.concurrency ?? 8;
    let sent = 0;
    const record = (kind: string, mutation: string, req: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }, r: RawResponse) => {
      const s = r.status === null ? `error:${r.error}` : String(r.status);
      statuses[s] = (statuses[s] ?? 0) + 1;
      const m = (byMutation[`${mutation}`] ??= { n: 0, failed: 0 });
      m.n++;
      const v = check(req.method, req.path, r);
      if (!v.ok) {
        m.failed++;
        failures.add({ ...failureOf(kind, v.reason, req, r), group: mutation });
      }
    };
    const ensureAlive = async () => {
      if (node.alive()) return;
      exits.push({ at: sent, info: exitText(node.exitInfo), log: node.logTail(15) });
      log(`  ${opts.kind}: server exited (${exitText(node.exitInfo)}) after ~${sent} requests; restarting`);
      node = await restartPlinth(node);
      nodes.push(node);
      admin.base = node.base;
      adminToken = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
      admin.token = adminToken;
    };
    const runBatch = async (reqs: GenRequest[]) => {
      let i = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (i < reqs.length) {
            const q = reqs[i++]!;
            // A fresh connection per request: a reset is then this request's, never a reused socket's.
            const r = await request(node.base, { method: q.method, path: q.path, headers: q.headers, body: q.body, agent: false, timeoutMs: 60_000 });
            record(q.op, q.mutation, q, r);
          }
        }),
      );
    };
    if (opts.sweep !== false) {
      // First the cases the issue names, then every operation × every mutation (deterministic
      // coverage), then random requests.
      const fresh = await seedFixtureSet(admin, fixtureRng, 'probes');
      for (const s of fresh.responses) record(`setup:${s.step}`, 'none', { method: s.method, path: s.path, body: s.body }, s.r);
      const probes = issueProbes(fresh, adminToken);
      // One at a time, so none hides another (a created override would make the next a 409).
      for (const q of probes) record(q.op, q.mutation, q, await request(node.base, { method: q.method, path: q.path, headers: q.headers, body: q.body, agent: false, timeoutMs: 60_000 }));
      sent += probes.length;
      probeCount = probes.length;
      for (let k = 0; k < 3; k++) {
        const set = await seedFixtureSet(admin, fixtureRng, `s${k}`);
        for (const s of set.responses) record(`setup:${s.step}`, 'none', { method: s.method, path: s.path, body: s.body }, s.r);
        pool.push(set);
      }
      const reqs = gen.sweep(pool);
      await runBatch(reqs);
      sent += reqs.length;
      sentTotal = sent;
      sweepCount = reqs.length;
      log(`  ${opts.kind}: sweep of ${reqs.length} requests done, ${failures.total} failed`);
      await ensureAlive();
    }
    for (let batch = 0; sent < opts.requests; batch++) {
      await ensureAlive();
      if (Date.now() - tokenAt > 10 * 60_000) {
        adminToken = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
        admin.token = adminToken;
        others = await roleTokens(admin, node.base, `r${batch}`);
        tokenAt = Date.now();
      }
      const set = await seedFixtureSet(admin, fixtureRng, `${batch}`);
      for (const s of set.responses) record(`setup:${s.step}`, 'none', { method: s.method, path: s.path, body: s.body }, s.r);
      pool.push(set);
      if (pool.length > 6) pool.shift();
      const n = Math.min(reseedEvery, opts.requests - sent);
      await runBatch(Array.from({ length: n }, () => gen.next(pool)));
      sent += n;
      sentTotal = sent;
      if (batch % 20 === 0) log(`  ${opts.kind}: ${sent}/${opts.requests} requests, ${failures.total} failed`);
    }
    await ensureAlive();
    // Still serving after all that?
    const ready = await request(node.base, { method: 'GET', path: '/readyz', timeoutMs: 10_000 });
    if (ready.status !== 200) failures.add(failureOf('after-run /readyz', `readyz ${ready.status ?? ready.error}`, { method: 'GET', path: '/readyz' }, ready));
  } finally {
    agent.destroy();
    errs = serverErrors(nodes);
    for (const n of nodes) await n.stop();
    await gitlab.close();
    await db.drop();
  }
  return { kind: opts.kind, seed: opts.seed, requests: sentTotal, probes: probeCount, sweep: sweepCount, statuses, byMutation, failures, exits, serverErrors: errs, ms: Date.now() - started, readyMs, entry: entryKind() };
}

// ---------------------------------------------------------------------------------------------
// kill -9 during concurrent writes
// ---------------------------------------------------------------------------------------------

export interface KillOptions {
  kind: DbKind;
  cycles: number;
  writers?: number;
  /** Load before the kill, per cycle (ms); a random extra of up to `loadJitterMs`. */
  loadMs?: number;
  loadJitterMs?: number;
  seed?: number;
  log?: Log;
}

export interface KillResult {
  kind: DbKind;
  cycles: number;
  ackedCreates: number;
  ackedDeletes: number;
  /** Acknowledged (201) projects missing after a restart. */
  lost: string[];
  /** Acknowledged (204) deletions that came back. */
  resurrected: string[];
  /** `total` differing from the number of listed projects after a restart. */
  totalMismatches: string[];
  /** FULL_SAAS projects without their hosted agent, hosted agents without their project. */
  orphans: string[];
  /** A restart on the killed database that failed. */
  restartFailures: string[];
  failures: FailureBook;
  statuses: Record<string, number>;
  serverErrors: Record<string, number>;
}

export async function killDuringWrites(opts: KillOptions): Promise<KillResult> {
  const log = opts.log ?? quiet;
  const db = await createDb(opts.kind);
  const rng = new Rng(opts.seed ?? 11);
  const nodes: PlinthNode[] = [];
  const res: KillResult = { kind: opts.kind, cycles: 0, ackedCreates: 0, ackedDeletes: 0, lost: [], resurrected: [], totalMismatches: [], orphans: [], restartFailures: [], failures: new FailureBook(), statuses: {}, serverErrors: {} };
  const created = new Map<string, string>(); // projectId → name, acknowledged
  const deleted = new Set<string>(); // acknowledged deletions
  const deleting = new Set<string>(); // deletions sent (acknowledged or not: an unanswered one may have happened)
  let node: PlinthNode | undefined;
  try {
    node = await startPlinth({ name: `kill9-${opts.kind}`, databaseUrl: db.url, masterKey: db.masterKey });
    nodes.push(node);
    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      const token = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
      const agent = keepAliveAgent(opts.writers ?? 6);
      const api = new Api(node.base, token, agent, 20_000);
      let stop = false;
      let firstAck = 0;
      const writer = async (w: number) => {
        for (let i = 0; !stop && i < 100_000; i++) {
          const del = i % 4 === 3 ? [...created.keys()].find((id) => !deleting.has(id) && id.charCodeAt(0) % 6 === w % 6) : undefined;
          if (del) {
            deleting.add(del);
            const r = await api.call('DELETE', `/v1/projects/${del}`);
            if (stop && r.status === null) return;
            tally(res, r);
            if (r.status === 204) deleted.add(del);
            else if (r.status !== null && r.status !== 404) noteFailure(res.failures, 'kill9 delete', 'DELETE', `/v1/projects/${del}`, undefined, r);
            continue;
          }
          const name = `k9-${cycle}-${w}-${i}`;
          const body = { name, warehouse: i % 2 ? 'SNOWFLAKE' : 'REDSHIFT', agentDeploymentType: i % 3 === 0 ? 'FULL_SAAS' : 'HYBRID' };
          const r = await api.call('POST', '/v1/projects', body);
          if (r.status === null) {
            if (stop) return;
            noteFailure(res.failures, 'kill9 create (before the kill)', 'POST', '/v1/projects', JSON.stringify(body), r);
            await sleep(50);
            continue;
          }
          tally(res, r);
          if (r.status === 201 && typeof r.json?.projectId === 'string') {
            created.set(r.json.projectId, name);
            firstAck ||= Date.now();
          } else noteFailure(res.failures, 'kill9 create', 'POST', '/v1/projects', JSON.stringify(body), r);
        }
      };
      const writers = Array.from({ length: opts.writers ?? 6 }, (_, w) => writer(w));
      // Kill while writes are in flight, some time after the first acknowledgement.
      const t0 = Date.now();
      while (!firstAck && Date.now() - t0 < 30_000 && node.alive()) await sleep(10);
      await sleep((opts.loadMs ?? 1000) + rng.int(0, opts.loadJitterMs ?? 0));
      stop = true;
      await node.kill9();
      await Promise.all(writers);
      agent.destroy();
      res.cycles++;
      log(`  ${opts.kind}: cycle ${cycle + 1}: killed with ${created.size} acknowledged creates, ${deleted.size} acknowledged deletes so far`);
      try {
        node = await restartPlinth(node);
        nodes.push(node);
      } catch (err) {
        res.restartFailures.push(`cycle ${cycle + 1}: ${(err as Error).message.slice(0, 2000)}`);
        node = undefined;
        break;
      }
      await verifyProjects(node, created, deleting, deleted, res, `cycle ${cycle + 1}`);
    }
  } finally {
    res.ackedCreates = created.size;
    res.ackedDeletes = deleted.size;
    res.serverErrors = serverErrors(nodes);
    for (const n of nodes) await n.stop();
    await db.drop();
  }
  return res;
}

function tally(res: { statuses: Record<string, number> }, r: RawResponse) {
  const s = r.status === null ? `error:${r.error}` : String(r.status);
  res.statuses[s] = (res.statuses[s] ?? 0) + 1;
}

function noteFailure(book: FailureBook, kind: string, method: string, path: string, body: string | undefined, r: RawResponse, reason?: string) {
  const v = check(method, path, r);
  book.add(failureOf(kind, reason ?? (v.ok ? `unexpected ${r.status}` : v.reason), { method, path, body }, r));
}

async function verifyProjects(
  node: PlinthNode,
  created: Map<string, string>,
  deleting: Set<string>,
  deleted: Set<string>,
  res: Pick<KillResult, 'lost' | 'resurrected' | 'totalMismatches' | 'orphans'>,
  when: string,
) {
  const token = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
  const api = new Api(node.base, token);
  const { items, total } = await listAll(api, '/v1/projects');
  const ids = new Set(items.map((p) => p.id as string));
  for (const [id, name] of created) if (!deleting.has(id) && !ids.has(id)) res.lost.push(`${when}: ${id} (${name})`);
  for (const id of deleted) if (ids.has(id)) res.resurrected.push(`${when}: ${id}`);
  if (total !== items.length) res.totalMismatches.push(`${when}: total ${total}, listed ${items.length}`);
  // A FULL_SAAS project and its hosted agent are created (and deleted) together.
  const agents = (await listAll(api, '/v1/agents')).items.filter((a) => a.hosted);
  const hostedOf = new Map(agents.map((a) => [a.projectId as string, a.agentId as string]));
  for (const p of items) if (p.agentDeploymentType === 'FULL_SAAS' && !hostedOf.has(p.id)) res.orphans.push(`${when}: FULL_SAAS project ${p.id} has no hosted agent`);
  for (const [pid, aid] of hostedOf) if (!ids.has(pid)) res.orphans.push(`${when}: hosted agent ${aid} of missing project ${pid}`);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL stopped and started under load
// ---------------------------------------------------------------------------------------------

export interface RestartOptions {
  restarts: number;
  workers?: number;
  /** Load before each stop (ms). */
  loadMs?: number;
  /** How long the database stays down (ms); a random extra of up to `outageJitterMs`. */
  outageMs?: number;
  outageJitterMs?: number;
  seed?: number;
  log?: Log;
}

export interface RestartCycle {
  mode: 'fast' | 'immediate';
  outageMs: number;
  /** Status counts of requests that began and ended while the database was down. */
  duringOutage: Record<string, number>;
  /** ms from the database accepting connections again to the first 2xx of an API call (Infinity: none within 20 s). */
  firstOkMs: number;
  /** /readyz while down. */
  readyzDuringOutage: string;
  processExited: string | null;
}

export interface RestartResult {
  restarts: number;
  cycles: RestartCycle[];
  exits: number;
  exitDetails: string[];
  requests: number;
  statuses: Record<string, number>;
  failures: FailureBook;
  ackedCreates: number;
  lost: string[];
  maxFirstOkMs: number;
  serverErrors: Record<string, number>;
}

interface Sample {
  kind: string;
  method: string;
  path: string;
  body?: string;
  r: RawResponse;
}

export async function pgRestartsUnderLoad(opts: RestartOptions): Promise<RestartResult> {
  const log = opts.log ?? quiet;
  const rng = new Rng(opts.seed ?? 7);
  const cluster = await PrivatePg.create();
  const nodes: PlinthNode[] = [];
  const samples: Sample[] = [];
  const res: RestartResult = { restarts: 0, cycles: [], exits: 0, exitDetails: [], requests: 0, statuses: {}, failures: new FailureBook(), ackedCreates: 0, lost: [], maxFirstOkMs: 0, serverErrors: {} };
  const created = new Map<string, string>();
  let stop = false;
  let workers: Promise<void>[] = [];
  try {
    await cluster.start();
    const masterKey = newMasterKey();
    let node = await startPlinth({ name: 'pg-restart', databaseUrl: cluster.url(), masterKey, env: { PLINTH_CREDENTIAL_CACHE_TTL_MS: '5000' } });
    nodes.push(node);
    let token = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
    const agent = keepAliveAgent(16);
    const send = async (kind: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const h: Record<string, string> = { ...headers };
      if (!path.startsWith('/oauth') && !path.startsWith('/readyz')) h.authorization = `Bearer ${token}`;
      let b: string | undefined;
      if (typeof body === 'string') b = body;
      else if (body !== undefined) {
        b = JSON.stringify(body);
        h['content-type'] = 'application/json';
      }
      const r = await request(node.base, { method, path, headers: h, body: b, agent: false, timeoutMs: 30_000 });
      samples.push({ kind, method, path, body: b, r });
      return r;
    };
    const worker = async (w: number) => {
      const wr = rng.fork();
      for (let i = 0; !stop && i < 1_000_000; i++) {
        if (!node.alive()) {
          await sleep(100);
          continue;
        }
        const pick = wr.int(0, 9);
        let r: RawResponse;
        if (pick < 4) {
          const name = `rs-${w}-${i}`;
          r = await send('create project', 'POST', '/v1/projects', { name, warehouse: 'SNOWFLAKE', agentDeploymentType: i % 3 === 0 ? 'FULL_SAAS' : 'HYBRID' });
          if (r.status === 201 && typeof json(r)?.projectId === 'string') created.set(json(r).projectId, name);
        } else if (pick < 7) {
          r = await send('list projects', 'GET', '/v1/projects?size=5');
        } else if (pick < 9) {
          const ids = [...created.keys()];
          r = await send('get project', 'GET', `/v1/projects/${ids.length ? wr.pick(ids) : wr.uuid()}`);
        } else {
          r = await send('token', 'POST', '/oauth/dpc/token', new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }).toString(), {
            'content-type': 'application/x-www-form-urlencoded',
          });
        }
        if (r.status === null || r.status >= 500) await sleep(25);
      }
    };
    workers = Array.from({ length: opts.workers ?? 4 }, (_, w) => worker(w));
    for (let c = 0; c < opts.restarts; c++) {
      await sleep(opts.loadMs ?? 800);
      const mode = c % 2 === 0 ? 'immediate' : 'fast';
      await cluster.stop(mode);
      const downAt = Date.now();
      const outage = (opts.outageMs ?? 1500) + rng.int(0, opts.outageJitterMs ?? 0);
      await sleep(Math.floor(outage / 2));
      const rz = node.alive() ? await request(node.base, { method: 'GET', path: '/readyz', timeoutMs: 10_000 }) : undefined;
      if (rz) samples.push({ kind: 'readyz', method: 'GET', path: '/readyz', r: rz });
      await sleep(outage - Math.floor(outage / 2));
      const upStartAt = Date.now();
      await cluster.start();
      const upAt = Date.now();
      res.restarts++;
      // First 2xx of a real API call once the database accepts connections again.
      let firstOkMs = Infinity;
      const deadline = upAt + 20_000;
      while (Date.now() < deadline && node.alive()) {
        const r = await send('probe after restart', 'GET', '/v1/projects?size=1');
        if (r.status !== null && r.status >= 200 && r.status < 300) {
          firstOkMs = r.startedAt + r.ms - upAt;
          break;
        }
        await sleep(50);
      }
      const duringOutage: Record<string, number> = {};
      for (const s of samples) {
        if (s.r.startedAt >= downAt && s.r.startedAt + s.r.ms <= upStartAt && s.kind !== 'readyz') {
          const k = s.r.status === null ? `error:${s.r.error}` : String(s.r.status);
          duringOutage[k] = (duringOutage[k] ?? 0) + 1;
        }
      }
      const cycle: RestartCycle = {
        mode,
        outageMs: upStartAt - downAt,
        duringOutage,
        firstOkMs,
        readyzDuringOutage: rz ? `${rz.status ?? rz.error}` : 'server down',
        processExited: node.alive() ? null : exitText(node.exitInfo),
      };
      res.cycles.push(cycle);
      if (Number.isFinite(firstOkMs)) res.maxFirstOkMs = Math.max(res.maxFirstOkMs, firstOkMs);
      else res.maxFirstOkMs = Infinity;
      log(`  restart ${c + 1}/${opts.restarts} (${mode}, down ${cycle.outageMs} ms): during outage ${JSON.stringify(duringOutage)}, readyz ${cycle.readyzDuringOutage}, first 2xx after ${firstOkMs} ms${cycle.processExited ? `, PROCESS EXITED (${cycle.processExited})` : ''}`);
      if (!node.alive()) {
        res.exits++;
        res.exitDetails.push(`restart ${c + 1} (${mode}): ${exitText(node.exitInfo)}; log tail:\n${node.logTail(12)}`);
        node = await restartPlinth(node);
        nodes.push(node);
        token = await getToken(node.base, ADMIN_ID, ADMIN_SECRET);
      }
    }
    stop = true;
    await Promise.all(workers);
    agent.destroy();
    // Nothing acknowledged may be lost.
    const api = new Api(node.base, token);
    const { items } = await listAll(api, '/v1/projects');
    const ids = new Set(items.map((p) => p.id));
    for (const [id, name] of created) if (!ids.has(id)) res.lost.push(`${id} (${name})`);
  } finally {
    stop = true;
    await Promise.allSettled(workers);
    res.ackedCreates = created.size;
    res.requests = samples.length;
    for (const s of samples) {
      tally(res, s.r);
      // 503 is the right answer while the database is down (with Retry-After, problem+json);
      // anything 5xx else, a broken connection, or a 4xx that is not problem+json is not.
      if (s.r.status === null && !s.r.error) continue;
      const v = check(s.method, s.path, s.r, { allow503: true });
      if (!v.ok) res.failures.add(failureOf(s.kind, v.reason, { method: s.method, path: s.path, body: s.body }, s.r));
    }
    res.serverErrors = serverErrors(nodes);
    for (const n of nodes) await n.stop();
    await cluster.destroy();
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Two nodes racing on the same names
// ---------------------------------------------------------------------------------------------

export interface RaceOptions {
  names: number;
  /** Rounds of "delete a project while creating inside it" (default 10). */
  deleteRounds?: number;
  /** Concurrent requests per name on each node. */
  perNode?: number;
  log?: Log;
}

export interface RaceResult {
  nodesStarted: number;
  startErrors: string[];
  /** Per resource kind: names raced, names with exactly one 201 and only 409 otherwise. */
  kinds: Record<string, { names: number; clean: number; statuses: Record<string, number> }>;
  /** Names whose outcome was not one 201 + 409s (resource: name → statuses). */
  violations: string[];
  /** Outcomes allowed but worth knowing (several 204s for one concurrent deletion). */
  notes: string[];
  /** A project deleted on one node while both create inside it: statuses per request kind. */
  deleteRace: { rounds: number; statuses: Record<string, Record<string, number>>; failures: FailureBook };
  failures: FailureBook;
  serverErrors: Record<string, number>;
}

export async function twoNodeRace(opts: RaceOptions): Promise<RaceResult> {
  const log = opts.log ?? quiet;
  const db = await pgDatabase(undefined, 'race');
  const res: RaceResult = { nodesStarted: 0, startErrors: [], kinds: {}, violations: [], notes: [], deleteRace: { rounds: 0, statuses: {}, failures: new FailureBook() }, failures: new FailureBook(), serverErrors: {} };
  const nodes: PlinthNode[] = [];
  try {
    // Both nodes start at once on an empty schema: migrations and the bootstrap credential race too.
    const started = await Promise.allSettled([0, 1].map((i) => startPlinth({ name: `race-${i}`, databaseUrl: db.url, masterKey: db.masterKey })));
    for (const s of started) {
      if (s.status === 'fulfilled') nodes.push(s.value);
      else res.startErrors.push((s.reason as Error).message.slice(0, 3000));
    }
    res.nodesStarted = nodes.length;
    if (nodes.length < 2) return res;
    const apis: Api[] = [];
    for (const n of nodes) apis.push(new Api(n.base, await getToken(n.base, ADMIN_ID, ADMIN_SECRET), keepAliveAgent(32)));
    const perNode = opts.perNode ?? 2;
    // Shared fixtures, made on node 0.
    const f = await seedFixtureSet(apis[0]!, new Rng(3), 'race');
    const race = async (kind: string, method: string, pathFor: (i: number) => string, bodyFor: (i: number) => unknown, okStatus: number, loseStatus: number, strict = true) => {
      const k = (res.kinds[kind] = { names: opts.names, clean: 0, statuses: {} as Record<string, number> });
      await Promise.all(
        Array.from({ length: opts.names }, async (_, i) => {
          const calls: Promise<RawResponse & { json: any }>[] = [];
          for (let j = 0; j < perNode; j++) for (const api of apis) calls.push(api.call(method, pathFor(i), bodyFor(i)));
          const rs = await Promise.all(calls);
          const got = rs.map((r) => r.status ?? `error:${r.error}`);
          for (const s of got) k.statuses[String(s)] = (k.statuses[String(s)] ?? 0) + 1;
          const wins = rs.filter((r) => r.status === okStatus).length;
          const losses = rs.filter((r) => r.status === loseStatus).length;
          if (wins === 1 && losses === rs.length - 1) k.clean++;
          else if (!strict && wins >= 1 && wins + losses === rs.length) res.notes.push(`${kind} #${i}: ${JSON.stringify(got)}`);
          else res.violations.push(`${kind} #${i}: ${JSON.stringify(got)}`);
          const body = bodyFor(i);
          for (const r of rs) {
            const v = check(method, pathFor(i), r);
            if (!v.ok) res.failures.add(failureOf(`race ${kind}`, v.reason, { method, path: pathFor(i), body: body === undefined ? undefined : JSON.stringify(body) }, r));
          }
        }),
      );
      log(`  ${kind}: ${k.clean}/${k.names} names clean, statuses ${JSON.stringify(k.statuses)}`);
    };
    await race('project', 'POST', () => '/v1/projects', (i) => ({ name: `race-p-${i}`, warehouse: 'SNOWFLAKE', agentDeploymentType: i % 2 ? 'FULL_SAAS' : 'HYBRID' }), 201, 409);
    await race('agent', 'POST', () => '/v1/agents', (i) => ({ agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: `race-a-${i}` }), 201, 409);
    await race('api credential', 'POST', () => '/v1/api-credentials', (i) => ({ name: `race-c-${i}`, role: 'MEMBER' }), 201, 409);
    await race('warehouse connection', 'POST', () => `/v1/projects/${f.projectId}/data-platform-connections`, (i) => ({ name: `race-dwh-${i}`, platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201, 409);
    await race('secret reference', 'POST', (i) => `/v1/projects/${f.projectId}/secret-references/race-ref-${i}`, () => ({ agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'prod/x', secretKey: 'password' }), 201, 409);
    await race('hosted secret', 'POST', () => `/v1/secrets/${f.hostedAgentId}/secret-value`, (i) => ({ name: `race-s-${i}`, type: 'DWH_PASSWORD', key: 'password', value: `pw-${i}` }), 201, 409);
    await race('environment', 'POST', () => `/v1/projects/${f.projectId}/environments`, (i) => envBody(f, `race-env-${i}`), 201, 409);
    // Both nodes see the same projects, each name once.
    const lists = await Promise.all(apis.map((a) => listAll(a, '/v1/projects')));
    for (const [n, l] of lists.entries()) {
      const names = l.items.map((p) => p.name as string).filter((x) => x.startsWith('race-p-'));
      if (names.length !== opts.names || new Set(names).size !== names.length) res.violations.push(`node ${n} lists ${names.length} race projects (${new Set(names).size} distinct), expected ${opts.names}`);
    }
    if (lists[0]!.total !== lists[1]!.total) res.violations.push(`nodes disagree on the project total: ${lists[0]!.total} vs ${lists[1]!.total}`);
    // Deleting the same project on both nodes: one 204, the rest 404.
    const ids = lists[0]!.items.filter((p) => String(p.name).startsWith('race-p-')).map((p) => p.id as string);
    // (Idempotent: several 204s are noted, not counted as violations; a 5xx or anything but 204/404 is.)
    await race('project delete', 'DELETE', (i) => `/v1/projects/${ids[i] ?? '00000000-0000-4000-8000-000000000000'}`, () => undefined, 204, 404, false);
    const after = await Promise.all(apis.map((a) => listAll(a, '/v1/projects')));
    for (const [n, l] of after.entries()) {
      const left = l.items.filter((p) => String(p.name).startsWith('race-p-')).length;
      if (left) res.violations.push(`node ${n} still lists ${left} race projects after they were deleted`);
      if (l.total !== l.items.length) res.violations.push(`node ${n}: total ${l.total} but ${l.items.length} projects listed after the deletions`);
    }
    // A project deleted on node 0 while node 1 (and node 0) create things inside it: each
    // request either happens before the deletion (201) or finds the project gone (404), never 5xx.
    const [a0, a1] = [apis[0]!, apis[1]!];
    for (let i = 0; i < (opts.deleteRounds ?? 10); i++) {
      const p = await a0.call('POST', '/v1/projects', { name: `race-del-${i}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' });
      if (p.status !== 201) continue;
      const pid: string = p.json.projectId;
      const hosted = (await hostedAgentOf(a0, pid)) ?? '00000000-0000-4000-8000-000000000000';
      const calls: [string, Api, string, string, unknown][] = [
        ['delete project', a0, 'DELETE', `/v1/projects/${pid}`, undefined],
        ['create warehouse connection', a1, 'POST', `/v1/projects/${pid}/data-platform-connections`, { name: 'c', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }],
        ['create connection', a1, 'POST', `/v1/projects/${pid}/connections`, { name: 'b', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { secretName: 's' } } }],
        ['associate repository', a1, 'POST', `/v1/projects/${pid}/repositories`, { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } }],
        ['create hosted secret reference', a0, 'POST', `/v1/projects/${pid}/secret-references/ref`, { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId: hosted, secretValue: { password: 'x' } }],
        ['create AWS secret reference', a1, 'POST', `/v1/projects/${pid}/secret-references/ref2`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'x', secretKey: 'password' }],
        ['create hosted secret', a1, 'POST', `/v1/secrets/${hosted}/secret-value`, { name: 'sv', type: 'DWH_PASSWORD', key: 'password', value: 'pw' }],
      ];
      const rs = await Promise.all(calls.map(([, api, method, path, body]) => api.call(method, path, body)));
      res.deleteRace.rounds++;
      for (const [j, r] of rs.entries()) {
        const [kind, , method, path, body] = calls[j]!;
        const s = r.status === null ? `error:${r.error}` : String(r.status);
        const t = (res.deleteRace.statuses[kind] ??= {});
        t[s] = (t[s] ?? 0) + 1;
        const v = check(method, path, r);
        if (!v.ok) res.deleteRace.failures.add(failureOf(`delete race: ${kind}`, v.reason, { method, path, body: body === undefined ? undefined : JSON.stringify(body) }, r));
      }
    }
    log(`  project deletion racing creates inside it: ${JSON.stringify(res.deleteRace.statuses)}`);
    for (const a of apis) (a.agent as Agent).destroy();
  } finally {
    res.serverErrors = serverErrors(nodes);
    for (const n of nodes) await n.stop();
    await db.drop();
  }
  return res;
}
