/**
 * Quick local measurement of list pages at scale (not part of the test suite, not the bench):
 * starts the app in-process, bulk-loads N projects into the default account straight through
 * SQL, then times GET /v1/projects (page 0, a middle page, the last page), GET /v1/projects/{id}
 * and POST /v1/projects with `server.inject` (no sockets), sequentially, and prints p50/p99.
 *
 *   npx tsx scripts/measure-pages.ts [sqlite|postgres] [projects=100000] [requests=300]
 *
 * MEASURE_CONNECTIONS=10 also loads that many connections per project and times the
 * connections list and create of one project.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { createApp, createLogger } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateMasterKey } from '../src/core/crypto/vault.js';
import { createPgSchema } from '../src/core/db/pg-schema.js';
import type { ProjectRow } from '../src/resources/projects/store.js';
import type { ConnectionsTable } from '../src/resources/connections/store.js';

const kind = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const N = Number(process.argv[3] ?? 100_000);
const REQUESTS = Number(process.argv[4] ?? 300);
const PG_URL = process.env.MEASURE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main() {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-measure-'));
    url = `sqlite:${path.join(dir, 'p.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const created = await createPgSchema({ baseUrl: PG_URL, prefix: 'm' });
    url = created.url;
    cleanup = created.drop;
  }
  const config = loadConfig({
    DATABASE_URL: url,
    PLINTH_MASTER_KEY: generateMasterKey(),
    PLINTH_BOOTSTRAP_CLIENT_ID: 'measure',
    PLINTH_BOOTSTRAP_CLIENT_SECRET: 'measure-secret-0123456789',
    PLINTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ config, logger: createLogger('warn'), docs: false, scheduleRotation: false });
  const db = app.store.db;
  const accountId = app.identity.defaultAccountId;
  try {
    const t0 = Date.now();
    // Timestamps in the past, so projects created through the API sort after them.
    const base = Date.parse('2020-01-01T00:00:00.000Z');
    const BATCH = 5_000;
    for (let start = 0; start < N; start += BATCH) {
      const rows: ProjectRow[] = [];
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const ts = new Date(base + i * 10).toISOString();
        rows.push({
          id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
          account_id: accountId,
          name: `bulk-${i}`,
          description: null,
          warehouse: 'SNOWFLAKE',
          agent_deployment_type: 'HYBRID',
          created_at: ts,
          updated_at: ts,
        });
      }
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 500) await trx.insertInto('projects').values(rows.slice(k, k + 500)).execute();
      });
    }
    const perProject = Number(process.env.MEASURE_CONNECTIONS ?? 0);
    for (let start = 0; perProject > 0 && start < N; start += 1_000) {
      const rows: Insertable<ConnectionsTable>[] = [];
      for (let i = start; i < Math.min(N, start + 1_000); i++) {
        const pid = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
        for (let k = 0; k < perProject; k++) {
          const ts = new Date(base + i * 10 + k).toISOString();
          rows.push({
            id: `${pid.slice(0, 24)}${k.toString(16).padStart(2, '0')}${i.toString(16).padStart(10, '0')}`,
            project_id: pid,
            name: `conn-${k}`,
            platform_connection_type: 'COMPONENT_BASIC',
            auth_provider: 'NONE',
            auth_type: 'GENERIC_SECRET',
            connection_details: null,
            created_by: 'measure',
            created_at: ts,
            updated_at: ts,
          });
        }
      }
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 500) await trx.insertInto('connections').values(rows.slice(k, k + 500)).execute();
      });
    }
    // Counters (when this build keeps them) are not maintained by a raw bulk insert: recount.
    const counts = await import('../src/resources/projects/counts.js').catch(() => undefined);
    await counts?.recountProjects(db);
    if (kind === 'postgres') await sql`analyze`.execute(db);
    console.log(`${kind}: loaded ${N} projects, ${N * perProject} connections in ${Date.now() - t0} ms`);

    const tok = await app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=measure&client_secret=measure-secret-0123456789',
    });
    const headers = { authorization: `Bearer ${tok.json().access_token}` };
    const size = 25;
    const total = N;
    const last = Math.floor((total - 1) / size);
    let created = 0;
    const scenarios: [string, () => Promise<number>][] = [
      ['page 0', async () => (await app.server.inject({ method: 'GET', url: `/v1/projects?page=0&size=${size}`, headers })).statusCode],
      ['middle page', async () => (await app.server.inject({ method: 'GET', url: `/v1/projects?page=${Math.floor(last / 2)}&size=${size}`, headers })).statusCode],
      ['last page', async () => (await app.server.inject({ method: 'GET', url: `/v1/projects?page=${last}&size=${size}`, headers })).statusCode],
      ['get by id', async () => (await app.server.inject({ method: 'GET', url: `/v1/projects/00000000-0000-4000-8000-${(N >> 1).toString(16).padStart(12, '0')}`, headers })).statusCode],
      [
        'create',
        async () =>
          (
            await app.server.inject({
              method: 'POST',
              url: '/v1/projects',
              headers: { ...headers, 'content-type': 'application/json' },
              payload: JSON.stringify({ name: `m-${process.pid}-${created++}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }),
            })
          ).statusCode,
      ],
    ];
    const mid = `00000000-0000-4000-8000-${(N >> 1).toString(16).padStart(12, '0')}`;
    let conn = 0;
    if (perProject > 0) {
      scenarios.push(
        ['connections', async () => (await app.server.inject({ method: 'GET', url: `/v1/projects/${mid}/connections`, headers })).statusCode],
        [
          'create conn',
          async () =>
            (
              await app.server.inject({
                method: 'POST',
                url: `/v1/projects/${mid}/connections`,
                headers: { ...headers, 'content-type': 'application/json' },
                payload: JSON.stringify({ name: `m-${process.pid}-${conn++}`, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }),
              })
            ).statusCode,
        ],
      );
    }
    for (const [name, run] of scenarios) {
      for (let i = 0; i < 20; i++) await run(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const s = process.hrtime.bigint();
        const status = await run();
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
        if (status >= 300) throw new Error(`${name}: HTTP ${status}`);
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
      console.log(`${kind} N=${N} ${name.padEnd(12)} p50 ${q(0.5)} ms  p99 ${q(0.99)} ms`);
    }
  } finally {
    await app.close();
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
