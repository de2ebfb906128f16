/**
 * Helpers for the CLI tests: a real Plinth server in a child process (so a test can SIGKILL it
 * and start it again on the same database), the CLI run as a subprocess, and a small fault proxy
 * in front of the server (429 storms, a response lost after the server committed, the server
 * killed mid-apply).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PG_URL } from '../helpers/pg.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_ID = 'cli-admin';
export const ADMIN_SECRET = 'cli-admin-secret-0123456789';
export type DbKind = 'sqlite' | 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A database that outlives server processes: a SQLite file or a throwaway PostgreSQL database. */
export async function makeDatabase(kind: DbKind): Promise<{ url: string; masterKey: string; drop(): Promise<void> }> {
  const masterKey = randomBytes(32).toString('base64');
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-cli-'));
    return { url: `sqlite:${path.join(dir, 'plinth.db')}`, masterKey, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // A database of its own rather than a schema of the shared one: a server's start-up reads the
  // catalog of its whole database and fails when another test drops a schema meanwhile.
  const name = `cli_${randomBytes(6).toString('hex')}`;
  await pgExec(PG_URL, `create database ${name} template template0 encoding 'UTF8'`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), masterKey, drop: () => pgExec(PG_URL, `drop database if exists ${name} with (force)`).catch(() => {}) };
}

async function pgExec(url: string, statement: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end().catch(() => {});
  }
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  output(): string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** `plinth serve` from the sources, on a free port. */
export async function startServer(db: { url: string; masterKey: string }, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH!,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      PLINTH_MASTER_KEY: db.masterKey,
      PLINTH_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
      PLINTH_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
      PLINTH_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    if (out.includes('plinth ready')) break;
    if (child.exitCode !== null) throw new Error(`plinth serve exited: ${out}`);
    if (i > 1200) throw new Error(`plinth serve not ready after 60 s: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    child,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `plinth <args>` from the sources as a subprocess. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, NO_COLOR: '1', ...env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(input ?? '');
  });
}

type Fault = { match: (method: string, url: string) => boolean; then: () => void | Promise<void> };

/**
 * A proxy in front of the server. `storm(n)` answers the next n API requests (not the token
 * endpoint) with 429 and `Retry-After`; `afterCommit(match, then)` forwards the first matching
 * request, waits for the server's answer, runs `then` (e.g. kill the server) and drops the
 * connection instead of answering — a create the server committed and the client never heard of.
 */
export async function startProxy(targetPort: number) {
  let target = targetPort;
  let storm = 0;
  let retryAfter = '1';
  const faults: Fault[] = [];
  const seen: { method: string; url: string; status: number | 'dropped' | 'stormed' }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const method = req.method!;
      const url = req.url!;
      if (storm > 0 && url.startsWith('/v1/')) {
        storm--;
        seen.push({ method, url, status: 'stormed' });
        res.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'https://api.matillion.com/problems/too-many-requests', title: 'Too Many Requests', status: 429, detail: 'storm' }));
        return;
      }
      const faultIndex = faults.findIndex((f) => f.match(method, url));
      const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0] : undefined;
      const up = http.request({ host: '127.0.0.1', port: target, method, path: url, headers: req.headers }, (ur) => {
        const body: Buffer[] = [];
        ur.on('data', (c) => body.push(c));
        ur.on('end', async () => {
          if (fault) {
            seen.push({ method, url, status: 'dropped' });
            await fault.then();
            req.socket.destroy();
            return;
          }
          seen.push({ method, url, status: ur.statusCode! });
          res.writeHead(ur.statusCode!, ur.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    retarget(p: number) {
      target = p;
    },
    storm(n: number, after = '1') {
      storm = n;
      retryAfter = after;
    },
    afterCommit(match: Fault['match'], then: Fault['then']) {
      faults.push({ match, then });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Environment for CLI runs against a URL, with a private config directory. */
export function cliEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PLINTH_URL: url,
    PLINTH_CLIENT_ID: ADMIN_ID,
    PLINTH_CLIENT_SECRET: ADMIN_SECRET,
    PLINTH_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), 'plinth-cfg-')),
    ...SECRET_ENV,
    ...extra,
  };
}

/** Values for the example project's secrets (test-only placeholders). */
export const SECRET_ENV = {
  SECRET_SNOWFLAKE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  SECRET_AWS_CREDENTIALS: JSON.stringify({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
  SECRET_REF_API_PASSWORD: JSON.stringify({ password: 'reporting-password' }),
};

/** The plan's change lines (everything but `=` unchanged), without the padding. */
export const changeLines = (planOutput: string) =>
  planOutput
    .split('\n')
    .filter((l) => /^  [+~±\-?!] /.test(l))
    .map((l) => l.replace(/ {2}\(.*\)$/, '').trim().replace(/\s+/g, ' '));
