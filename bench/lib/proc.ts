import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';
import http from 'node:http';

/**
 * Child processes of the bench. Every child runs in its own process group (detached), so
 * stopping it also stops whatever it started (npm → sh → node, prism's forks). Everything still
 * running is killed when the bench exits, on Ctrl-C and on errors.
 */

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  logFile: string;
  /** With `watchFor` (spawnGroup): resolves when the text appears on the child's standard output. */
  saw?: Promise<void>;
}

const running = new Set<Child>();

/**
 * `watchFor`: the child's standard output comes through a pipe (and is copied to its log), and
 * `child.saw` resolves when this text appears in it; rejects if the child exits first.
 */
export function spawnGroup(name: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string; watchFor?: string }): Child {
  const fd = openSync(opts.logFile, 'a');
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', opts.watchFor ? 'pipe' : fd, fd] });
  closeSync(fd);
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = { name, proc, pid: proc.pid, logFile: opts.logFile, exited };
  const watchFor = opts.watchFor;
  if (watchFor) {
    child.saw = new Promise<void>((resolve, reject) => {
      let tail = '';
      proc.stdout!.on('data', (d: Buffer) => {
        appendFileSync(opts.logFile, d);
        tail = (tail + d.toString()).slice(-(watchFor.length + 4096));
        if (tail.includes(watchFor)) resolve();
      });
      void exited.then((code) => reject(new Error(`${name} exited (${code}) before printing "${watchFor}"; see ${opts.logFile}`)));
    });
    child.saw.catch(() => {});
  }
  running.add(child);
  void child.exited.then(() => running.delete(child));
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** SIGTERM the child's group, then SIGKILL it if it is still there after `graceMs`. */
export async function stopGroup(child: Child, graceMs = 5000): Promise<void> {
  if (!running.has(child)) return;
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await child.exited;
  }
  // Anything the child left behind in its group.
  signalGroup(child.pid, 'SIGKILL');
}

/** Synchronous last resort (process 'exit', signals): SIGKILL every group still running. */
export function killAll(): void {
  for (const c of running) signalGroup(c.pid, 'SIGKILL');
  running.clear();
}

export function isRunning(child: Child): boolean {
  return running.has(child);
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

/** Peak resident set size (VmHWM) of a process in MB, or null when it cannot be read. */
export function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Resolves once the child has printed its `watchFor` text (spawnGroup); rejects after `timeoutMs` or if it exits first. */
export async function waitOutput(child: Child, timeoutMs: number): Promise<void> {
  if (!child.saw) throw new Error(`${child.name} was not started with watchFor`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${child.name} printed nothing expected within ${timeoutMs} ms; see ${child.logFile}`)), timeoutMs);
  });
  try {
    await Promise.race([child.saw, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `url` answers anything over HTTP; rejects after `timeoutMs` or if the child dies. */
export async function waitHttp(url: string, timeoutMs: number, child?: Child, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !isRunning(child)) {
      throw new Error(`${child.name} exited before answering ${url}; see ${child.logFile}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(true));
      });
      req.on('error', () => resolve(false));
      req.setTimeout(2000, () => {
        req.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${child?.name ?? url} did not answer within ${timeoutMs} ms; see ${child?.logFile ?? '-'}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
