import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { eventually, withTwoPgNodes } from '../helpers/nodes.js';
import { ok } from '../helpers/access.js';
import { uniq } from '../helpers/fixtures.js';
import { projectCounter } from '../../src/resources/projects/counts.js';

/**
 * The per-node read cache (src/core/read-cache.ts): a project and pages of projects are kept in
 * process, yet every write through Plinth is visible on the next read — at once on the node
 * that made it, and on the other nodes when the change notice arrives.
 */

const body = (name: string) => ({ name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' });
const ids = (page: { results: { id: string }[] }) => page.results.map((r) => r.id);

/** A project row written around Plinth (no change notice), as another process might. */
async function insertBehindTheBack(t: TestApp, accountId: string) {
  const now = new Date().toISOString();
  const id = randomUUID();
  await t.app.store.db.insertInto('projects').values({ id, account_id: accountId, name: uniq('behind'), description: null, warehouse: 'SNOWFLAKE', agent_deployment_type: 'HYBRID', created_at: now, updated_at: now }).execute();
  await projectCounter.adder(t.app.store.db)(t.app.store.db, accountId, 1); // the account's counter, as the store keeps it
  return id;
}

describeEachDb('read cache', (get) => {
  it('serves repeated reads from the cache; a write through the API is visible on the next read', async () => {
    const t = get();
    const token = await t.adminToken();
    const page = async () => ok(await t.inject({ method: 'GET', url: '/v1/projects?page=0&size=100', token }), 200);
    const first = ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(uniq('cached')) }), 201).projectId as string;
    // On PostgreSQL the cache serves only once this node listens for changes, and this node's
    // own notice of the create (which evicts again) arrives a moment after the commit.
    await eventually(async () => (await page(), ok(await t.inject({ method: 'GET', url: `/v1/projects/${first}`, token }), 200), t.app.readCache.size >= 2), 5000, 'caching');
    const before = await page();
    expect(ids(before)).toContain(first);

    // A row written around Plinth is not seen while the entries live: the cache answered.
    const { account_id: accountId } = await t.app.store.db.selectFrom('projects').select('account_id').where('id', '=', first).executeTakeFirstOrThrow();
    const behind = await insertBehindTheBack(t, accountId);
    expect(await page()).toEqual(before);

    // A create evicts the account's pages, not the rows it holds: the project read by id is
    // still served from the cache (its row was changed around Plinth above, unseen).
    const cachedRows = t.app.readCache.size;
    await t.app.store.db.updateTable('projects').set({ description: 'changed around Plinth' }).where('id', '=', first).execute();
    // A create through the API evicts the account's pages: the next read has both rows.
    const second = ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(uniq('cached')) }), 201).projectId as string;
    expect(ok(await t.inject({ method: 'GET', url: `/v1/projects/${first}`, token }), 200).description).toBeNull();
    expect(t.app.readCache.size).toBeGreaterThan(0);
    expect(t.app.readCache.size).toBeLessThanOrEqual(cachedRows);
    const after = await page();
    expect(ids(after)).toEqual(expect.arrayContaining([first, behind, second]));
    expect(after.total).toBe(before.total + 2);

    // A delete through the API: the project and the page change at once.
    ok(await t.inject({ method: 'DELETE', url: `/v1/projects/${first}`, token }), 204);
    ok(await t.inject({ method: 'GET', url: `/v1/projects/${first}`, token }), 404);
    const gone = await page();
    expect(ids(gone)).not.toContain(first);
    expect(gone.total).toBe(after.total - 1);
  });

  it('a cached page goes out as the bytes it was first serialized to, typed as any JSON answer; a change sends new bytes', async () => {
    const t = get();
    const token = await t.adminToken();
    const first = ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(uniq('bytes')) }), 201).projectId as string;
    const list = () => t.inject({ method: 'GET', url: '/v1/projects?page=0&size=100', token });
    await eventually(async () => (await list(), t.app.readCache.size >= 1), 5000, 'caching');
    const [a, b] = [await list(), await list()];
    expect(b.body).toBe(a.body);
    const one = await t.inject({ method: 'GET', url: `/v1/projects/${first}`, token });
    expect(a.headers['content-type']).toBe(one.headers['content-type']);
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    // Serialized by the response schema: exactly the documented fields of each project.
    expect(Object.keys(a.json().results.find((p: { id: string }) => p.id === first)).sort()).toEqual(['agentDeploymentType', 'createdAt', 'description', 'id', 'name', 'updatedAt', 'warehouse']);
    const second = ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(uniq('bytes')) }), 201).projectId as string;
    const after = await list();
    expect(after.body).not.toBe(a.body);
    expect(ids(after.json())).toContain(second);
    // Another page size is another page, with its own bytes.
    expect(ids((await t.inject({ method: 'GET', url: '/v1/projects?page=0&size=1', token })).json())).toHaveLength(1);
  });

  it('a failed create (409) changes nothing that is cached', async () => {
    const t = get();
    const token = await t.adminToken();
    const name = uniq('dup');
    ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(name) }), 201);
    const before = ok(await t.inject({ method: 'GET', url: '/v1/projects?page=0&size=100', token }), 200);
    ok(await t.inject({ method: 'POST', url: '/v1/projects', token, body: body(name) }), 409);
    expect(ok(await t.inject({ method: 'GET', url: '/v1/projects?page=0&size=100', token }), 200)).toEqual(before);
  });
});

describe('read cache across two nodes [postgres]', () => {
  it("a project created or deleted on node A is seen on node B's cached reads within the bound", async () => {
    await withTwoPgNodes('reads', async (a, b) => {
      const onB = async (url: string) => b.inject({ method: 'GET', url, token: await b.adminToken() });
      const existing = ok(await a.inject({ method: 'POST', url: '/v1/projects', token: await a.adminToken(), body: body(uniq('two-nodes')) }), 201).projectId as string;
      // B reads until it serves from its cache (its listener may still be starting).
      await eventually(async () => (await onB('/v1/projects')).statusCode === 200 && (await onB(`/v1/projects/${existing}`)).statusCode === 200 && b.app.readCache.size > 0, 5000, 'node B caching');
      const total = (await onB('/v1/projects')).json().total as number;

      const made = ok(await a.inject({ method: 'POST', url: '/v1/projects', token: await a.adminToken(), body: body(uniq('two-nodes')) }), 201).projectId as string;
      const seen = await eventually(async () => (await onB('/v1/projects')).json().total === total + 1, 2000, 'node B listing the new project');
      expect(ids((await onB('/v1/projects')).json())).toContain(made);
      // A FULL_SAAS create (the row with its hosted agent, in a transaction) announces it too.
      const saas = ok(await a.inject({ method: 'POST', url: '/v1/projects', token: await a.adminToken(), body: { ...body(uniq('two-nodes')), agentDeploymentType: 'FULL_SAAS' } }), 201).projectId as string;
      await eventually(async () => (await onB('/v1/projects')).json().total === total + 2, 2000, 'node B listing the FULL_SAAS project');
      expect(ids((await onB('/v1/projects')).json())).toContain(saas);

      ok(await a.inject({ method: 'DELETE', url: `/v1/projects/${existing}`, token: await a.adminToken() }), 204);
      const gone = await eventually(async () => (await onB(`/v1/projects/${existing}`)).statusCode === 404, 2000, 'node B refusing the deleted project');
      expect(Math.max(seen, gone)).toBeLessThan(2000);
    });
  });
});
