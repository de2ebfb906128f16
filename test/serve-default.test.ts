import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npx plinth` (no command) serves; `--controls` turns the controls on. */

const ROOT = path.resolve(import.meta.dirname, '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('plinth with no command', () => {
  it('serves with the defaults it is given, and --controls serves /plinth/controls', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--controls'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        PORT: String(port),
        DATABASE_URL: 'sqlite::memory:',
        LOG_LEVEL: 'warn',
        PLINTH_BOOTSTRAP_CLIENT_ID: 'cli-admin',
        PLINTH_BOOTSTRAP_CLIENT_SECRET: 'cli-admin-secret-0123456789',
      },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let ready = false;
      for (let i = 0; i < 300 && !ready; i++) {
        if (child.exitCode !== null) throw new Error(`exited: ${err}`);
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(true);
      const r = await fetch(`http://127.0.0.1:${port}/plinth/controls/clock`, { headers: { authorization: `Basic ${Buffer.from('cli-admin:cli-admin-secret-0123456789').toString('base64')}` } });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ frozen: false });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
