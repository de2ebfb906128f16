import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './doc.js';
import { runFlows } from './flow.js';
import { runLoad, type LoadSpec, type Outcome } from './load.js';
import { summariseProfile } from './profile.js';
import { f1 } from './report.js';
import type { ScenarioSpecs } from './specs.js';
import { stageTimes } from './stages.js';
import { OUT, ROOT, createDb, getToken, startPlinth } from './targets.js';

export interface ProfileRunDeps {
  log: (s: string) => void;
  measure: (label: string, spec: LoadSpec) => Promise<Outcome>;
  specs: ScenarioSpecs;
  sizes: { flowConcurrency: number; durationS: number; warmupS: number };
  runId: string;
}

/**
 * `node --cpu-prof` on a SQLite server under each hot path and the provisioning flow, each
 * summarised over its measured window only (docs/benchmarks.md, Profiles).
 */
export async function profileRun(d: ProfileRunDeps): Promise<BenchResults['profiles']> {
  const { log, measure, specs, sizes: P, runId } = d;
  const profiles: BenchResults['profiles'] = {};
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
        await runFlows(srv.base, { ...o, durationS: P.warmupS, warmupS: 0, runId: `${runId}-prof-warm` });
        window.from = monoUs();
        const r = await runFlows(srv.base, { ...o, durationS: P.durationS, warmupS: 0, runId: `${runId}-prof` });
        window.to = monoUs();
        window.requests = r.flows;
        log(`  (profiled, not a result) flow: ${f1(r.flowsPerS)} flows/s`);
      } else {
        const token = await getToken(srv.base);
        const ids = await specs.seedProjects(srv.base, token, 30, `prof-${which}`);
        const spec =
          which === 'list' ? specs.listSpec(srv.base, token) : which === 'createProject' ? specs.createProjectSpec(srv.base, token, 'prof') : specs.createConnectionSpec(srv.base, token, ids[0]!, 'prof');
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
  return profiles;
}
