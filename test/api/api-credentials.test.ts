import { expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';

describeEachDb('API credentials (extension)', (t) => {
  it('creates a credential: 201, secret shown once with high entropy, never listed, stored only as a hash', async () => {
    const token = await t().adminToken();
    const r = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'ci-bot', role: 'ADMIN' } });
    expect(r.statusCode).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const c = r.json();
    expect(Object.keys(c).sort()).toEqual(['clientId', 'clientSecret', 'createdAt', 'name', 'role']);
    expect(c).toMatchObject({ name: 'ci-bot', role: 'ADMIN' });
    expect(c.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const list = await t().inject({ method: 'GET', url: '/v1/api-credentials?size=100', token });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(c.clientSecret);
    const item = list.json().results.find((x: { clientId: string }) => x.clientId === c.clientId);
    expect(item).toEqual({ clientId: c.clientId, name: 'ci-bot', role: 'ADMIN', createdAt: c.createdAt });
    const row = await t().app.store.db.selectFrom('api_credentials').selectAll().where('client_id', '=', c.clientId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(c.clientSecret);
    // The secret works at the token endpoint.
    expect(await t().tokenWith(c.clientId, c.clientSecret)).toMatch(/^ey/);
  });

  it('validates the body and refuses duplicate names', async () => {
    const token = await t().adminToken();
    const bad = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: '', role: 'OWNER' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations.sort()).toEqual(['body.name: must NOT have fewer than 1 characters', 'body.role: must be one of: SUPER_ADMIN, BILLING_ADMIN, ADMIN, MEMBER']);
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'same', role: 'MEMBER' } })).statusCode).toBe(201);
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'same', role: 'MEMBER' } })).statusCode).toBe(409);
  });

  it('deletes: 204, unknown 404, other account 404, and the last Super Admin stays (409)', async () => {
    const token = await t().adminToken();
    const c = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'short-lived', role: 'MEMBER' } })).json();
    expect((await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${c.clientId}`, token })).statusCode).toBe(204);
    expect((await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${c.clientId}`, token })).statusCode).toBe(404);
    const other = await seedAccount(t());
    expect((await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${ADMIN_ID}`, token: other.token })).statusCode).toBe(404);
    // The other account's only Super Admin cannot delete itself.
    const self = await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${other.clientId}`, token: other.token });
    expect(self.statusCode).toBe(409);
    // The token endpoint refuses a deleted credential.
    const r = await t().app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toBe('invalid_client');
  });

  it('is Super Admin only', async () => {
    for (const role of ['BILLING_ADMIN', 'ADMIN', 'MEMBER'] as const) {
      const token = await t().tokenFor(role);
      expect((await t().inject({ method: 'GET', url: '/v1/api-credentials', token })).statusCode).toBe(403);
      expect((await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${ADMIN_ID}`, token })).statusCode).toBe(403);
    }
  });

  it('bootstrap credential exists once, with the given secret', async () => {
    const rows = await t().app.store.db.selectFrom('api_credentials').selectAll().where('client_id', '=', ADMIN_ID).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'SUPER_ADMIN', kind: 'user' });
    expect(await t().tokenWith(ADMIN_ID, ADMIN_SECRET)).toMatch(/^ey/);
  });
});
