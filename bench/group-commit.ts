/**
 * npx tsx bench/group-commit.ts [-- --n=2000] [-- --concurrency=50] [-- --rounds=3]
 *
 * SQLite group commit (src/core/db/sqlite-group-driver.ts) against Kysely's stock SQLite driver,
 * in one process: two apps on two database files, `--n` POST /v1/projects each through
 * `inject` with `--concurrency` in flight, the two runs alternating (order swapped each round)
 * so both see the same machine. Prints req/s per round and the median of each.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDriver, type Driver } from 'kysely';
import { createApp, createLogger, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { GroupCommitSqliteDialect, groupCommitStats } from '../src/core/db/sqlite-group-driver.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const N = arg('n', 2000);
const CONCURRENCY = arg('concurrency', 50);
const ROUNDS = arg('rounds', 3);
const ID = 'bench-admin';
const SECRET = 'bench-admin-secret-0123456789';

async function start(grouped: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-group-commit-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'p.db')}`,
    PLINTH_MASTER_KEY: randomBytes(32).toString('base64'),
    PLINTH_BOOTSTRAP_CLIENT_ID: ID,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: SECRET,
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  // The "before" app gets Kysely's own driver over the same statement cache (the driver is
  // created while the app opens its store, so the swap is undone right after).
  const proto = GroupCommitSqliteDialect.prototype as unknown as { createDriver(): Driver };
  const own = proto.createDriver;
  if (!grouped) proto.createDriver = function (this: { opts: { database: ConstructorParameters<typeof SqliteDriver>[0]['database'] } }) {
    return new SqliteDriver({ database: this.opts.database });
  };
  try {
    const app = await createApp({ config, logger: createLogger('warn'), docs: false, scheduleRotation: false });
    return { app, drop: async () => (await app.close(), rmSync(dir, { recursive: true, force: true })) };
  } finally {
    proto.createDriver = own;
  }
}

async function burst(app: App, token: string, tag: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const r = await app.server.inject({ method: 'POST', url: '/v1/projects', headers, payload: JSON.stringify({ name: `${tag}-${i}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }) });
        if (r.statusCode !== 201) throw new Error(`POST: ${r.statusCode} ${r.body}`);
      }
    }),
  );
  return N / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const runs = { before: await start(false), after: await start(true) };
try {
  const tokens: Record<string, string> = {};
  for (const [k, { app }] of Object.entries(runs)) {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: ID, client_secret: SECRET }).toString();
    const t = await app.server.inject({ method: 'POST', url: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    tokens[k] = t.json().access_token as string;
    await burst(app, tokens[k]!, 'warm'); // warm-up: JIT, statement cache
  }
  Object.assign(groupCommitStats, { commits: 0, transactions: 0 });
  const rps: Record<'before' | 'after', number[]> = { before: [], after: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order: ('before' | 'after')[] = round % 2 ? ['after', 'before'] : ['before', 'after'];
    for (const k of order) {
      const r = await burst(runs[k].app, tokens[k]!, `r${round}`);
      rps[k].push(r);
      const { commits, transactions } = groupCommitStats;
      const groups = k === 'after' ? ` (${transactions} transactions in ${commits} COMMITs)` : '';
      Object.assign(groupCommitStats, { commits: 0, transactions: 0 });
      process.stdout.write(`round ${round + 1} ${k.padEnd(6)} ${r.toFixed(0).padStart(6)} req/s${groups}\n`);
    }
  }
  const b = median(rps.before);
  const a = median(rps.after);
  process.stdout.write(`POST /v1/projects, ${N} per run, ${CONCURRENCY} in flight, SQLite: stock driver ${b.toFixed(0)} req/s, group commit ${a.toFixed(0)} req/s (×${(a / b).toFixed(2)}), medians of ${ROUNDS}\n`);
} finally {
  for (const { drop } of Object.values(runs)) await drop();
}
