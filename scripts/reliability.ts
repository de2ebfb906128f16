/**
 * `npm run reliability`: the long reliability run of issue 11 (≥ 100,000 fuzzed requests per
 * database, ≥ 30 PostgreSQL restarts under load, kill -9 during writes, two racing nodes), with
 * its figures. The run itself is test code (test/reliability/long-run.ts, beside the CI slice
 * it shares its scenarios with); scripts never import test code (.dependency-cruiser.cjs), so
 * this starts it as a child process and passes the arguments and exit status through.
 * Options: see test/reliability/long-run.ts (e.g. `npm run reliability -- --only fuzz --requests 20000`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'reliability', 'long-run.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
