import { freePort, spawnGroup, waitHttp } from './proc.js';
import { ROOT, logPath, serverOf, type BenchDb, type Server } from './targets.js';

/**
 * The same-work floor (bench/floor-server.ts) on a database Plinth has created and seeded: bare
 * Fastify plus the same statements, raw on the driver.
 */
export async function startFloor(db: BenchDb): Promise<Server> {
  const port = await freePort();
  const name = `floor-${db.kind}`;
  const child = spawnGroup(name, process.execPath, ['--import', 'tsx', 'bench/floor-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), DATABASE_URL: db.url },
    logFile: logPath(name),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/v1/projects?page=0&size=1`, 30_000, child);
  return serverOf(name, base, child);
}
