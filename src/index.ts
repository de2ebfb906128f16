/**
 * Plinth as a library: `import { createServer } from 'plinth'` starts a real Plinth inside a test
 * process, on an in-memory SQLite database by default, listening on a free port of 127.0.0.1,
 * with the test controls on. Every test file (or every test) can have its own.
 *
 * ```ts
 * const plinth = await createServer();
 * // point the code under test at plinth.baseUrl (the SaaS's https://<region>.api.matillion.com/dpc)
 * // and plinth.tokenUrl, with plinth.clientId / plinth.clientSecret
 * await plinth.controls.reset();                       // between tests
 * await plinth.controls.clock.advance({ days: 3 });    // cross days in milliseconds
 * await plinth.controls.faults.rateLimit({ mode: 'custom', perMinute: 2 });
 * await plinth.close();
 * ```
 *
 * The types below are the package's public surface; they do not change when Plinth's internals do.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp, createLogger } from './app.js';
import { loadConfig } from './config.js';

export interface PlinthServerOptions {
  /** A DATABASE_URL: `sqlite::memory:` (the default), `sqlite:<path>` or `postgres://…` (then pass PLINTH_MASTER_KEY in `env`). */
  database?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** The bootstrap Super Admin credential (default: generated, see `clientId` / `clientSecret` on the server). */
  clientId?: string;
  /** At least 16 characters. */
  clientSecret?: string;
  /** Serve the controls under /plinth/controls (default true). */
  controls?: boolean;
  /** Start Plinth's clock frozen at this instant (PLINTH_CLOCK). */
  clock?: Date | string;
  /** The API rate limit per credential per minute (default 0: none; the controls can turn the SaaS's limits on). */
  rateLimitPerMinute?: number;
  /** pino level (default `silent`); logs go to stdout. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Create these items after start (the seed control's fixture; needs the controls on). */
  seed?: SeedFixture;
  /**
   * Any other configuration variable (PLINTH_GITLAB_URL, PLINTH_FAULTS, PLINTH_MASTER_KEY, …). The
   * server reads only these options, never the test process's own environment.
   */
  env?: Record<string, string>;
}

/** A Plinth running in this process. */
export interface PlinthServer {
  /** `http://127.0.0.1:<port>`: the API is at `<url>/v1/…` and `<url>/dpc/v1/…`. */
  url: string;
  /** The SaaS-style base URL, `<url>/dpc` (the SaaS's is `https://<region>.api.matillion.com/dpc`). */
  baseUrl: string;
  /** The token endpoint, `<url>/oauth/dpc/token`. */
  tokenUrl: string;
  /** The bootstrap Super Admin credential. */
  clientId: string;
  clientSecret: string;
  /** A fresh access token for the bootstrap credential (valid 30 minutes of Plinth's clock). */
  token(): Promise<string>;
  /** The test controls (they call /plinth/controls with HTTP Basic, so they work whatever the clock and faults). */
  controls: PlinthControls;
  /**
   * Make this instance match a declarative project file (the YAML of `plinth apply -f`, see
   * schemas/project.schema.json), through its API as the bootstrap credential: what `plinth apply`
   * does, in process. Returns how many changes of each kind were applied.
   */
  apply(source: { file: string } | { yaml: string }, opts?: { allowDelete?: boolean }): Promise<Record<string, number>>;
  /** Stop listening and close the database (an in-memory one is gone). */
  close(): Promise<void>;
}

export interface PlinthControls {
  /** Empty every table but the bootstrap credential; its tokens stay valid. */
  reset(): Promise<{ durationMs: number }>;
  /** Copy the state under a name (in memory), replacing a snapshot of that name. */
  snapshot(name: string): Promise<{ name: string; createdAt: string; rows: number; durationMs: number }>;
  /** Put a snapshot back. */
  restore(name: string): Promise<{ durationMs: number }>;
  deleteSnapshot(name: string): Promise<void>;
  /** Create a fixture through the API, all or nothing. */
  seed(fixture: SeedFixture): Promise<SeedResult>;
  clock: {
    get(): Promise<ClockState>;
    /** Move forward, then run the clock-driven jobs (GitLab token rotation) unless `runJobs: false`. */
    advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number; runJobs?: boolean }): Promise<{ clock: ClockState; jobs: Record<string, unknown> }>;
    set(now: Date | string, opts?: { frozen?: boolean }): Promise<ClockState>;
    /** Back to real time. */
    reset(): Promise<ClockState>;
  };
  faults: {
    get(): Promise<unknown>;
    add(rule: FaultRule): Promise<FaultRule & { id: string; hits: number }>;
    remove(id: string): Promise<void>;
    /** Remove every rule, put the configured rate limit back, end an identity outage. */
    clear(): Promise<void>;
    rateLimit(mode: { mode: 'configured' | 'off' | 'saas' | 'saas-legacy' | 'custom'; perMinute?: number; perSecond?: number }): Promise<unknown>;
    identityOutage(outage: { enabled: boolean; status?: number; latencyMs?: number; retryAfterSeconds?: number }): Promise<unknown>;
  };
}

export interface ClockState {
  now: string;
  frozen: boolean;
  offsetMs: number;
}

export interface FaultRule {
  match?: { operationId?: string; method?: string; path?: string };
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  latencyMs?: number;
  probability?: number;
  times?: number;
  when?: 'before' | 'after';
}

/** Each item is the body of the operation that creates it; see the seed control in /openapi.json. */
export interface SeedFixture {
  apiCredentials?: { name: string; role: 'SUPER_ADMIN' | 'BILLING_ADMIN' | 'ADMIN' | 'MEMBER' }[];
  agents?: Record<string, unknown>[];
  projects?: (Record<string, unknown> & {
    name: string;
    secretReferences?: (Record<string, unknown> & { name: string })[];
    dataPlatformConnections?: Record<string, unknown>[];
    connections?: Record<string, unknown>[];
    environments?: Record<string, unknown>[];
  })[];
}

export interface SeedResult {
  apiCredentials: Record<string, { clientId: string; clientSecret: string; role: string }>;
  agents: Record<string, { id: string }>;
  projects: Record<string, { id: string; hostedAgentId?: string; secretReferences: string[]; connections: string[]; environments: string[] }>;
  durationMs: number;
}

/** A control call failed: its status and ProblemDetail. */
export class PlinthControlError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`Plinth control failed (${status}): ${(problem as { detail?: string })?.detail ?? JSON.stringify(problem)}`);
    this.name = 'PlinthControlError';
  }
}

export async function createServer(options: PlinthServerOptions = {}): Promise<PlinthServer> {
  const clientId = options.clientId ?? `plinth-test-${randomBytes(6).toString('hex')}`;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const clock = options.clock === undefined ? undefined : options.clock instanceof Date ? options.clock.toISOString() : options.clock;
  const config = loadConfig({
    DATABASE_URL: options.database ?? 'sqlite::memory:',
    PORT: String(options.port ?? 0),
    HOST: options.host ?? '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'silent',
    PLINTH_BOOTSTRAP_CLIENT_ID: clientId,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: clientSecret,
    PLINTH_RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 0),
    ...(options.controls === false ? {} : { PLINTH_CONTROLS: '1' }),
    ...(clock ? { PLINTH_CLOCK: clock } : {}),
    ...options.env,
  });
  const app = await createApp({ config, logger: createLogger(config.logLevel), docs: false });
  try {
    await app.server.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
  const { port } = app.server.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/plinth/controls${path}`, {
      method,
      headers: { authorization: basic, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new PlinthControlError(res.status, parsed);
    return parsed as T;
  };

  const server: PlinthServer = {
    url,
    baseUrl: `${url}/dpc`,
    tokenUrl: `${url}/oauth/dpc/token`,
    clientId,
    clientSecret,
    async token() {
      const res = await fetch(`${url}/oauth/dpc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!res.ok || !body.access_token) throw new PlinthControlError(res.status, body);
      return body.access_token;
    },
    controls: {
      reset: () => call('POST', '/reset'),
      snapshot: (name) => call('PUT', `/snapshots/${encodeURIComponent(name)}`),
      restore: (name) => call('POST', `/snapshots/${encodeURIComponent(name)}/restore`),
      deleteSnapshot: (name) => call('DELETE', `/snapshots/${encodeURIComponent(name)}`),
      seed: (fixture) => call('POST', '/seed', fixture),
      clock: {
        get: () => call('GET', '/clock'),
        advance: (by) => call('POST', '/clock/advance', by),
        set: (now, opts = {}) => call('PUT', '/clock', { now: now instanceof Date ? now.toISOString() : now, frozen: opts.frozen ?? false }),
        reset: () => call('DELETE', '/clock'),
      },
      faults: {
        get: () => call('GET', '/faults'),
        add: (rule) => call('POST', '/faults/rules', rule),
        remove: (id) => call('DELETE', `/faults/rules/${encodeURIComponent(id)}`),
        clear: () => call('DELETE', '/faults'),
        rateLimit: (mode) => call('PUT', '/faults/rate-limit', mode),
        identityOutage: (outage) => call('PUT', '/faults/identity-outage', outage),
      },
    },
    async apply(source, opts = {}) {
      // The CLI's own plan and apply (loaded only when used).
      const [{ loadSpec, parseSpec }, { makePlan, missingSecrets }, { applyPlan }, { createClient }] = await Promise.all([
        import('./cli/spec.js'),
        import('./cli/plan.js'),
        import('./cli/apply.js'),
        import('./sdk/index.js'),
      ]);
      const spec = 'file' in source ? loadSpec(source.file) : parseSpec(source.yaml);
      const api = createClient({ baseUrl: url, clientId, clientSecret });
      const { plan, state } = await makePlan(api, spec, opts, () => {});
      // What `plinth apply` refuses before changing anything, refused here too.
      const unsupported = plan.changes.filter((c) => c.action === 'unsupported');
      if (unsupported.length) throw new Error(`the API cannot make these changes: ${unsupported.map((c) => `${c.kind} ${c.name}`).join(', ')}; nothing was applied`);
      const destructive = plan.changes.filter((c) => c.action === 'replace' || c.action === 'delete');
      if (destructive.length && !opts.allowDelete) throw new Error(`the plan deletes or replaces ${destructive.map((c) => `${c.kind} ${c.name}`).join(', ')}; pass allowDelete to allow it. Nothing was applied.`);
      const missing = missingSecrets(spec, plan);
      if (missing.length) throw new Error(`secret values are missing; nothing was applied: ${missing.join('; ')}`);
      const { counts } = await applyPlan(api, spec, plan.changes, state, () => {});
      return counts;
    },
    close: () => app.close(),
  };
  if (options.seed) {
    try {
      await server.controls.seed(options.seed);
    } catch (err) {
      await app.close().catch(() => {});
      throw err;
    }
  }
  return server;
}
