/**
 * npm run bench:breakdown [-- --no-postgres] [-- --n=2000]
 *
 * Where the microseconds of each hot path go, measured in process (no sockets, no load
 * generator): the whole request through Fastify's `inject`, then each stage of it run alone
 * with the same inputs — auth on a cached token, the Kysely query build, the statement through
 * Kysely and raw on the driver, row mapping, serialization — plus two references under `inject`:
 * a bare Fastify route answering the same JSON (framework) and a bare route running the same raw
 * prepared statement (the same-work floor). Nothing here runs on the request path of the server;
 * the stages are timed beside it with process.hrtime.bigint(). Figures are medians of batches
 * and move with the load of the machine: compare rows of one run only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import fjs from 'fast-json-stringify';
import { makeAjv } from '../src/core/http/schemas.js';
import { createApp, createLogger, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createPgSchema } from '../src/core/db/pg-schema.js';
import { loadContract } from '../src/resources/index.js';
import { createAudit } from '../src/core/audit.js';
import { operations } from '../src/core/http/contract.js';
import { createProjectsRepo } from '../src/resources/projects/store.js';
import { PG_URL } from './lib/targets.js';

const argv = process.argv.slice(2);
const N = Number(argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 2000);
const WANT_PG = !argv.includes('--no-postgres');
const ID = 'bench-admin';
const SECRET = 'bench-admin-secret-0123456789';
const LIST = '/v1/projects?page=0&size=25';

/** Median µs per call over batches of `n / 10` calls (after a warm-up batch). */
async function time(fn: () => unknown, n = N): Promise<number> {
  const batch = Math.max(10, Math.floor(n / 10));
  for (let i = 0; i < batch; i++) await fn();
  const per: number[] = [];
  for (let b = 0; b < 10; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await fn();
    per.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
  }
  per.sort((a, b) => a - b);
  return (per[4]! + per[5]!) / 2;
}

/** As `time`, for several functions whose batches alternate (A B A B …); one median each. */
async function timeInterleaved(fns: (() => unknown)[], n = N): Promise<number[]> {
  const batch = Math.max(10, Math.floor(n / 10));
  for (const fn of fns) for (let i = 0; i < batch; i++) await fn();
  const per: number[][] = fns.map(() => []);
  for (let b = 0; b < 10; b++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await fn();
      per[k]!.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
    }
  }
  return per.map((p) => (p.sort((a, b) => a - b), (p[4]! + p[5]!) / 2));
}

/** A MEMBER credential granted VIEWER on `projectIds`; its authorization header. */
async function grantedMember(s: App['server'], admin: Record<string, string>, projectIds: string[]) {
  const json = { ...admin, 'content-type': 'application/json' };
  const c = await s.inject({ method: 'POST', url: '/v1/api-credentials', headers: json, payload: JSON.stringify({ name: 'bench-member', role: 'MEMBER' }) });
  if (c.statusCode !== 201) throw new Error(`member credential: ${c.statusCode} ${c.body}`);
  const { clientId, clientSecret } = c.json() as { clientId: string; clientSecret: string };
  for (const id of projectIds) {
    const g = await s.inject({ method: 'PUT', url: `/v1/projects/${id}/members/${clientId}`, headers: json, payload: JSON.stringify({ role: 'VIEWER' }) });
    if (g.statusCode !== 200) throw new Error(`grant: ${g.statusCode} ${g.body}`);
  }
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString();
  const t = await s.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
  return { authorization: `Bearer ${t.json().access_token as string}` };
}

async function start(kind: 'sqlite' | 'postgres') {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-breakdown-'));
    url = `sqlite:${path.join(dir, 'p.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const s = await createPgSchema({ baseUrl: PG_URL, prefix: 'breakdown' });
    url = s.url;
    drop = s.drop;
  }
  const config = loadConfig({
    DATABASE_URL: url,
    PLINTH_MASTER_KEY: randomBytes(32).toString('base64'),
    PLINTH_BOOTSTRAP_CLIENT_ID: ID,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: SECRET,
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ config, logger: createLogger('warn'), docs: false, scheduleRotation: false });
  return { app, drop };
}

const FORM = new URLSearchParams({ grant_type: 'client_credentials', client_id: ID, client_secret: SECRET }).toString();

async function breakdown(kind: 'sqlite' | 'postgres') {
  const { app, drop } = await start(kind);
  const s = app.server;
  const out: [string, number][] = [];
  const row = (label: string, us: number) => {
    out.push([label, us]);
    process.stdout.write(`  ${kind.padEnd(8)} ${label.padEnd(62)} ${us.toFixed(1).padStart(8)} µs\n`);
  };
  try {
    const tok = await s.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: FORM });
    const token = tok.json().access_token as string;
    const auth = { authorization: `Bearer ${token}` };
    let n = 0;
    for (let i = 0; i < 30; i++) {
      const r = await s.inject({ method: 'POST', url: '/v1/projects', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ name: `seed-${i}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }) });
      if (r.statusCode !== 201) throw new Error(`seed: ${r.statusCode} ${r.body}`);
    }
    const listBody = (await s.inject({ method: 'GET', url: LIST, headers: auth })).json();
    const accountId = app.identity.defaultAccountId;
    const projectId = listBody.results[0].id as string;

    // --- GET /v1/projects page of 25
    row('GET list: whole request (inject)', await time(() => s.inject({ method: 'GET', url: LIST, headers: auth })));
    // Issue 13: the same page for a MEMBER credential granted VIEWER on every project, timed in
    // alternation with the Super Admin's so both see the same machine.
    const member = await grantedMember(s, auth, listBody.results.map((p: { id: string }) => p.id));
    const [asAdmin, asMember] = await timeInterleaved([() => s.inject({ method: 'GET', url: LIST, headers: auth }), () => s.inject({ method: 'GET', url: LIST, headers: member })]);
    row('GET list: whole request, Super Admin (interleaved with the next)', asAdmin);
    row('GET list: whole request, granted MEMBER (interleaved)', asMember);
    const bare = Fastify({ logger: false });
    bare.get('/v1/projects', async () => listBody);
    bare.post('/v1/projects', async (_q, reply) => reply.code(201).send({ projectId }));
    await bare.ready();
    row('GET list: bare Fastify, same JSON (framework + inject)', await time(() => bare.inject({ method: 'GET', url: LIST, headers: auth })));
    row('auth: verify cached token', await time(() => app.tokens.verify(token)));
    row('auth: current actor (cached)', await time(() => app.identity.currentActor(ID)));
    const db = app.store.db;
    const build = () =>
      db.selectFrom('projects').selectAll('projects').where('projects.account_id', '=', accountId).orderBy('projects.created_at').orderBy('projects.id').limit(25).offset(0).compile();
    row('GET list: SQL build (Kysely builder + compile)', await time(build));
    const compiled = build();
    row('GET list: SQL run through Kysely (compiled once)', await time(() => db.executeQuery(compiled)));
    const counter = db.selectFrom('account_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('projects'), eb.lit(0)).as('n')).where('account_id', '=', accountId).compile();
    row('GET list: total (counter) through Kysely', await time(() => db.executeQuery(counter)));
    const repo = createProjectsRepo(db, app.store.dialect);
    row('GET list: repo.page (build + run + total)', await time(() => repo.page(accountId, 0, 25)));
    let raw: (() => Promise<unknown[]>) | undefined;
    let floorServer: ReturnType<typeof Fastify> | undefined;
    if (kind === 'sqlite') {
      const SQLite = (await import('better-sqlite3')).default;
      const file = app.config.database.kind === 'sqlite' ? app.config.database.filename : '';
      const rdb = new SQLite(file);
      const stmt = rdb.prepare(compiled.sql);
      const cstmt = rdb.prepare(counter.sql);
      raw = async () => [stmt.all(...compiled.parameters), cstmt.get(...counter.parameters)];
      row('GET list: SQL run raw (better-sqlite3 prepared, page + total)', await time(raw));
    } else {
      const pg = (await import('pg')).default;
      const pool = new pg.Pool({ connectionString: (app.config.database as { url: string }).url, max: 4 });
      raw = async () => (await Promise.all([pool.query({ name: 'p', text: compiled.sql, values: compiled.parameters as unknown[] }), pool.query({ name: 'c', text: counter.sql, values: counter.parameters as unknown[] })])).map((r) => r.rows);
      row('GET list: SQL run raw (pg named prepared, page + total)', await time(raw, N / 4));
    }
    const rows = (await db.executeQuery(compiled)).rows as any[];
    const view = (r: any) => ({ id: r.id, name: r.name, description: r.description, warehouse: r.warehouse, agentDeploymentType: r.agent_deployment_type, createdAt: r.created_at, updatedAt: r.updated_at });
    row('GET list: row mapping (25 rows → views)', await time(() => rows.map(view), N * 10));
    const ops = operations(loadContract());
    const listSchema = ops.get('listProjects')!.schema.response!['200'];
    const stringify = fjs(listSchema as any);
    row('GET list: serialization (fast-json-stringify, 25 items)', await time(() => stringify(listBody), N * 10));
    row('GET list: serialization (JSON.stringify, for reference)', await time(() => JSON.stringify(listBody), N * 10));
    const validateQuery = makeAjv(true).compile(ops.get('listProjects')!.schema.querystring as object);
    row('GET list: query validation (Ajv, page and size)', await time(() => validateQuery({ page: '0', size: '25' }), N * 10));
    const log = createLogger('warn');
    row('logging: request child logger + a filtered info line', await time(() => log.child({ reqId: 'x' }).info({ a: 1 }, 'request completed'), N * 10));
    floorServer = Fastify({ logger: false });
    floorServer.get('/v1/projects', { schema: { response: { 200: listSchema } } }, async () => {
      const [r, t] = await raw!();
      return { results: (r as any[]).map(view), page: 0, size: 25, total: Number((t as any)?.n ?? (t as any[])?.[0]?.n) };
    });
    await floorServer.ready();
    row('GET list: same-work floor (bare Fastify + raw statement, inject)', await time(() => floorServer!.inject({ method: 'GET', url: LIST, headers: auth }), kind === 'sqlite' ? N : N / 4));

    // --- POST /v1/projects
    const post = () => s.inject({ method: 'POST', url: '/v1/projects', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ name: `p-${kind}-${n++}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }) });
    row('POST project: whole request (inject)', await time(post, N / 2));
    row('POST project: bare Fastify, same JSON (framework + inject)', await time(() => bare.inject({ method: 'POST', url: '/v1/projects', headers: { 'content-type': 'application/json' }, payload: '{"name":"x","warehouse":"SNOWFLAKE","agentDeploymentType":"HYBRID"}' })));
    const ins = (t?: any) => {
      const now = new Date().toISOString();
      return repo.insert({ id: crypto.randomUUID(), account_id: accountId, name: `r-${kind}-${n++}`, description: null, warehouse: 'SNOWFLAKE', agent_deployment_type: 'HYBRID', created_at: now, updated_at: now }, t);
    };
    row('POST project: repo.insert (insert + counter, committed)', await time(() => ins(), N / 2));
    row('POST project: transaction around repo.insert', await time(() => db.transaction().execute((t) => ins(t)), N / 2));
    const audit = createAudit({ clock: () => new Date() });
    {
      const actor = (await app.identity.currentActor(ID))!;
      row('POST project: transaction around repo.insert + audit.record', await time(() => db.transaction().execute(async (t) => {
        await ins(t);
        await audit.record(t, actor, { eventName: 'project_created', eventType: 'CREATE', description: 'bench', subjectType: 'PROJECT', subjectId: 'x', subjectName: 'x' } as any);
      }), N / 2));
    }

    // --- token endpoint
    row('token: whole request (inject)', await time(() => s.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: FORM }), N / 4));
    row('token: client authentication (lookup + HMAC)', await time(() => app.identity.authenticateClient(ID, SECRET), N / 2));
    const actor = (await app.identity.currentActor(ID))!;
    row('token: RS256 signature (tokens.issue)', await time(() => app.tokens.issue(actor, 'https://api.matillion.com', { address: '127.0.0.1' }), N / 4));
    await bare.close();
    await floorServer.close();
    return out;
  } finally {
    await app.close();
    await drop();
  }
}

const all: Record<string, [string, number][]> = {};
all.sqlite = await breakdown('sqlite');
if (WANT_PG) all.postgres = await breakdown('postgres');
process.stdout.write('\n| stage | ' + Object.keys(all).join(' µs | ') + ' µs |\n|---|' + Object.keys(all).map(() => '---:|').join('') + '\n');
const labels = all.sqlite!.map(([l]) => l);
for (const l of labels) process.stdout.write(`| ${l} | ${Object.values(all).map((r) => r.find(([x]) => x === l)?.[1].toFixed(1) ?? '–').join(' | ')} |\n`);
process.stdout.write(`\nload average: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
process.exit(0);
