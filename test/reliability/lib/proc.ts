import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './http.js';

/**
 * Plinth as a black box: `node bin/plinth.js serve` in its own process group, configured only
 * through its environment, talked to only over HTTP on 127.0.0.1.
 *
 * Every child is started under `setpriv --pdeathsig KILL` when that exists (util-linux), so it
 * dies with the test process even when the test runner kills a worker without running any
 * cleanup; `stopAllSync` (registered on process exit) and `afterAll` hooks cover the rest.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

export const ADMIN_ID = 'rel-admin';
export const ADMIN_SECRET = 'rel-admin-secret-0123456789abcdef';

export function newMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export function tempDir(prefix = 'plinth-rel-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string, depth = 0): number {
  let newest = 0;
  if (depth > 8) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, depth + 1));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * What the suite starts. `bin/plinth.js serve`, as a user would: it runs dist/cli.cjs when a
 * build exists, else the TypeScript sources through tsx. A build older than the sources would
 * test stale code, so then the sources are run directly (`node --import tsx src/main.ts serve`).
 * PLINTH_REL_ENTRY=bin|sources forces one.
 */
export function entry(): { kind: 'dist' | 'sources'; args: string[] } {
  const bin = [path.join(ROOT, 'bin', 'plinth.js'), 'serve'];
  const main = path.join(ROOT, 'src', 'main.ts');
  const sources = ['--import', 'tsx', main, 'serve'];
  const dist = path.join(ROOT, 'dist', 'cli.cjs');
  const forced = process.env.PLINTH_REL_ENTRY;
  if (forced === 'sources' && existsSync(main)) return { kind: 'sources', args: sources };
  if (!existsSync(dist)) return { kind: 'sources', args: bin };
  if (forced === 'bin') return { kind: 'dist', args: bin };
  const stale = existsSync(main) && statSync(dist).mtimeMs < newestMtime(path.join(ROOT, 'src'));
  return stale ? { kind: 'sources', args: sources } : { kind: 'dist', args: bin };
}

export function entryKind(): string {
  const e = entry();
  return e.args[0]!.endsWith('plinth.js') ? `bin/plinth.js (${e.kind})` : 'src/main.ts through tsx (dist/ is older than src/)';
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface StartOptions {
  name?: string;
  databaseUrl: string;
  masterKey?: string;
  /** Extra environment (PLINTH_*, LOG_LEVEL); wins over the defaults below. */
  env?: Record<string, string>;
  port?: number;
  /** Where the log goes; default one temp directory per test process, removed at exit unless PLINTH_REL_KEEP_LOGS=1. */
  logDir?: string;
  /** How long to wait for /readyz to answer 200 (generous: 2 loaded cores compile the sources with tsx). */
  readyTimeoutMs?: number;
}

const live = new Set<PlinthNode>();
let starts = 0;

export class PlinthNode {
  exitInfo: ExitInfo | null = null;
  readonly exited: Promise<ExitInfo>;
  readonly startedAt = Date.now();
  readyMs = 0;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly port: number,
    readonly logFile: string,
    readonly options: StartOptions,
  ) {
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.exitInfo = { code, signal, at: Date.now() };
        live.delete(this);
        resolve(this.exitInfo);
      });
    });
    live.add(this);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  alive(): boolean {
    return this.exitInfo === null;
  }

  /** Sends a signal to the node's whole process group. */
  signal(sig: NodeJS.Signals): void {
    if (!this.alive()) return;
    try {
      process.kill(-this.pid, sig);
    } catch {
      /* gone */
    }
  }

  /** kill -9 (the whole group) and wait until it is gone. */
  async kill9(): Promise<ExitInfo> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.alive()) return;
    this.signal('SIGTERM');
    const t = sleep(graceMs).then(() => 'timeout' as const);
    if ((await Promise.race([this.exited, t])) === 'timeout') await this.kill9();
  }

  /** The last `n` lines of the node's log (for failure messages). */
  logTail(n = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Log lines at level error (50) or above, parsed. */
  errorLines(): { msg: string; err?: { type?: string; message?: string; code?: string; stack?: string } }[] {
    let text = '';
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      return [];
    }
    const out: { msg: string; err?: { type?: string; message?: string; code?: string; stack?: string } }[] = [];
    // Lines that are not pino JSON (a crash's stack trace on stderr) count as one entry per block.
    let block: string[] = [];
    const flush = () => {
      if (block.length) out.push({ msg: `non-JSON output: ${block.filter((l) => !/^\s*(\^|at |node:|\[\.\.\.|Node\.js v)/.test(l)).slice(0, 4).join(' | ').slice(0, 400)}` });
      block = [];
    };
    for (const line of text.split('\n')) {
      let j: any;
      if (line.startsWith('{')) {
        try {
          j = JSON.parse(line);
        } catch {
          j = undefined;
        }
      }
      if (j === undefined) {
        if (line.trim()) block.push(line.trim());
        continue;
      }
      flush();
      if (typeof j.level === 'number' && j.level >= 50) out.push({ msg: String(j.msg ?? ''), err: j.err });
    }
    flush();
    return out;
  }
}

/** Starts a node and waits until GET /readyz answers 200. Throws (with the log tail) if it exits first or times out. */
export async function startPlinth(opts: StartOptions): Promise<PlinthNode> {
  const port = opts.port ?? (await freePort());
  const logDir = opts.logDir ?? sharedLogDir();
  const name = opts.name ?? `plinth-${port}`;
  const logFile = path.join(logDir, `${name}-${++starts}.log`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
    TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
    LANG: process.env.LANG ?? 'C.UTF-8',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl,
    PLINTH_MASTER_KEY: opts.masterKey ?? '',
    PLINTH_BOOTSTRAP_CLIENT_ID: ADMIN_ID,
    PLINTH_BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET,
    // Nothing may leave 127.0.0.1: GitLab calls go to a port nobody listens on unless a test says otherwise.
    PLINTH_GITLAB_URL: 'http://127.0.0.1:9',
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  if (!env.PLINTH_MASTER_KEY) delete env.PLINTH_MASTER_KEY;
  const { args } = entry();
  const fd = openSync(logFile, 'a');
  const proc = SETPRIV
    ? spawn(SETPRIV, ['--pdeathsig', 'KILL', process.execPath, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', fd, fd] })
    : spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const node = new PlinthNode(name, proc, port, logFile, { ...opts, port, logDir });
  try {
    await waitReady(node, opts.readyTimeoutMs ?? 90_000);
  } catch (err) {
    await node.stop(1000);
    throw err;
  }
  node.readyMs = Date.now() - node.startedAt;
  return node;
}

/** The same configuration again (same port, database, log directory): a restart after a kill. */
export function restartPlinth(prev: PlinthNode, extra: Partial<StartOptions> = {}): Promise<PlinthNode> {
  return startPlinth({ ...prev.options, ...extra });
}

export async function waitReady(node: PlinthNode, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; ; i++) {
    if (!node.alive()) {
      throw new Error(`${node.name} exited (${JSON.stringify(node.exitInfo)}) before /readyz answered 200; log:\n${node.logTail()}`);
    }
    const r = await request(node.base, { method: 'GET', path: '/readyz', timeoutMs: 3000, agent: false });
    if (r.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${node.name} not ready within ${timeoutMs} ms (last: ${r.status ?? r.error}); log:\n${node.logTail()}`);
    await sleep(i < 20 ? 50 : 200);
  }
}

/** Synchronous last resort: SIGKILL every node still running. */
export function stopAllSync(): void {
  for (const n of live) {
    try {
      process.kill(-n.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  live.clear();
}

/** Stops every node still running and removes this process's log directory (for afterAll: a test worker may be ended without an 'exit' event). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((n) => n.stop(3000)));
  removeLogs();
}

function removeLogs(): void {
  if (logs && !process.env.PLINTH_REL_KEEP_LOGS) rmSync(logs, { recursive: true, force: true });
  logs = undefined;
}

let logs: string | undefined;
/** The log directory of this process's nodes. */
export function sharedLogDir(): string {
  logs ??= tempDir('plinth-rel-logs-');
  return logs;
}

process.once('exit', () => {
  stopAllSync();
  removeLogs();
});

/** Runs a command synchronously; used for pg tooling. */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 60_000, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
