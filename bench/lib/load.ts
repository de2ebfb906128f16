import autocannon, { type AutocannonRequest } from 'autocannon';

/**
 * One bounded autocannon run over loopback: a short warm-up (discarded), then the measured
 * window. Latencies are taken from autocannon's per-response event (sub-millisecond resolution;
 * its own histogram rounds to whole milliseconds), 2xx responses only. Every run is capped both
 * in time (`durationS`) and in request count (`maxRequests`).
 */

export interface LoadSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request (unique names, random ids); gets a global sequence number. */
  build?: (seq: number) => { path?: string; body?: string };
  connections: number;
  durationS: number;
  warmupS: number;
  maxRequests?: number;
}

/** A measured scenario, or why it has no figure (`na`: not applicable to that target). */
export type Outcome = { ok: true; r: LoadResult } | { ok: false; na: boolean; reason: string };

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  durationS: number;
  statuses: Record<string, number>;
  firstError?: string;
}

let seq = 0;

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function once(spec: LoadSpec, durationS: number, record: boolean): Promise<LoadResult & { lat: number[] }> {
  const max = spec.maxRequests ?? 2_000_000;
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let firstError: string | undefined;
  const req: AutocannonRequest = {
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
  };
  if (spec.build) {
    const build = spec.build;
    req.setupRequest = (r) => {
      const b = build(seq++);
      return { ...r, ...(b.path ? { path: b.path } : {}), ...(b.body !== undefined ? { body: b.body } : {}) };
    };
  }
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const inst = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: durationS,
        timeout: 10,
        requests: [req],
      },
      (err) => (err ? reject(err) : resolve()),
    );
    let total = 0;
    inst.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      total++;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        if (record) lat.push(responseTime);
      } else {
        non2xx++;
      }
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (total >= max) inst.stop();
    });
    inst.on('reqError', (err: Error) => {
      errors++;
      firstError ??= `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`.trim();
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(lat).sort();
  return {
    rps: ok / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ok,
    non2xx,
    errors,
    durationS: elapsed,
    statuses,
    firstError,
    lat,
  };
}

/**
 * Several scenarios measured in alternation: each is warmed up, then each gets `rounds` slices
 * of durationS / rounds, taken A B B A A B …, and its slices are pooled (requests over time,
 * latencies merged). A ratio between them is then taken over the same stretch of the
 * machine's time, so drift in the machine's load (other processes, the database server's
 * own work) does not land on one side of it.
 */
export async function runLoadInterleaved(specs: LoadSpec[], rounds: number): Promise<LoadResult[]> {
  for (const spec of specs) if (spec.warmupS > 0) await once(spec, spec.warmupS, false);
  const parts: (LoadResult & { lat: number[] })[][] = specs.map(() => []);
  for (let i = 0; i < rounds; i++) {
    // A B, then B A, …: a drift in the machine's speed (it moved 2× between runs minutes apart)
    // lands on every scenario alike instead of always favouring the one measured first.
    const order = [...specs.keys()];
    if (i % 2 === 1) order.reverse();
    for (const k of order) parts[k]!.push(await once(specs[k]!, specs[k]!.durationS / rounds, true));
  }
  return specs.map((spec, k) => {
    const ps = parts[k]!;
    const sum = (f: (p: LoadResult) => number) => ps.reduce((a, p) => a + f(p), 0);
    const statuses: Record<string, number> = {};
    for (const p of ps) for (const [c, n] of Object.entries(p.statuses)) statuses[c] = (statuses[c] ?? 0) + n;
    const sorted = Float64Array.from(ps.flatMap((p) => p.lat)).sort();
    const r: LoadResult = {
      rps: sum((p) => p.ok) / sum((p) => p.durationS),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      ok: sum((p) => p.ok),
      non2xx: sum((p) => p.non2xx),
      errors: sum((p) => p.errors),
      durationS: sum((p) => p.durationS),
      statuses,
      firstError: ps.find((p) => p.firstError)?.firstError,
    };
    if (r.ok === 0 || r.non2xx + r.errors > r.ok * 0.01) {
      throw new Error(`${spec.method ?? 'GET'} ${spec.url}: ${r.non2xx} non-2xx and ${r.errors} errors of ${r.ok + r.non2xx} (${JSON.stringify(r.statuses)})${r.firstError ? `; first error: ${r.firstError}` : ''}`);
    }
    return r;
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupS > 0) await once(spec, spec.warmupS, false);
  const { lat: _lat, ...r } = await once(spec, spec.durationS, true);
  if (r.ok === 0 || r.non2xx + r.errors > r.ok * 0.01) {
    throw new Error(`${spec.method ?? 'GET'} ${spec.url}: ${r.non2xx} non-2xx and ${r.errors} errors of ${r.ok + r.non2xx} (${JSON.stringify(r.statuses)})${r.firstError ? `; first error: ${r.firstError}` : ''}`);
  }
  return r;
}
