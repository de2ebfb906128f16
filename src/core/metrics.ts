/// <reference path="./prom-client-lib.d.ts" />
import type { Counter as CounterT, Gauge as GaugeT, Histogram as HistogramT, Registry as RegistryT } from 'prom-client';
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';

/**
 * Prometheus metrics (prom-client), served at `GET /metrics`. One registry per app, so several
 * apps in one process (tests, the in-process server) never mix their counts.
 *
 * | metric | labels | what |
 * |---|---|---|
 * | `plinth_http_requests_total` | operation, method, status | answered requests (`operation` is the OpenAPI operationId, or the route for the few routes outside the contract, `unmatched` for 404s) |
 * | `plinth_http_request_duration_seconds` | operation, method, status | time to answer (histogram) |
 * | `plinth_db_pool_connections` | state (total, idle, waiting) | the PostgreSQL pool (absent on SQLite) |
 * | `plinth_job_runs_total` | job, outcome (ok, error) | background job runs |
 * | `plinth_job_run_duration_seconds` | job | their duration (histogram) |
 * | `plinth_gitlab_token_rotations_total` | outcome (rotated, failed, skipped) | GitLab token rotations by the job |
 * | `plinth_rate_limit_refusals_total` | limiter (api, auth) | 429s of the API rate limit and of the failed-authentication limiter |
 * | `plinth_injected_faults_total` | kind (error, latency, rate_limit, identity_outage) | faults injected through the controls |
 * | `plinth_clock_offset_seconds` | — | how far Plinth's clock is from real time (controls) |
 *
 * plus prom-client's default process and Node.js metrics (`process_*`, `nodejs_*`).
 */

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Metrics {
  readonly registry: RegistryT;
  httpRequest(operation: string, method: string, status: number, seconds: number): void;
  jobRun(job: string, outcome: 'ok' | 'error', seconds: number): void;
  rotations(outcome: 'rotated' | 'failed' | 'skipped', count: number): void;
  rateLimited(limiter: 'api' | 'auth'): void;
  injectedFault(kind: 'error' | 'latency' | 'rate_limit' | 'identity_outage'): void;
  /** The Prometheus text exposition (default process metrics are added on the first call). */
  render(): Promise<{ contentType: string; body: string }>;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(opts: { pool?: () => PoolStats | undefined; clockOffsetMs?: () => number } = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests: CounterT<'operation' | 'method' | 'status'> = new Counter({
    name: 'plinth_http_requests_total',
    help: 'HTTP requests answered, by OpenAPI operation, method and status',
    labelNames: ['operation', 'method', 'status'],
    registers,
  });
  const latency: HistogramT<'operation' | 'method' | 'status'> = new Histogram({
    name: 'plinth_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by OpenAPI operation, method and status',
    labelNames: ['operation', 'method', 'status'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  if (opts.pool) {
    const pool = opts.pool;
    const g: GaugeT<'state'> = new Gauge({
      name: 'plinth_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients)',
      labelNames: ['state'],
      registers,
      collect() {
        const s = pool();
        if (!s) return;
        g.set({ state: 'total' }, s.total);
        g.set({ state: 'idle' }, s.idle);
        g.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  const jobRuns: CounterT<'job' | 'outcome'> = new Counter({ name: 'plinth_job_runs_total', help: 'Background job runs by job and outcome', labelNames: ['job', 'outcome'], registers });
  const jobLatency: HistogramT<'job'> = new Histogram({
    name: 'plinth_job_run_duration_seconds',
    help: 'Duration of background job runs',
    labelNames: ['job'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers,
  });
  const rotations: CounterT<'outcome'> = new Counter({
    name: 'plinth_gitlab_token_rotations_total',
    help: 'GitLab token rotations by the background job, by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const refusals: CounterT<'limiter'> = new Counter({
    name: 'plinth_rate_limit_refusals_total',
    help: 'Requests refused with 429 by a limiter (api: the API rate limit; auth: failed client authentications)',
    labelNames: ['limiter'],
    registers,
  });
  const faults: CounterT<'kind'> = new Counter({ name: 'plinth_injected_faults_total', help: 'Faults injected through the Plinth controls, by kind', labelNames: ['kind'], registers });
  if (opts.clockOffsetMs) {
    const offset = opts.clockOffsetMs;
    const g: GaugeT = new Gauge({
      name: 'plinth_clock_offset_seconds',
      help: "How far Plinth's clock is from real time (moved through the controls)",
      registers,
      collect() {
        g.set(offset() / 1000);
      },
    });
  }
  // Counters with every label known up front are exported at 0 before the first event.
  for (const outcome of ['rotated', 'failed', 'skipped']) rotations.inc({ outcome }, 0);
  for (const limiter of ['api', 'auth']) refusals.inc({ limiter }, 0);

  let defaults: Promise<void> | undefined;
  return {
    registry,
    httpRequest(operation, method, status, seconds) {
      const labels = { operation, method, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    jobRun(job, outcome, seconds) {
      jobRuns.inc({ job, outcome });
      jobLatency.observe({ job }, seconds);
    },
    rotations(outcome, count) {
      if (count > 0) rotations.inc({ outcome }, count);
    },
    rateLimited(limiter) {
      refusals.inc({ limiter });
    },
    injectedFault(kind) {
      faults.inc({ kind });
    },
    async render() {
      // A CommonJS module: its exports are `default` in the bundle, named too under Node's loader.
      defaults ??= import('prom-client').then((p) => (p.default ?? p).collectDefaultMetrics({ register: registry }));
      await defaults;
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
