import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createApp, createLogger, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { createPgSchema } from './pg.js';

export type DbKind = 'sqlite' | 'postgres';
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];

export const ADMIN_ID = 'test-admin';
export const ADMIN_SECRET = 'test-admin-secret-0123456789';

/**
 * A settable clock for tests that need time to pass (token expiry, rotation schedules). With
 * `tickMs` each reading moves it on, like a real clock between two requests, so creation order
 * shows in timestamps; the default clock of `startApp` ticks 1 ms, a clock a test builds is
 * frozen unless it asks otherwise.
 */
export class TestClock {
  constructor(
    public now = new Date(),
    public tickMs = 0,
  ) {}
  fn = () => {
    this.now = new Date(this.now.getTime() + this.tickMs);
    return new Date(this.now.getTime());
  };
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface TestApp {
  kind: DbKind;
  app: App;
  config: Config;
  clock: TestClock;
  /** Every log line the app wrote. */
  logs: string[];
  inject(opts: { method: string; url: string; token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** A token for the bootstrap Super Admin. */
  adminToken(): Promise<string>;
  /** A token for a new credential with the given role. */
  tokenFor(role: 'SUPER_ADMIN' | 'BILLING_ADMIN' | 'ADMIN' | 'MEMBER'): Promise<string>;
  tokenWith(clientId: string, clientSecret: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  /** Reuse an existing database (restart tests): a sqlite file path or a postgres URL. */
  databaseUrl?: string;
  masterKey?: string;
  /** Serve /docs (off by default: most tests do not need the docs UI). */
  docs?: boolean;
  /** Extra app options (background jobs are off unless `scheduleRotation: true`). */
  appOptions?: Pick<AppOptions, 'scheduleRotation' | 'gitlabTimeoutMs' | 'nodeId' | 'adminInBackground' | 'executionsIdleMs'>;
}

let counter = 0;

export async function startApp(kind: DbKind, opts: StartOptions = {}): Promise<TestApp> {
  let dropSchema: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl) {
    if (kind === 'sqlite') databaseUrl = 'sqlite::memory:';
    else {
      const s = await createPgSchema();
      databaseUrl = s.url;
      dropSchema = s.drop;
    }
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PLINTH_MASTER_KEY: opts.masterKey ?? generateMasterKey(),
    PLINTH_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'debug',
    ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const clock = opts.clock ?? new TestClock(new Date(), 1);
  const app = await createApp({
    config,
    clock: clock.fn,
    logger: createLogger(config.logLevel, sink),
    docs: opts.docs ?? false,
    scheduleRotation: false,
    ...opts.appOptions,
  });

  const inject: TestApp['inject'] = ({ method, url, token, body, headers = {} }) =>
    app.server.inject({
      method: method as any,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });

  const tokenWith = async (clientId: string, clientSecret: string) => {
    const r = await app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    if (r.statusCode !== 200) throw new Error(`token request failed: ${r.statusCode} ${r.body}`);
    return r.json().access_token as string;
  };
  let admin: string | undefined;
  const adminToken = async () => (admin ??= await tokenWith(ADMIN_ID, ADMIN_SECRET));

  return {
    kind,
    app,
    config,
    clock,
    logs,
    inject,
    adminToken,
    tokenWith,
    async tokenFor(role) {
      const r = await inject({ method: 'POST', url: '/v1/api-credentials', token: await adminToken(), body: { name: `cred-${role}-${++counter}-${Date.now()}`, role } });
      if (r.statusCode !== 201) throw new Error(`credential create failed: ${r.statusCode} ${r.body}`);
      const { clientId, clientSecret } = r.json();
      return tokenWith(clientId, clientSecret);
    },
    async close() {
      await app.close();
      await dropSchema?.();
    },
  };
}

/**
 * Run a block of API tests once per database. `get()` returns the app started for that
 * database (one per block, closed afterwards).
 */
export function describeEachDb(name: string, fn: (get: () => TestApp, kind: DbKind) => void, opts: StartOptions = {}) {
  for (const kind of DB_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await startApp(kind, opts);
      });
      afterAll(async () => {
        await t?.close();
      });
      fn(() => t, kind);
    });
  }
}
