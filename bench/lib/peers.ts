import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTION_BODY } from './flow.js';
import { request } from './http.js';
import { preparePrism, startPrism, PRISM_VERSION } from './prism.js';
import { freePort, spawnGroup, waitHttp } from './proc.js';
import { SEED_CONNECTION_RESPONSE } from './specs.js';
import { OUT, ROOT, logPath, serverOf, type Server } from './targets.js';

/** The JSON each Plinth endpoint returned, for the bare routes to return verbatim. */
export interface Captured {
  token?: unknown;
  list?: unknown;
  createProject?: unknown;
  createConnection?: unknown;
}

/**
 * The servers measured beside each Plinth server, each started once and kept until `stop`: the
 * bare Fastify routes returning what Plinth returned (`captured`, filled before the first start),
 * and Prism mocking seed 001 (or why not). Their peak RSS goes into `rss` when they stop.
 */
export function createPeers(deps: { log: (s: string) => void; wantPrism: boolean; captured: Captured; rss: Record<string, number | null>; notes: string[] }) {
  const { log, captured, rss } = deps;
  let bareServer: Server | undefined;
  let prismServer: { srv: Server; base: string; projectId: string } | { skipped: string } | undefined;

  async function bare(): Promise<Server> {
    if (bareServer) return bareServer;
    log('Limit: bare Fastify routes returning the same JSON (running beside Plinth, measured in alternation with it)');
    const routesFile = path.join(OUT, 'bare-routes.json');
    writeFileSync(
      routesFile,
      JSON.stringify([
        { method: 'POST', url: '/oauth/dpc/token', status: 200, body: captured.token },
        { method: 'GET', url: '/v1/projects', status: 200, body: captured.list },
        { method: 'POST', url: '/v1/projects', status: 201, body: captured.createProject },
        { method: 'POST', url: '/v1/projects/:projectId/connections', status: 201, body: captured.createConnection ?? SEED_CONNECTION_RESPONSE },
      ]),
    );
    const port = await freePort();
    const child = spawnGroup('bare', process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', routesFile], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', PORT: String(port) },
      logFile: logPath('bare'),
    });
    const srv = serverOf('bare', `http://127.0.0.1:${port}`, child);
    await waitHttp(`${srv.base}/v1/projects`, 30_000, child);
    return (bareServer = srv);
  }

  async function prism(): Promise<{ base: string; projectId: string } | { skipped: string }> {
    if (prismServer) return prismServer;
    log(`Peer: Prism ${PRISM_VERSION} mocking seed 001 (running beside Plinth, measured in alternation with it)`);
    if (!deps.wantPrism) return (prismServer = { skipped: 'skipped (--no-prism)' });
    const prep = preparePrism(log);
    if ('skip' in prep) {
      log(`  skipped: ${prep.skip}`);
      deps.notes.push(`Prism scenario skipped: ${prep.skip}.`);
      return (prismServer = { skipped: `skipped: ${prep.skip}` });
    }
    const srv = await startPrism(prep.spec);
    const projectId = randomUUID();
    const check = await request(srv.base, 'POST', `/v1/projects/${projectId}/connections`, { token: 'x', json: CONNECTION_BODY('prism-probe') });
    if (check.status !== 201) {
      rss.prism = await srv.stop();
      return (prismServer = { skipped: `Prism answered ${check.status} to the probe: ${check.text.slice(0, 200)}` });
    }
    prismServer = { srv, base: srv.base, projectId };
    return prismServer;
  }

  async function stop() {
    if (bareServer) rss.bare = await bareServer.stop();
    if (prismServer && 'srv' in prismServer) rss.prism = await prismServer.srv.stop();
    bareServer = undefined;
    prismServer = undefined;
  }

  return { bare, prism, stop };
}
