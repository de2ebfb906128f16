import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package. */

export interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export const readProfile = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

/**
 * Self time (µs) per profile node of the samples taken between `fromUs` and `toUs`:
 * CLOCK_MONOTONIC microseconds, the clock of both a profile's timestamps and `process.hrtime`,
 * so the window can be taken in the process that drove the load.
 */
export function selfTimeIn(prof: CpuProfile, fromUs = -Infinity, toUs = Infinity): Map<number, number> {
  const self = new Map<number, number>();
  let t = prof.startTime;
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!;
    t += prof.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    // A sample stands for the interval up to the next one.
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i + 1] ?? 0));
  }
  return self;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  top: { name: string; where: string; selfMs: number; pctBusy: number }[];
  byArea: { area: string; selfMs: number; pctBusy: number }[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function area(url: string, fn: string, root: string): string {
  if (SPECIAL.has(fn)) return fn;
  if (!url) return '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node core (' + url.slice(5).split('/')[0] + ')';
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (p.startsWith(root)) return 'plinth ' + path.relative(root, p);
  return p;
}

/** `fromUs`/`toUs`: only the samples inside this window (`selfTimeIn`), to see the steady state without start-up and shutdown. */
export function summariseProfile(file: string, root: string, topN = 15, fromUs = -Infinity, toUs = Infinity): ProfileSummary {
  const prof = readProfile(file);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = selfTimeIn(prof, fromUs, toUs);
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    total += us;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    const short = url ? url.replace(/^file:\/\//, '').replace(root + '/', '').replace(/^.*node_modules\//, '') : '';
    const where = short ? `${short}:${lineNumber + 1}` : '';
    const key = `${name}|${where}`;
    const e = fns.get(key) ?? { name, where, us: 0 };
    e.us += us;
    fns.set(key, e);
    const a = area(url, name, root);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => Math.round((1000 * us) / Math.max(1, busy)) / 10;
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    top: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ name: e.name, where: e.where, selfMs: Math.round(e.us / 1000), pctBusy: pct(e.us) })),
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([a, us]) => ({ area: a, selfMs: Math.round(us / 1000), pctBusy: pct(us) })),
  };
}
