import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeEachDb, startApp, type TestApp } from '../helpers/app.js';
import { PG_URL, createPgSchema } from '../helpers/pg.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';

/**
 * The credential → actor cache (src/domain/credential-cache.ts): a request costs no credential
 * query, yet deleting a credential or an agent, or changing a role, applies at once on the node
 * that made the change and, on PostgreSQL, on every other node within a bounded wait.
 */

const list = (t: TestApp, token: string) => t.inject({ method: 'GET', url: '/v1/projects', token });

/** Poll `probe` until it returns true; fails after `ms`. Never a fixed sleep. */
async function eventually(probe: () => Promise<boolean>, ms = 2000, what = 'condition') {
  const until = Date.now() + ms;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > until) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function newCredential(t: TestApp, role = 'SUPER_ADMIN') {
  const r = await t.inject({ method: 'POST', url: '/v1/api-credentials', token: await t.adminToken(), body: { name: `c-${randomUUID()}`, role } });
  expect(r.statusCode).toBe(201);
  const { clientId, clientSecret } = r.json();
  return { clientId: clientId as string, token: await t.tokenWith(clientId, clientSecret) };
}

/** Write a credential row around the store (as a lost notice would leave it). */
async function setRoleBehindTheBack(t: TestApp, clientId: string, role: string) {
  await t.app.store.db.updateTable('api_credentials').set({ role }).where('client_id', '=', clientId).execute();
}

describeEachDb('credential cache', (get) => {
  it('serves an authenticated request without reading the credential again', async () => {
    const t = get();
    const c = await newCredential(t);
    // A change made around the store (no notice) is not seen while the entry lives: the cache
    // answered. (The TTL test below shows the entry does not live forever.) On PostgreSQL a
    // notice that arrives while the first request reads the credential keeps that read out of
    // the cache, and the channel is database-wide: other test files' notices count. So the entry
    // is warmed again (from the row as it was) until one warm read was kept.
    await eventually(
      async () => {
        t.app.credentialCache.evict([c.clientId]);
        await setRoleBehindTheBack(t, c.clientId, 'SUPER_ADMIN');
        expect((await list(t, c.token)).statusCode).toBe(200);
        await setRoleBehindTheBack(t, c.clientId, 'MEMBER');
        return (await t.inject({ method: 'GET', url: '/v1/api-credentials', token: c.token })).statusCode === 200;
      },
      2000,
      'a request answered from the cached credential',
    );
    await setRoleBehindTheBack(t, c.clientId, 'SUPER_ADMIN');
  });

  it('refuses a deleted credential at once on the node that deleted it (cache warm)', async () => {
    const t = get();
    const c = await newCredential(t);
    expect((await list(t, c.token)).statusCode).toBe(200);
    expect((await list(t, c.token)).statusCode).toBe(200);
    const del = await t.inject({ method: 'DELETE', url: `/v1/api-credentials/${c.clientId}`, token: await t.adminToken() });
    expect(del.statusCode).toBe(204);
    expect((await list(t, c.token)).statusCode).toBe(401);
  });

  it('refuses an agent token at once once the agent is deleted (cache warm)', async () => {
    const t = get();
    const admin = await t.adminToken();
    const a = await t.inject({
      method: 'POST',
      url: '/v1/agents',
      token: admin,
      body: { name: `a-${randomUUID().slice(0, 8)}`, agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' },
    });
    expect(a.statusCode).toBe(201);
    const agentId = a.json().agentId as string;
    const cred = (await t.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token: admin })).json();
    const agentToken = await t.tokenWith(cred.clientId, cred.clientSecret);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: agentToken })).statusCode).toBe(200);
    // SECRET_REFRESH goes through the same path: the token of the old secret is refused at once,
    // a token of the new secret works until the agent is deleted.
    const refreshed = await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token: admin, body: { action: 'SECRET_REFRESH' } });
    expect(refreshed.statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: agentToken })).statusCode).toBe(401);
    const newToken = await t.tokenWith(cred.clientId, refreshed.json().clientSecret);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: newToken })).statusCode).toBe(200);
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${agentId}`, token: admin })).statusCode).toBe(202);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: newToken })).statusCode).toBe(401);
  });

  it('deleting a FULL_SAAS project removes any credential of its hosted agent, at once', async () => {
    const t = get();
    const admin = await t.adminToken();
    const p = await t.inject({ method: 'POST', url: '/v1/projects', token: admin, body: { name: `fs-${randomUUID()}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' } });
    expect(p.statusCode).toBe(201);
    const projectId = p.json().projectId as string;
    const hosted = await t.app.store.db.selectFrom('agents').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    // The API never issues one, so write it as a future feature (or an old database) might have.
    const clientId = `hosted-${randomUUID()}`;
    const secret = `secret-${randomUUID()}`;
    await t.app.store.db
      .insertInto('api_credentials')
      .values({
        client_id: clientId,
        account_id: (await t.app.store.db.selectFrom('accounts').select('id').where('slug', '=', 'default').executeTakeFirstOrThrow()).id,
        name: `agent:${hosted.id}`,
        role: 'MEMBER',
        kind: 'agent',
        agent_id: hosted.id,
        secret_hash: t.app.identity.hashSecret(secret),
        created_at: new Date().toISOString(),
      })
      .execute();
    const tok = await t.tokenWith(clientId, secret);
    expect((await list(t, tok)).statusCode).toBe(200);
    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${projectId}`, token: admin })).statusCode).toBe(204);
    expect((await list(t, tok)).statusCode).toBe(401);
    expect(await t.app.store.db.selectFrom('api_credentials').select('client_id').where('client_id', '=', clientId).executeTakeFirst()).toBeUndefined();
  });

});

describeEachDb(
  'credential cache TTL (safety net for a lost change notice)',
  (get) => {
    it('a change that bypassed the notice is seen once the entry expires', async () => {
      const t = get();
      const c = await newCredential(t);
      expect((await t.inject({ method: 'GET', url: '/v1/api-credentials', token: c.token })).statusCode).toBe(200);
      await setRoleBehindTheBack(t, c.clientId, 'MEMBER');
      await eventually(async () => (await t.inject({ method: 'GET', url: '/v1/api-credentials', token: c.token })).statusCode === 403, 2000, 'role change');
    });
  },
  { env: { PLINTH_CREDENTIAL_CACHE_TTL_MS: '150' } },
);

describe('credential changes reach every node (PostgreSQL LISTEN/NOTIFY)', () => {
  async function twoNodes() {
    const schema = await createPgSchema();
    const masterKey = generateMasterKey();
    // A long TTL, so only the notice can explain a node seeing the change in time.
    const env = { PLINTH_CREDENTIAL_CACHE_TTL_MS: '600000' };
    const nodeA = `node-a-${randomUUID().slice(0, 8)}`;
    const nodeB = `node-b-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([
      startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: nodeA } }),
      startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: nodeB } }),
    ]);
    return {
      a,
      b,
      schema,
      nodeB,
      masterKey,
      async close() {
        await a.app.close();
        await b.app.close();
        await schema.drop();
      },
    };
  }

  it('a credential deleted on node A is refused by node B (whose cache held it) within a bounded wait', async () => {
    const n = await twoNodes();
    try {
      const c = await newCredential(n.a);
      expect((await list(n.b, c.token)).statusCode).toBe(200);
      expect(n.b.app.credentialCache.size).toBeGreaterThan(0);
      const del = await n.a.inject({ method: 'DELETE', url: `/v1/api-credentials/${c.clientId}`, token: await n.a.adminToken() });
      expect(del.statusCode).toBe(204);
      expect((await list(n.a, c.token)).statusCode).toBe(401);
      await eventually(async () => (await list(n.b, c.token)).statusCode === 401, 2000, 'node B refusing the deleted credential');
    } finally {
      await n.close();
    }
  });

  it('an agent deleted on node A: node B refuses its token', async () => {
    const n = await twoNodes();
    try {
      const admin = await n.a.adminToken();
      const a = await n.a.inject({
        method: 'POST',
        url: '/v1/agents',
        token: admin,
        body: { name: 'two-nodes', agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' },
      });
      const agentId = a.json().agentId as string;
      const cred = (await n.a.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token: admin })).json();
      const agentToken = await n.a.tokenWith(cred.clientId, cred.clientSecret);
      expect((await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: agentToken })).statusCode).toBe(200);
      expect((await n.a.inject({ method: 'DELETE', url: `/v1/agents/${agentId}`, token: admin })).statusCode).toBe(202);
      await eventually(async () => (await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: agentToken })).statusCode === 401);
    } finally {
      await n.close();
    }
  });

  it('an agent SECRET_REFRESH on node A: node B refuses the tokens of the old secret (its cache held the credential)', async () => {
    const n = await twoNodes();
    try {
      const admin = await n.a.adminToken();
      const a = await n.a.inject({
        method: 'POST',
        url: '/v1/agents',
        token: admin,
        body: { name: 'two-nodes-refresh', agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' },
      });
      const agentId = a.json().agentId as string;
      const cred = (await n.a.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token: admin })).json();
      const oldToken = await n.a.tokenWith(cred.clientId, cred.clientSecret);
      expect((await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: oldToken })).statusCode).toBe(200);
      const refreshed = await n.a.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token: admin, body: { action: 'SECRET_REFRESH' } });
      expect(refreshed.statusCode).toBe(200);
      await eventually(async () => (await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: oldToken })).statusCode === 401, 2000, 'node B refusing the old secret');
      // Node B reads the same new pair, and a token of the new secret works there.
      expect((await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token: await n.b.adminToken() })).json()).toEqual(refreshed.json());
      const newToken = await n.b.tokenWith(cred.clientId, refreshed.json().clientSecret);
      expect((await n.b.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: newToken })).statusCode).toBe(200);
    } finally {
      await n.close();
    }
  });

  it('a role change made by another node (bootstrap of an existing client id) applies on node B', async () => {
    const n = await twoNodes();
    let c: TestApp | undefined;
    try {
      // A MEMBER credential with a chosen client id, as an operator might have created it.
      const clientId = `ops-${randomUUID().slice(0, 8)}`;
      const secret = `ops-secret-${randomUUID()}`;
      await n.a.app.store.db
        .insertInto('api_credentials')
        .values({
          client_id: clientId,
          account_id: n.a.app.identity.defaultAccountId,
          name: clientId,
          role: 'MEMBER',
          kind: 'user',
          agent_id: null,
          secret_hash: n.a.app.identity.hashSecret(secret),
          created_at: new Date().toISOString(),
        })
        .execute();
      const tok = await n.a.tokenWith(clientId, secret);
      expect((await n.b.inject({ method: 'GET', url: '/v1/api-credentials', token: tok })).statusCode).toBe(403);
      expect((await n.b.inject({ method: 'GET', url: '/v1/projects', token: tok })).statusCode).toBe(200); // cached as MEMBER
      // A third node starts with PLINTH_BOOTSTRAP_CLIENT_ID=<that id>: it makes it Super Admin.
      c = await startApp('postgres', {
        databaseUrl: n.schema.url,
        masterKey: n.masterKey,
        env: { PLINTH_BOOTSTRAP_CLIENT_ID: clientId, PLINTH_BOOTSTRAP_CLIENT_SECRET: secret, PLINTH_CREDENTIAL_CACHE_TTL_MS: '600000' },
      });
      await eventually(async () => (await n.b.inject({ method: 'GET', url: '/v1/api-credentials', token: tok })).statusCode === 200, 2000, 'role change on node B');
    } finally {
      await c?.app.close();
      await n.close();
    }
  });

  it('losing the listening connection clears the cache and stops using it until it reconnects', async () => {
    const n = await twoNodes();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const c = await newCredential(n.a);
      expect((await list(n.b, c.token)).statusCode).toBe(200);
      expect(n.b.app.credentialCache.size).toBeGreaterThan(0);
      const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [`plinth-credentials ${n.nodeB}`]);
      expect(killed.rowCount).toBe(1);
      await eventually(async () => n.b.app.credentialCache.size === 0, 2000, 'cache cleared');
      expect(n.b.logs.some((l) => l.includes('credential change listener lost'))).toBe(true);
      // It reconnects (backoff from 100 ms) and caches again.
      await eventually(async () => (await list(n.b, c.token)).statusCode === 200 && n.b.app.credentialCache.size > 0, 5000, 'listener back');
      // And notices flow again.
      expect((await n.a.inject({ method: 'DELETE', url: `/v1/api-credentials/${c.clientId}`, token: await n.a.adminToken() })).statusCode).toBe(204);
      await eventually(async () => (await list(n.b, c.token)).statusCode === 401);
    } finally {
      await admin.end();
      await n.close();
    }
  });
});
