import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';
import { createPgSchema } from '../helpers/pg.js';
import { parseDatabaseUrl } from '../../src/config.js';
import { openStore } from '../../src/core/db/db.js';
import { MIGRATIONS } from '../../src/core/db/migrations/index.js';
import { createProjectsRepo } from '../../src/resources/projects/store.js';

/**
 * List totals come from per-account counters (src/store/counts.ts) kept in the changing
 * transaction, and pages from a deferred join read from whichever end of the index is nearer.
 * These compare both with the plain count(*) / OFFSET answer.
 */

async function countersMatch(t: TestApp) {
  const db = t.app.store.db;
  const byAccount = (rows: { account_id: string; n: number | string | bigint | null }[]) =>
    Object.fromEntries(rows.map((r) => [r.account_id, Number(r.n)]).filter(([, n]) => n !== 0));
  const counted = await db.selectFrom('projects').select(['account_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('account_id').execute();
  const kept = await db.selectFrom('account_counts').select(['account_id', (eb) => eb.fn.sum<number>('projects').as('n')]).groupBy('account_id').execute();
  expect(byAccount(kept)).toEqual(byAccount(counted));
  const agents = await db.selectFrom('agents').select(['account_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('account_id').execute();
  const agentsKept = await db.selectFrom('agent_counts').select(['account_id', (eb) => eb.fn.sum<number>('agents').as('n')]).groupBy('account_id').execute();
  expect(byAccount(agentsKept)).toEqual(byAccount(agents));
  return byAccount(agents);
}

describeEachDb('list totals and pages', (get) => {
  it('counters equal count(*) after creates, deletes, cascades, conflicts and concurrent creates', async () => {
    const t = get();
    const admin = await t.adminToken();
    const other = await seedAccount(t);
    const create = (token: string, name: string, type = 'HYBRID') =>
      t.inject({ method: 'POST', url: '/v1/projects', token, body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType: type } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await create(admin, `mix-${i}-${randomUUID()}`, i % 3 === 0 ? 'FULL_SAAS' : 'HYBRID');
      expect(r.statusCode).toBe(201);
      ids.push(r.json().projectId);
    }
    // A conflict rolls back: the counter must not move.
    const dupName = `dup-${randomUUID()}`;
    expect((await create(admin, dupName)).statusCode).toBe(201);
    expect((await create(admin, dupName)).statusCode).toBe(409);
    // Another account.
    for (let i = 0; i < 3; i++) expect((await create(other.token, `o-${i}`)).statusCode).toBe(201);
    // Concurrent creates in one account.
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => create(admin, `burst-${i}-${randomUUID()}`)));
    expect(burst.every((r) => r.statusCode === 201)).toBe(true);
    await countersMatch(t);

    // Deletes, including projects whose deletion cascades (connections, hosted agent).
    const withConnections = ids[1]!;
    for (let i = 0; i < 3; i++) {
      const c = await t.inject({
        method: 'POST',
        url: `/v1/projects/${withConnections}/connections`,
        token: admin,
        body: { name: `c-${i}`, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' },
      });
      expect(c.statusCode).toBe(201);
    }
    for (const id of [withConnections, ids[0]!, ids[3]!, ids[5]!]) {
      expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${id}`, token: admin })).statusCode).toBe(204);
    }
    // Deleting twice (404) and concurrent deletes of one project do not count twice.
    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${ids[0]}`, token: admin })).statusCode).toBe(404);
    const twice = await Promise.all([ids[7]!, ids[7]!].map((id) => t.inject({ method: 'DELETE', url: `/v1/projects/${id}`, token: admin })));
    expect(twice.map((r) => r.statusCode).sort()).toContain(204);
    await countersMatch(t);
    expect(await t.app.store.db.selectFrom('connections').select('id').where('project_id', '=', withConnections).execute()).toEqual([]);

    // Agents: hybrid ones created (also at once) and deleted, hosted ones with FULL_SAAS projects
    // created at once, and deleted with their projects; the agents list total agrees.
    const agent = (name: string) => t.inject({ method: 'POST', url: '/v1/agents', token: admin, body: { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name } });
    const hybrid = await Promise.all(Array.from({ length: 6 }, (_, i) => agent(`hybrid-${i}-${randomUUID().slice(0, 8)}`)));
    expect(hybrid.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    expect((await agent(hybrid[0]!.json().name)).statusCode).toBe(409);
    const saas = await Promise.all(Array.from({ length: 6 }, (_, i) => create(admin, `saas-${i}-${randomUUID()}`, 'FULL_SAAS')));
    expect(saas.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    // A FULL_SAAS create that conflicts writes no hosted agent (on PostgreSQL one statement fails whole).
    const agentsBefore = await countersMatch(t);
    const dupSaas = `dup-saas-${randomUUID()}`;
    expect((await create(admin, dupSaas, 'FULL_SAAS')).statusCode).toBe(201);
    expect((await create(admin, dupSaas, 'FULL_SAAS')).statusCode).toBe(409);
    const agentsAfter = await countersMatch(t);
    const defaultAccount = (await t.app.store.db.selectFrom('accounts').select('id').where('slug', '=', 'default').executeTakeFirstOrThrow()).id;
    expect(agentsAfter[defaultAccount]).toBe(agentsBefore[defaultAccount]! + 1);
    for (const r of hybrid.slice(0, 2)) expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${r.json().agentId}`, token: admin })).statusCode).toBe(202);
    await Promise.all(saas.slice(0, 3).map(async (r) => expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${r.json().projectId}`, token: admin })).statusCode).toBe(204)));
    const agentsNow = await countersMatch(t);
    const listed = await t.inject({ method: 'GET', url: '/v1/agents?page=0&size=1', token: admin });
    expect(listed.json().total).toBe(agentsNow[(await t.app.store.db.selectFrom('accounts').select('id').where('slug', '=', 'default').executeTakeFirstOrThrow()).id]);

    // The API's total agrees.
    const count = async (token: string, accountId: string) => {
      const r = await t.inject({ method: 'GET', url: '/v1/projects?page=0&size=1', token });
      const n = await t.app.store.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      expect(r.json().total).toBe(Number(n.n));
    };
    await count(admin, t.app.identity.defaultAccountId);
    await count(other.token, other.accountId);
  });

  it('every page equals the plain ORDER BY/OFFSET answer, from both ends and past the end', async () => {
    const t = get();
    const { token, accountId } = await seedAccount(t);
    for (let i = 0; i < 23; i++) {
      const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: `pg-${i}`, warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } });
      expect(r.statusCode).toBe(201);
    }
    const check = async (n: number) => {
      const all = await t.app.store.db.selectFrom('projects').select('id').where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
      expect(all).toHaveLength(n);
      for (const size of [1, 4, 5, 7, 23, 25]) {
        for (let page = 0; page <= Math.ceil(n / size) + 1; page++) {
          const r = await t.inject({ method: 'GET', url: `/v1/projects?page=${page}&size=${size}`, token });
          expect(r.statusCode).toBe(200);
          const body = r.json();
          expect(body.total, `size ${size} page ${page}`).toBe(n);
          expect(body.results.map((p: { id: string }) => p.id), `size ${size} page ${page}`).toEqual(all.slice(page * size, page * size + size).map((p) => p.id));
        }
      }
      return all;
    };
    const all = await check(23);
    // The node's idea of the account's size (which end of the index to read from) is now stale
    // both ways: pages must still be exact.
    for (let i = 0; i < 10; i++) {
      expect((await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: `more-${i}`, warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } })).statusCode).toBe(201);
    }
    const now33 = await t.app.store.db.selectFrom('projects').select('id').where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
    // Believed 23: page 1 of 10 (offset 10) looks like the second half, is read from the end, and is right.
    const early = await t.inject({ method: 'GET', url: '/v1/projects?page=1&size=10', token });
    expect(early.json().total).toBe(33);
    expect(early.json().results.map((p: { id: string }) => p.id)).toEqual(now33.slice(10, 20).map((p) => p.id));
    await check(33);
    for (const p of all.slice(0, 20)) expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${p.id}`, token })).statusCode).toBe(204);
    // Believed 33: the last page of 13 looks like the first half, is read from the start, and is right.
    const late = await t.inject({ method: 'GET', url: '/v1/projects?page=2&size=5', token });
    expect(late.json().total).toBe(13);
    expect(late.json().results.map((p: { id: string }) => p.id)).toEqual(now33.slice(20).slice(10, 15).map((p) => p.id));
    await check(13);
  });

  it('the deferred join (deep pages) gives the same pages from both ends', async () => {
    const t = get();
    const { token, accountId } = await seedAccount(t);
    for (let i = 0; i < 17; i++) {
      expect((await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: `dj-${i}`, warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } })).statusCode).toBe(201);
    }
    const all = await t.app.store.db.selectFrom('projects').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
    const repo = createProjectsRepo(t.app.store.db, t.kind, { deferredJoinFrom: 0 });
    for (const round of ['first pass (no size hint at first)', 'second pass']) {
      for (const size of [1, 3, 5, 17]) {
        for (let page = 0; page <= Math.ceil(17 / size); page++) {
          const r = await repo.page(accountId, page * size, size);
          expect(r.total, `${round} size ${size} page ${page}`).toBe(17);
          expect(r.rows, `${round} size ${size} page ${page}`).toEqual(all.slice(page * size, page * size + size));
        }
      }
    }
  });

  it('an account without projects lists total 0', async () => {
    const t = get();
    const { token } = await seedAccount(t);
    const r = await t.inject({ method: 'GET', url: '/v1/projects?page=3&size=10', token });
    expect(r.json()).toEqual({ page: 3, size: 10, total: 0, results: [] });
  });
});

describe('migrations 0005 and 0016 backfill the counters from existing rows', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(kind, async () => {
      const schema = kind === 'postgres' ? await createPgSchema() : undefined;
      const store = await openStore(parseDatabaseUrl(schema?.url ?? 'sqlite::memory:'));
      try {
        const current = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s : undefined;
        const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => MIGRATIONS }, ...(current ? { migrationTableSchema: current } : {}) });
        expect((await migrator.migrateTo('0004_repositories')).error).toBeUndefined();
        const now = new Date().toISOString();
        const accounts = ['a1', 'a2', 'a3'];
        for (const id of accounts) await store.db.insertInto('accounts').values({ id, slug: id, name: id, created_at: now }).execute();
        const perAccount = { a1: 5, a2: 2, a3: 0 } as Record<string, number>;
        for (const [acct, n] of Object.entries(perAccount)) {
          for (let i = 0; i < n; i++) {
            await store.db
              .insertInto('projects')
              .values({ id: randomUUID(), account_id: acct, name: `p${i}`, description: null, warehouse: 'SNOWFLAKE', agent_deployment_type: 'HYBRID', created_at: now, updated_at: now })
              .execute();
          }
        }
        // Migration 0016 (agent_counts) counts the agents there are: hybrid ones and a hosted one.
        expect((await migrator.migrateTo('0015_user_token_generation')).error).toBeUndefined();
        const agentsPer = { a1: 3, a2: 1, a3: 0 } as Record<string, number>;
        for (const [acct, n] of Object.entries(agentsPer)) {
          for (let i = 0; i < n; i++) {
            const project = i === 0 ? (await store.db.selectFrom('projects').select('id').where('account_id', '=', acct).executeTakeFirst())?.id ?? null : null;
            await store.db
              .insertInto('agents')
              .values({ id: randomUUID(), account_id: acct, name: `g${i}`, description: null, agent_type: 'data_productivity_cloud', cloud_provider: 'aws', deployment: 'fargate', status: 'running', hosted: project ? 1 : 0, project_id: project, enable_auto_updates: 0, restricted_access: 0, track_name: null, paused_until: null, allowlist: '{}', created_at: now, updated_at: now })
              .execute();
          }
        }
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const rows = await store.db.selectFrom('account_counts').select(['account_id', (eb) => eb.fn.sum<number>('projects').as('n')]).groupBy('account_id').execute();
        expect(Object.fromEntries(rows.map((r) => [r.account_id, Number(r.n)]))).toEqual(perAccount);
        const agentRows = await store.db.selectFrom('agent_counts').select(['account_id', (eb) => eb.fn.sum<number>('agents').as('n')]).groupBy('account_id').execute();
        expect(Object.fromEntries(agentRows.map((r) => [r.account_id, Number(r.n)]))).toEqual(agentsPer);
      } finally {
        await store.close();
        await schema?.drop();
      }
    });
  }
});
