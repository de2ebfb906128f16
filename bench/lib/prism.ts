import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, spawnGroup, waitHttp } from './proc.js';
import { ROOT, logPath, serverOf, type Server } from './targets.js';

/**
 * The peer: Stoplight Prism 5.14.2 (5.15+ needs Node 24) mocking seed 001's connections API.
 * Installed by the bench on first run into bench/.prism (its own package.json, git-ignored),
 * never into the project's dependencies.
 */

export const PRISM_VERSION = '5.14.2';
const DIR = path.join(ROOT, 'bench', '.prism');
const BIN = path.join(DIR, 'node_modules', '.bin', 'prism');

/** Seed 001 (the connections OpenAPI), from shared/ beside the repository. */
export function findSeed001(): string | null {
  const candidates = [
    process.env.PLINTH_SHARED_DIR && path.join(process.env.PLINTH_SHARED_DIR, 'seeds'),
    path.resolve(ROOT, '..', 'shared', 'seeds'),
    path.resolve(ROOT, 'shared', 'seeds'),
  ].filter(Boolean) as string[];
  for (const dir of candidates) {
    if (!existsSync(dir)) continue;
    const f = readdirSync(dir).find((n) => /^001_.*\.txt$/.test(n));
    if (f) return path.join(dir, f);
  }
  return null;
}

/** The YAML between the seed's ````yaml fence and its closing fence. */
export function extractYaml(seedText: string): string {
  const out: string[] = [];
  let inside = false;
  for (const line of seedText.split('\n')) {
    if (!inside && /^````yaml\b/.test(line)) inside = true;
    else if (inside && /^````\s*$/.test(line)) inside = false;
    else if (inside) out.push(line);
  }
  return out.join('\n') + '\n';
}

function installedVersion(): string | null {
  try {
    return JSON.parse(readFileSync(path.join(DIR, 'node_modules', '@stoplight', 'prism-cli', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Ensures Prism is installed; returns the spec path, or a reason to skip the scenario. */
export function preparePrism(log: (s: string) => void): { spec: string; seed: string } | { skip: string } {
  const seed = findSeed001();
  if (!seed) return { skip: 'shared/seeds/001_*.txt not found beside the repository (set PLINTH_SHARED_DIR)' };
  const yaml = extractYaml(readFileSync(seed, 'utf8'));
  if (!yaml.includes('openapi:')) return { skip: `no \`\`\`\`yaml block in ${seed}` };
  mkdirSync(DIR, { recursive: true });
  if (installedVersion() !== PRISM_VERSION) {
    if (!existsSync(path.join(DIR, 'package.json'))) {
      writeFileSync(path.join(DIR, 'package.json'), JSON.stringify({ name: 'plinth-bench-prism', private: true }, null, 2) + '\n');
    }
    log(`installing @stoplight/prism-cli@${PRISM_VERSION} into bench/.prism (first run only) …`);
    const r = spawnSync('npm', ['install', '--prefix', DIR, '--save-exact', '--no-audit', '--no-fund', `@stoplight/prism-cli@${PRISM_VERSION}`], {
      cwd: DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0 || installedVersion() !== PRISM_VERSION) {
      return { skip: `npm install of prism failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' / ')}` };
    }
  }
  const spec = path.join(DIR, 'seed-001.yaml');
  writeFileSync(spec, yaml);
  return { spec, seed };
}

export async function startPrism(spec: string): Promise<Server> {
  const port = await freePort();
  // Quietest log level: Prism logs a response-violation line per request otherwise.
  const child = spawnGroup('prism', BIN, ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'fatal', spec], {
    cwd: DIR,
    env: { ...process.env, NODE_OPTIONS: '' },
    logFile: logPath('prism'),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/`, 60_000, child, 100);
  return serverOf('prism', base, child);
}
