import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { describeEachDb, startApp, TestClock, type DbKind, type TestApp } from '../helpers/app.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';
import { createPgSchema } from '../helpers/pg.js';
import { newUser, PASSWORD, passwordGrant } from '../helpers/users.js';

/**
 * The bootstrap Super Admin user (PRODUCT.md "People"): idempotent across restarts, safe when
 * several nodes start at once, printed once on the terminal only; and a user's removal refused on
 * another node (LISTEN/NOTIFY).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

async function database(kind: DbKind) {
  if (kind === 'sqlite') return { url: `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'plinth-users-')), 'p.db')}`, drop: async () => {} };
  return createPgSchema();
}

const adminRows = (t: TestApp, email: string) => t.app.store.db.selectFrom('users').selectAll().where('email', '=', email).execute();

describe('bootstrap admin configuration', () => {
  it('half a pair, a bad email or a short password is a one-line configuration error', () => {
    const base = { DATABASE_URL: 'sqlite::memory:' };
    expect(() => loadConfig({ ...base, PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com' })).toThrow(new ConfigError('PLINTH_BOOTSTRAP_ADMIN_EMAIL and PLINTH_BOOTSTRAP_ADMIN_PASSWORD must be set together'));
    expect(() => loadConfig({ ...base, PLINTH_BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password' })).toThrow(/must be set together/);
    expect(() => loadConfig({ ...base, PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password' })).toThrow('PLINTH_BOOTSTRAP_ADMIN_EMAIL must be an email address');
    expect(() => loadConfig({ ...base, PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toThrow('PLINTH_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
    expect(() => loadConfig({ ...base, PLINTH_INVITATION_TTL_HOURS: '0' })).toThrow(/PLINTH_INVITATION_TTL_HOURS must be between 1 and 8760/);
    expect(() => loadConfig({ ...base, PLINTH_PUBLIC_URL: 'plinth.example.com' })).toThrow(/PLINTH_PUBLIC_URL must be an absolute http\(s\) URL/);
  });

  it('the public URL defaults to the listening address and drops a trailing slash', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:', HOST: '0.0.0.0', PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:', PLINTH_PUBLIC_URL: 'https://plinth.example.com/' }).publicUrl).toBe('https://plinth.example.com');
  });
});

for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
  describe(`bootstrap admin [${kind}]`, () => {
    it('is idempotent across restarts; a changed password replaces the old one; a demoted or deactivated admin is restored', async () => {
      const { url, drop } = await database(kind);
      const masterKey = generateMasterKey();
      const env = (password: string) => ({ PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'Root@Example.com', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: password });
      try {
        const a = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-password-000') });
        expect(await a.app.generatedAdmin).toBeNull(); // given, so nothing to print
        const [row] = await adminRows(a, 'root@example.com');
        expect(row).toMatchObject({ role: 'SUPER_ADMIN', active: 1 });
        expect((await passwordGrant(a, 'root@example.com', 'first-password-000')).statusCode).toBe(200);
        // Demote it behind the API's back (as an operator's SQL would).
        await a.app.store.db.updateTable('users').set({ role: 'MEMBER', active: 0 }).where('id', '=', row!.id).execute();
        await a.close();

        const b = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-password-000') });
        const [again] = await adminRows(b, 'root@example.com');
        expect(again).toMatchObject({ id: row!.id, role: 'SUPER_ADMIN', active: 1, password_hash: row!.password_hash });
        await b.app.close();

        const c = await startApp(kind, { databaseUrl: url, masterKey, env: env('second-password-00') });
        expect((await passwordGrant(c, 'root@example.com', 'first-password-000')).statusCode).toBe(401);
        expect((await passwordGrant(c, 'root@example.com', 'second-password-00')).statusCode).toBe(200);
        expect(await adminRows(c, 'root@example.com')).toHaveLength(1);
        // No generated admin either: users exist.
        expect(await c.app.store.db.selectFrom('users').select('id').where('email', '=', 'admin@plinth.local').execute()).toHaveLength(0);
        expect(c.logs.join('\n')).not.toContain('second-password-00');
        await c.app.close();
      } finally {
        await drop();
      }
    });

    it('in the background (plinth serve): API credentials work at once, /readyz is 503 until the admin exists, then it signs in', async () => {
      const { url, drop } = await database(kind);
      const env = { PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: 'background-password' };
      try {
        const t = await startApp(kind, { databaseUrl: url, env, appOptions: { adminInBackground: true } });
        let settled = false;
        const generated = t.app.generatedAdmin.finally(() => void (settled = true));
        try {
          const early = await t.inject({ method: 'GET', url: '/readyz' });
          const before = !settled; // scrypt takes tens of milliseconds: nearly always before
          // The client credential needs no admin user.
          expect((await t.inject({ method: 'GET', url: '/v1/projects', token: await t.adminToken() })).statusCode).toBe(200);
          if (before) {
            expect(early.statusCode).toBe(503);
            expect(early.json().detail).toBe('Not ready: the bootstrap admin user is still being created');
          }
          expect(await generated).toBeNull(); // configured, so nothing to print
          expect((await t.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
          expect((await passwordGrant(t, 'root@example.com', 'background-password')).statusCode).toBe(200);
        } finally {
          await t.close();
        }
      } finally {
        await drop();
      }
    });

    it('several nodes starting at once on an empty database create one admin and one of them prints it', async () => {
      const { url, drop } = await database(kind);
      const masterKey = generateMasterKey();
      const start = () => {
        const config = loadConfig({ DATABASE_URL: url, PLINTH_MASTER_KEY: masterKey, LOG_LEVEL: 'silent' });
        return createApp({ config, clock: new TestClock(new Date(), 1).fn, logger: createLogger('silent'), scheduleRotation: false });
      };
      // SQLite files are one writer at a time: start one node first there (the point is PostgreSQL).
      const apps = kind === 'postgres' ? await Promise.all([start(), start(), start()]) : [await start(), await start()];
      try {
        const printed = (await Promise.all(apps.map((a) => a.generatedAdmin))).filter((g) => g !== null);
        expect(printed).toHaveLength(1);
        const rows = await apps[0]!.store.db.selectFrom('users').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ email: 'admin@plinth.local', role: 'SUPER_ADMIN', active: 1 });
      } finally {
        for (const a of apps) await a.close();
        await drop();
      }
    });
  });
}

describe('a user removed on one node is refused on another [postgres]', () => {
  it('within the credential cache bound (LISTEN/NOTIFY)', async () => {
    const { url, drop } = await createPgSchema();
    const masterKey = generateMasterKey();
    const env = { PLINTH_CREDENTIAL_CACHE_TTL_MS: '600000' };
    const a = await startApp('postgres', { databaseUrl: url, masterKey, env });
    const b = await startApp('postgres', { databaseUrl: url, masterKey, env, appOptions: { nodeId: `b-${randomUUID()}` } });
    try {
      const u = await newUser(a, 'ADMIN');
      // Node B serves the user's token (and caches the actor).
      expect((await b.inject({ method: 'GET', url: '/v1/users', token: u.token })).statusCode).toBe(200);
      expect((await b.inject({ method: 'GET', url: '/v1/users', token: u.token })).statusCode).toBe(200);
      const started = Date.now();
      expect((await a.inject({ method: 'DELETE', url: `/v1/users/${u.userId}`, token: await a.adminToken() })).statusCode).toBe(204);
      let status = 200;
      while (status === 200 && Date.now() - started < 2000) {
        status = (await b.inject({ method: 'GET', url: '/v1/users', token: u.token })).statusCode;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
    } finally {
      await b.close();
      await a.app.close();
      await drop();
    }
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: ROOT, env: { PATH: process.env.PATH!, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = async () => {
    for (let i = 0; i < 1000 && !out.includes('plinth ready'); i++) {
      if (child.exitCode !== null) throw new Error(`exited: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!out.includes('plinth ready')) throw new Error(`not ready: ${out}`);
    // Serving comes first; the bootstrap user (and its one print) is done when /readyz says 200.
    for (let i = 0; i < 1000; i++) {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/readyz`).catch(() => undefined))?.status === 200) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`/readyz never answered 200: ${out}`);
  };
  return { ready, out: () => out, stop: async () => (child.kill('SIGTERM'), exited) };
}

describe('plinth serve prints the generated Super Admin user once', () => {
  it('on stdout, never in a log line; a restart prints nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-users-cli-'));
    const port = await freePort();
    const env = { DATABASE_URL: `sqlite:${dir}/plinth.db`, PORT: String(port), PLINTH_LOG_FORMAT: 'json' };
    const first = serve(env);
    try {
      await first.ready();
      const m = /email:\s+(\S+)\n\s+password:\s+(\S+)/.exec(first.out());
      expect(m).not.toBeNull();
      expect(m![1]).toBe('admin@plinth.local');
      const logLines = first.out().split('\n').filter((l) => l.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.some((l) => l.includes(m![2]!))).toBe(false);
      const r = await fetch(`http://127.0.0.1:${port}/oauth/dpc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: m![1]!, password: m![2]! }) });
      expect(r.status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = serve(env);
    try {
      await second.ready();
      expect(second.out()).not.toContain('password:');
    } finally {
      await second.stop();
    }
  }, 120_000); // two cold starts of the CLI through tsx on a loaded machine
});

const ROOT_ENV = { PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: 'root-password-0000' };

describeEachDb(
  'controls reset keeps the configured bootstrap admin user, restored as configured',
  (t) => {
    it('removes every other user (their tokens stop) and puts the admin back', async () => {
      const u = await newUser(t(), 'ADMIN');
      const [root] = await adminRows(t(), 'root@example.com');
      // Demote the configured admin: the reset puts it back (role and password).
      await t().app.store.db.updateTable('users').set({ role: 'MEMBER' }).where('id', '=', root!.id).execute();
      expect((await control(t(), 'POST', '/reset')).statusCode).toBe(200);
      const rows = await t().app.store.db.selectFrom('users').selectAll().execute();
      expect(rows.map((r) => [r.id, r.email, r.role])).toEqual([[root!.id, 'root@example.com', 'SUPER_ADMIN']]);
      expect((await t().inject({ method: 'GET', url: '/v1/users', token: u.token })).statusCode).toBe(401);
      expect((await passwordGrant(t(), u.email, PASSWORD)).statusCode).toBe(401);
      expect((await passwordGrant(t(), 'root@example.com', 'root-password-0000')).statusCode).toBe(200);
    });
  },
  { env: { ...CONTROLS_ENV, ...ROOT_ENV } },
);

describe('controls reset keeps a generated bootstrap admin user [sqlite]', () => {
  it('and prints nothing new', async () => {
    const t = await startApp('sqlite', { env: CONTROLS_ENV });
    try {
      const generated = (await t.app.generatedAdmin)!;
      await newUser(t, 'MEMBER');
      expect((await control(t, 'POST', '/reset')).statusCode).toBe(200);
      expect((await t.app.store.db.selectFrom('users').select('email').execute()).map((r) => r.email)).toEqual([generated.email]);
      expect((await passwordGrant(t, generated.email, generated.password)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
