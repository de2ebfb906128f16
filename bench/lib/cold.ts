import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeAgent, request } from './http.js';
import { freePort, spawnGroup, stopGroup, waitHttp, waitOutput } from './proc.js';
import { ms } from './report.js';
import { ROOT, createDb, getToken, logPath, plinthEnv, type BenchDb, type DbKind } from './targets.js';

export type ColdResults = Record<string, { runs: number[]; median: number } | { error: string }>;

/** The cold-start rows the bench keeps in its targets (run.ts) and the same-work floor beside them. */
export const COLD = {
  sqliteNew: 'sqlite-new',
  sqliteExisting: 'sqlite-existing',
  floorNew: 'same-work floor (bench/cold-floor.cjs), new SQLite file',
  floorExisting: 'same-work floor (bench/cold-floor.cjs), existing SQLite file',
  node: 'node -e 0 (Node alone, spawn to exit)',
} as const;

type Start = { entry: string[]; env?: NodeJS.ProcessEnv };
const PLINTH: Start = { entry: ['bin/plinth.js', 'serve'] };

/**
 * Spawn → listening → token → GET /v1/projects 200, in ms. "Listening" is, by default, the
 * server's own `plinth ready` line on its standard output (LOG_LEVEL=info for these starts; the
 * line is written after listen), which costs the measuring process nothing while it waits;
 * `poll` asks GET /healthz every 2 ms instead, as before, and that polling takes ~30% of a core
 * of this 2-core machine away from the start it measures (bench/.out measurement, 2026-12-03).
 */
async function coldStartOnce(db: BenchDb, readiness: 'log' | 'poll', start: Start = PLINTH): Promise<number> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...plinthEnv(db, port), ...(readiness === 'log' ? { LOG_LEVEL: 'info' } : {}), ...start.env };
  const t0 = performance.now();
  const child = spawnGroup('cold-start', process.execPath, start.entry, { cwd: ROOT, env, logFile: logPath('cold-start'), ...(readiness === 'log' ? { watchFor: 'plinth ready' } : {}) });
  try {
    if (readiness === 'log') await waitOutput(child, 30_000);
    else await waitHttp(`${base}/healthz`, 30_000, child, 2);
    const token = await getToken(base);
    const r = await request(base, 'GET', '/v1/projects', { token });
    if (r.status !== 200) throw new Error(`GET /v1/projects answered ${r.status}`);
    return performance.now() - t0;
  } finally {
    await stopGroup(child, 5000);
    closeAgent();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Every cold-start variant, `runs` starts each. The same-work floor's starts alternate with
 * Plinth's, each on a new file or both on the same existing one, so both see the same stretch of
 * this VM's time (its speed moves up to 2× within minutes).
 */
export async function coldStarts(kinds: DbKind[], runs: number, log: (s: string) => void): Promise<ColdResults> {
  const cold: ColdResults = {};
  const record = (name: string, rs: number[]) => {
    cold[name] = { runs: rs, median: median(rs) };
    log(`  ${name}: median ${ms(median(rs))}  (${rs.map((r) => Math.round(r)).join(', ')})`);
  };
  log(`Cold start to the first authenticated 200 (median of ${runs})`);
  const variants: [string, DbKind, boolean, 'log' | 'poll'][] = [
    [COLD.sqliteNew, 'sqlite', true, 'log'],
    [COLD.sqliteExisting, 'sqlite', false, 'log'],
    ['sqlite-new, /healthz polled every 2 ms', 'sqlite', true, 'poll'],
    ['sqlite-existing, /healthz polled every 2 ms', 'sqlite', false, 'poll'],
  ];
  if (kinds.includes('postgres')) variants.push(['postgres-existing', 'postgres', false, 'log']);
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'plinth-cold-floor-'));
  const floorKey = path.join(keyDir, 'key.pem');
  writeFileSync(floorKey, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  // On a new file the floor generates its key as Plinth does; on an existing one it reads one.
  const floors: Record<string, [string, Start]> = {
    [COLD.sqliteNew]: [COLD.floorNew, { entry: ['bench/cold-floor.cjs'] }],
    [COLD.sqliteExisting]: [COLD.floorExisting, { entry: ['bench/cold-floor.cjs'], env: { FLOOR_KEY: floorKey } }],
  };
  const onNewDb = async (kind: DbKind, readiness: 'log' | 'poll', start?: Start) => {
    const db = await createDb(kind);
    try {
      return await coldStartOnce(db, readiness, start);
    } finally {
      await db.drop();
    }
  };
  try {
    for (const [name, kind, fresh, readiness] of variants) {
      const floor = floors[name];
      try {
        const rs: number[] = [];
        const floorRuns: number[] = [];
        if (fresh) {
          if (floor) await onNewDb(kind, readiness, floor[1]); // its first start from node_modules
          for (let i = 0; i < runs; i++) {
            rs.push(await onNewDb(kind, readiness));
            if (floor) floorRuns.push(await onNewDb(kind, readiness, floor[1]));
          }
        } else {
          const db = await createDb(kind);
          try {
            await coldStartOnce(db, readiness); // migrations, keys, bootstrap credential
            if (floor) await coldStartOnce(db, readiness, floor[1]);
            for (let i = 0; i < runs; i++) {
              rs.push(await coldStartOnce(db, readiness));
              if (floor) floorRuns.push(await coldStartOnce(db, readiness, floor[1]));
            }
          } finally {
            await db.drop();
          }
        }
        record(name, rs);
        if (floor) record(floor[0], floorRuns);
      } catch (err) {
        cold[name] = { error: (err as Error).message };
        log(`  ${name}: ERROR ${(err as Error).message}`);
      }
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
  // Node itself, in the same stretch of the machine's time: an absolute start-up goal moves with
  // this VM's speed.
  const nodeRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
    nodeRuns.push(performance.now() - t0);
  }
  record(COLD.node, nodeRuns);
  return cold;
}
