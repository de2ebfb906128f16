/**
 * Interleaved A/B of two checkouts' server CPU per request (docs/benchmarks.md, issue 18):
 *
 *   ROOTS=/path/a,/path/b WHAT=conn|proj|list ROUNDS=10 S=4 node bench/ab-cpu.mjs
 *
 * Each root must be built (`npm run build`; a worktree can link this checkout's node_modules).
 * Both servers start on fresh SQLite files, each seeded with 30 projects; then, round after round
 * (the order alternating, so neither is always first), each gets 1 s of warm-up and S seconds of
 * load from 100 connections, and its CPU time (utime + stime from /proc) over the measured
 * seconds is divided by the 2xx answers. CPU per request moves less than req/s with whatever else
 * the machine runs, but on a shared 2-core VM single rounds still move ±20%: compare medians of
 * many rounds, and run an A/A pair (the same root twice) to see the noise.
 */
import { spawn } from 'node:child_process';
import fs, { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const roots = (process.env.ROOTS ?? '').split(',').filter(Boolean);
if (roots.length === 0) throw new Error('ROOTS=/path/a,/path/b (built checkouts)');
const what = process.env.WHAT || 'conn';
const rounds = Number(process.env.ROUNDS || 6);
const seconds = Number(process.env.S || 5);
const CLIENT = { id: 'bench-admin', secret: 'bench-admin-secret-0123456789' };
const TICKS = 100; // USER_HZ: /proc reports CPU time in clock ticks

const cpuUs = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) / TICKS) * 1e6;
};

async function start(root, i) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-ab-'));
  const port = 15100 + i * 2 + Math.floor(Math.random() * 50) * 10;
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    DATABASE_URL: `sqlite:${dir}/plinth.db`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PLINTH_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    PLINTH_BOOTSTRAP_CLIENT_ID: CLIENT.id,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: CLIENT.secret,
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [path.join(root, 'bin/plinth.js'), 'serve'], { env, cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; k < 400; k++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const form = `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`;
  const token = (await (await fetch(`${base}/oauth/dpc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).json()).access_token;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const projects = [];
  for (let k = 0; k < 30; k++) {
    const r = await fetch(`${base}/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: `p${k}`, description: 'bench', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }) });
    if (r.status !== 201) throw new Error(`${root}: seeding answered ${r.status}`);
    projects.push((await r.json()).projectId);
  }
  return { root, child, base, headers, project: projects[1], runs: 0, us: [], rps: [] };
}

/** The scenario's autocannon options; POST bodies get a unique name each. */
function load(s) {
  if (what === 'list') return { url: `${s.base}/v1/projects?page=0&size=25`, headers: s.headers };
  const tag = `${s.runs++}`;
  let n = 0;
  const body =
    what === 'proj'
      ? () => JSON.stringify({ name: `x-${tag}-${n++}`, description: 'bench', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' })
      : () => JSON.stringify({ name: `c-${tag}-${n++}`, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { description: 'd' } });
  const url = what === 'proj' ? `${s.base}/v1/projects` : `${s.base}/v1/projects/${s.project}/connections`;
  return { url, requests: [{ method: 'POST', headers: s.headers, body: body(), setupRequest: (r) => ({ ...r, body: body() }) }] };
}

const run = (o) => new Promise((resolve, reject) => autocannon(o, (err, r) => (err ? reject(err) : resolve(r))));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const servers = [];
try {
  for (let i = 0; i < roots.length; i++) servers.push(await start(roots[i], i));
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      await run({ ...load(s), connections: 100, duration: 1 });
      const before = cpuUs(s.child.pid);
      const out = await run({ ...load(s), connections: 100, duration: seconds });
      const used = cpuUs(s.child.pid) - before;
      if (out.non2xx) throw new Error(`${s.root}: ${out.non2xx} answers were not 2xx`);
      s.us.push(used / out['2xx']);
      s.rps.push(out['2xx'] / seconds);
    }
  }
  for (const s of servers) {
    console.log(`${s.root}: CPU ${median(s.us).toFixed(1)} µs/req median (${s.us.map((x) => x.toFixed(0)).join(' ')}), ${median(s.rps).toFixed(0)} req/s median`);
  }
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
}
