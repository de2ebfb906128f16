// How long the state controls take: reset, snapshot and restore of a test-sized state, on SQLite
// (in memory, and a file) and PostgreSQL, measured from the client (an HTTP round trip through
// createServer, as a test suite calls them) and as Plinth reports them (`durationMs`).
//
//   npx tsx scripts/measure-controls.ts [--rounds 40] [--no-postgres] [--projects 20]
//
// Prints a Markdown table (README "Test controls" quotes it). Not part of npm test: timings are
// never asserted in the suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateMasterKey } from '../src/core/crypto/vault.js';
import { createPgSchema } from '../src/core/db/pg-schema.js';
import { createServer, type PlinthServer, type SeedFixture } from '../src/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 40);
const PROJECTS = arg('projects', 20);
const withPostgres = !process.argv.includes('--no-postgres');

/** A test-sized state: credentials, agents, projects (half of them with a hosted agent) with a warehouse connection each. */
function fixture(projects: number): SeedFixture {
  return {
    apiCredentials: Array.from({ length: 5 }, (_, i) => ({ name: `cred-${i}`, role: 'ADMIN' as const })),
    agents: Array.from({ length: 3 }, (_, i) => ({ name: `agent-${i}`, agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' })),
    projects: Array.from({ length: projects }, (_, i) => ({
      name: `project-${i}`,
      warehouse: 'SNOWFLAKE',
      agentDeploymentType: i % 2 ? 'FULL_SAAS' : 'HYBRID',
      dataPlatformConnections: [{ name: 'warehouse', platformConnectionType: 'dwh', authProvider: 'snowflake', authType: 'key_pair' }],
    })),
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (n: number) => n.toFixed(1);

async function measure(label: string, plinth: PlinthServer) {
  const rows: string[] = [];
  const time = async (what: string, fn: () => Promise<{ durationMs: number }>) => {
    const client: number[] = [];
    const server: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const r = await fn();
      client.push(performance.now() - t);
      server.push(r.durationMs);
    }
    rows.push(`| ${label} | ${what} | ${fmt(pct(server, 50))} | ${fmt(pct(server, 95))} | ${fmt(pct(client, 50))} | ${fmt(pct(client, 95))} |`);
  };
  const seeded = await plinth.controls.seed(fixture(PROJECTS));
  const snap = await plinth.controls.snapshot('seeded');
  const rowsCopied = snap.rows;
  await time('snapshot', () => plinth.controls.snapshot('seeded'));
  await time('restore', () => plinth.controls.restore('seeded'));
  await time('reset (empty)', () => plinth.controls.reset());
  // A reset of the seeded state: restore first (not timed), then reset.
  const resets: { client: number; server: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await plinth.controls.restore('seeded');
    const t = performance.now();
    const r = await plinth.controls.reset();
    resets.push({ client: performance.now() - t, server: r.durationMs });
  }
  rows.push(
    `| ${label} | reset (seeded) | ${fmt(pct(resets.map((r) => r.server), 50))} | ${fmt(pct(resets.map((r) => r.server), 95))} | ${fmt(pct(resets.map((r) => r.client), 50))} | ${fmt(pct(resets.map((r) => r.client), 95))} |`,
  );
  return { rows, rowsCopied, seedMs: seeded.durationMs };
}

const out: string[] = [];
const notes: string[] = [];
const run = async (label: string, opts: Parameters<typeof createServer>[0], after?: () => Promise<void>) => {
  const plinth = await createServer(opts);
  try {
    const r = await measure(label, plinth);
    out.push(...r.rows);
    notes.push(`${label}: the seeded state is ${r.rowsCopied} rows (seeding it through the API took ${Math.round(r.seedMs)} ms)`);
  } finally {
    await plinth.close();
    await after?.();
  }
};

await run('SQLite in memory', {});
const dir = mkdtempSync(path.join(tmpdir(), 'plinth-measure-'));
await run('SQLite file (WAL)', { database: `sqlite:${path.join(dir, 'p.db')}` }, async () => rmSync(dir, { recursive: true, force: true }));
if (withPostgres) {
  const schema = await createPgSchema({ prefix: 'measure' });
  await run('PostgreSQL', { database: schema.url, env: { PLINTH_MASTER_KEY: generateMasterKey(), PLINTH_CONTROLS_ALLOW_POSTGRES: '1' } }, schema.drop);
}

console.log(`${ROUNDS} rounds each; ${PROJECTS} projects, 5 API credentials, 3 agents; times in ms (server: durationMs; client: the HTTP round trip)\n`);
console.log('| database | control | server p50 | server p95 | client p50 | client p95 |');
console.log('|---|---|---|---|---|---|');
for (const r of out) console.log(r);
console.log('');
for (const n of notes) console.log(`- ${n}`);
