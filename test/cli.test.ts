import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = async () => {
    for (let i = 0; i < 200; i++) {
      if (out.includes('plinth ready')) return;
      if (child.exitCode !== null) throw new Error(`exited: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`not ready: ${out} ${err}`);
  };
  return { child, exited, ready, out: () => out, err: () => err };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function http(port: number, method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      let b = '';
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const kill = (c: ChildProcess) => c.exitCode === null && c.kill('SIGKILL');

describe('plinth serve: configuration errors are one line and exit 1', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['bad DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /^plinth: DATABASE_URL must start with/],
    ['malformed master key', { DATABASE_URL: 'sqlite::memory:', PLINTH_MASTER_KEY: 'not-32-bytes' }, /^plinth: PLINTH_MASTER_KEY entry 1 must decode to 32 bytes/],
    ['unreachable database', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope', PLINTH_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }, /^plinth: cannot reach PostgreSQL at 127\.0\.0\.1:1\/nope/],
    ['PostgreSQL without a master key', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }, /^plinth: PLINTH_MASTER_KEY is required with PostgreSQL/],
    ['half a bootstrap pair', { DATABASE_URL: 'sqlite::memory:', PLINTH_BOOTSTRAP_CLIENT_ID: 'x' }, /^plinth: PLINTH_BOOTSTRAP_CLIENT_ID and PLINTH_BOOTSTRAP_CLIENT_SECRET must be set together/],
    ['an issuer that is not a URL', { DATABASE_URL: 'sqlite::memory:', PLINTH_ISSUER: 'plinth' }, /^plinth: PLINTH_ISSUER must be an absolute http\(s\) URL/],
    ['bad PORT', { DATABASE_URL: 'sqlite::memory:', PORT: 'eighty' }, /^plinth: PORT must be a whole number/],
  ];
  for (const [name, env, message] of cases) {
    it(name, async () => {
      const p = start(env);
      expect(await p.exited).toBe(1);
      expect(p.err().trim().split('\n')).toHaveLength(1);
      expect(p.err()).toMatch(message);
    });
  }

  it('port in use', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    try {
      const p = start({ DATABASE_URL: 'sqlite::memory:', PORT: String(port) });
      expect(await p.exited).toBe(1);
      expect(p.err().trim()).toBe(`plinth: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('plinth serve: embedded first start and restart', () => {
  it('generates a master key (0600) and a Super Admin credential printed once, then reuses both', async () => {
    // A data directory that does not exist yet, as ./data on a fresh clone.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'plinth-cli-')), 'data', 'nested');
    const port = await freePort();
    const env = { DATABASE_URL: `sqlite:${dir}/plinth.db`, PORT: String(port) };
    const first = start(env);
    try {
      await first.ready();
      const m = /client_id:\s+(\S+)\n\s+client_secret:\s+(\S+)/.exec(first.out());
      expect(m).not.toBeNull();
      expect(statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
      // The secret went to stdout once, never into a log line.
      const logLines = first.out().split('\n').filter((l) => l.startsWith('{'));
      expect(logLines.some((l) => l.includes(m![2]!))).toBe(false);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = start(env);
      try {
        await second.ready();
        expect(second.out()).not.toContain('client_secret');
        const tok = await http(port, 'POST', '/oauth/dpc/token', { 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=client_credentials&client_id=${m![1]}&client_secret=${m![2]}`);
        expect(tok.status).toBe(200);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      kill(first.child);
    }
  });

  it('SIGTERM lets an in-flight request finish', async () => {
    const port = await freePort();
    const p = start({ DATABASE_URL: 'sqlite::memory:', PORT: String(port), PLINTH_BOOTSTRAP_CLIENT_ID: 'cli-admin', PLINTH_BOOTSTRAP_CLIENT_SECRET: 'cli-admin-secret-123456' });
    try {
      await p.ready();
      const tok = JSON.parse(
        (await http(port, 'POST', '/oauth/dpc/token', { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials&client_id=cli-admin&client_secret=cli-admin-secret-123456')).body,
      ).access_token;
      // Start a request whose body is still arriving when SIGTERM lands.
      const body = JSON.stringify({ name: 'in-flight', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' });
      const result = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, method: 'POST', path: '/v1/projects', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            let b = '';
            res.on('data', (d) => (b += d));
            res.on('end', () => resolve({ status: res.statusCode!, body: b }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          p.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 200);
      });
      const r = await result;
      expect(r.status).toBe(201);
      expect(await p.exited).toBe(0);
    } finally {
      kill(p.child);
    }
  });
});
