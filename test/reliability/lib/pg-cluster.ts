import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, sleep } from './proc.js';

/**
 * A private, throwaway PostgreSQL cluster for tests that stop and start the database: initdb
 * into a new temp directory, postmaster on a free port of 127.0.0.1 (and a socket in that
 * directory), trust auth. Never the machine's own cluster.
 *
 * The postmaster is a direct child of this process (no pg_ctl daemonizing), started under
 * `setpriv --pdeathsig KILL`, so it cannot outlive the test process. As root (initdb and
 * postgres refuse root) both run as the `postgres` user through `setpriv --reuid`, in a
 * directory chowned to it. Stopping is a signal to the postmaster, as pg_ctl would send:
 * `fast` = SIGINT, `immediate` = SIGQUIT (crash-like: recovery on the next start), `smart` = SIGTERM.
 */

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

function which(bin: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(':')) {
    const p = path.join(d, bin);
    if (d && existsSync(p)) return p;
  }
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    const versions = spawnSync('ls', [lib], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort().reverse();
    for (const v of versions) if (existsSync(path.join(lib, v, 'bin', bin))) return path.join(lib, v, 'bin', bin);
  }
  return undefined;
}

function pgBinDir(): string {
  const initdb = process.env.PLINTH_REL_PG_BIN ? path.join(process.env.PLINTH_REL_PG_BIN, 'initdb') : which('initdb');
  if (!initdb || !existsSync(initdb)) throw new Error('initdb not found on PATH (set PLINTH_REL_PG_BIN to the PostgreSQL bin directory)');
  return path.dirname(realpathSync(initdb));
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('running as root but there is no postgres user to run initdb/postgres as');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export class PrivatePg {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** How often the postmaster was started and stopped. */
  starts = 0;
  stops = 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asUser: { uid: number; gid: number } | null,
  ) {}

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  get logFile(): string {
    return path.join(this.dir, 'postgres.log');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  running(): boolean {
    return this.proc !== null;
  }

  private cmd(bin: string, args: string[], pdeath: boolean): [string, string[]] {
    const exe = path.join(this.bin, bin);
    const pre: string[] = [];
    if (this.asUser) pre.push('--reuid', String(this.asUser.uid), '--regid', String(this.asUser.gid), '--init-groups');
    if (pdeath) pre.push('--pdeathsig', 'KILL');
    if (SETPRIV && pre.length) return [SETPRIV, [...pre, exe, ...args]];
    if (this.asUser) throw new Error('setpriv is needed to run PostgreSQL as the postgres user');
    return [exe, args];
  }

  /** initdb into a new temp directory (no server started yet). */
  static async create(opts: { port?: number } = {}): Promise<PrivatePg> {
    const bin = pgBinDir();
    const asUser = postgresUser();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plinth-rel-pg-'));
    if (asUser) chownSync(dir, asUser.uid, asUser.gid);
    const port = opts.port ?? (await freePort());
    const c = new PrivatePg(dir, port, bin, asUser);
    const [exe, args] = c.cmd('initdb', ['-D', c.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'], false);
    const r = spawnSync(exe, args, { encoding: 'utf8', timeout: 120_000, cwd: dir });
    if (r.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`initdb failed (${r.status}): ${r.stdout}${r.stderr}${r.error ?? ''}`);
    }
    live.add(c);
    return c;
  }

  /** Starts the postmaster and waits until `select 1` works. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.proc) return;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const [exe, args] = this.cmd(
        'postgres',
        [
          '-D', this.dataDir,
          '-p', String(this.port),
          '-k', this.dir,
          '-c', 'listen_addresses=127.0.0.1',
          // The OS keeps what was written when the postmaster dies; only a machine crash would
          // need fsync, and this cluster does not outlive the test.
          '-c', 'fsync=off',
          '-c', 'shared_buffers=32MB',
          '-c', 'max_connections=100',
          '-c', 'logging_collector=off',
        ],
        true,
      );
      const fd = openSync(this.logFile, 'a');
      const proc = spawn(exe, args, { cwd: this.dir, detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      this.proc = proc;
      let gone = false;
      this.exited = new Promise((resolve) =>
        proc.once('exit', () => {
          gone = true;
          if (this.proc === proc) this.proc = null;
          resolve();
        }),
      );
      this.starts++;
      for (;;) {
        if (gone) break;
        if (await this.ping(1000)) return;
        if (Date.now() > deadline) {
          await this.stop('immediate');
          throw new Error(`private PostgreSQL did not start within ${timeoutMs} ms; log:\n${this.logTail()}`);
        }
        await sleep(25);
      }
      // The postmaster exited at once: typically shared memory of the previous one is still held
      // by backends that have not noticed its death yet. Retry, bounded.
      if (Date.now() > deadline || attempt > 100) throw new Error(`private PostgreSQL exits at start; log:\n${this.logTail()}`);
      await sleep(200);
    }
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    const c = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: timeoutMs });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  }

  /** Stops the postmaster (see the class comment for the modes) and waits until it has exited. */
  async stop(mode: 'fast' | 'immediate' | 'smart' = 'fast', timeoutMs = 30_000): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    const sig: NodeJS.Signals = mode === 'fast' ? 'SIGINT' : mode === 'immediate' ? 'SIGQUIT' : 'SIGTERM';
    try {
      proc.kill(sig);
    } catch {
      /* gone */
    }
    const t = sleep(timeoutMs).then(() => 'timeout' as const);
    if ((await Promise.race([this.exited, t])) === 'timeout') {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      await this.exited;
    }
    this.stops++;
  }

  logTail(n = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Stops the server (immediate) and deletes the directory. */
  async destroy(): Promise<void> {
    await this.stop('immediate', 10_000);
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Synchronous last resort (process exit). */
  killSync(): void {
    if (this.proc?.pid) {
      try {
        process.kill(-this.proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
}

const live = new Set<PrivatePg>();
process.once('exit', () => {
  for (const c of live) c.killSync();
  live.clear();
});
