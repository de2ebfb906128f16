import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { eventually, withTwoPgNodes } from '../helpers/nodes.js';
import { tampered, uniq } from '../helpers/fixtures.js';
import { addEnvironment, BASE, LIST, ok, PASSWORD, PATCH, patchOp, projectWithEnvironments, scimError, scimSuite, USER, userToken } from '../helpers/scim.js';

// Discovery, authentication and SCIM secrets, errors and paging, groups, two nodes.
// Provisioning runs shaped like Entra ID and Okta: scim-provisioning.test.ts.

describeEachDb('SCIM 2.0', (t) => {
  const { s, scim } = scimSuite(t);
  let admin: string;
  let secret: string;
  let accountId: string;
  beforeAll(() => void ({ admin, secret, accountId } = s));

  describe('discovery', () => {
    it('serves ServiceProviderConfig, ResourceTypes and Schemas as application/scim+json, under /v1 and /dpc/v1', async () => {
      const spc = await scim('GET', '/ServiceProviderConfig');
      expect(spc.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(spc.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false }, authenticationSchemes: [{ type: 'oauthbearertoken' }] });
      const types = await ok(await scim('GET', '/ResourceTypes'), 200);
      expect(types).toMatchObject({ schemas: [LIST], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
      expect(types.Resources.map((r: any) => r.endpoint)).toEqual(['/Users', '/Groups']);
      expect((await ok(await scim('GET', '/ResourceTypes/Group'), 200)).schema).toBe('urn:ietf:params:scim:schemas:core:2.0:Group');
      const schemas = await ok(await scim('GET', '/Schemas'), 200);
      expect(schemas.Resources.map((s: any) => s.id)).toContain(USER);
      const user = await ok(await scim('GET', `/Schemas/${USER}`), 200);
      expect(user.attributes.find((a: any) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server' });
      scimError(await scim('GET', '/Schemas/urn:nope'), 404);
      scimError(await scim('GET', '/ResourceTypes/Robot'), 404);
      const dpc = await t().inject({ method: 'GET', url: `/dpc${BASE}/ResourceTypes/User`, token: secret });
      expect(dpc.statusCode).toBe(200);
      expect(dpc.json().meta.location).toMatch(new RegExp(`/dpc${BASE}/ResourceTypes/User$`));
    });
  });

  describe('authentication', () => {
    it('answers 401 with an RFC 7644 error without a token, with a bad or unknown SCIM secret, or a bad JWT', async () => {
      const none = scimError(await scim('GET', '/Users', undefined, {}, null), 401);
      expect(none.detail).toMatch(/bearer token/i);
      scimError(await scim('GET', '/Users', undefined, {}, 'scim.nonsense'), 401);
      scimError(await scim('GET', '/Users', undefined, {}, `scim.00000000-0000-7000-8000-000000000000.${'A'.repeat(43)}`), 401);
      scimError(await scim('GET', '/Users', undefined, {}, tampered(secret)), 401);
      scimError(await scim('GET', '/Users', undefined, {}, 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'), 401);
    });

    it('takes the API\'s own tokens of callers that manage users (Super Admin, Admin); 403 for the others', async () => {
      expect((await scim('GET', '/Users', undefined, {}, admin)).statusCode).toBe(200);
      expect((await scim('GET', '/Users', undefined, {}, await t().tokenFor('ADMIN'))).statusCode).toBe(200);
      scimError(await scim('GET', '/Users', undefined, {}, await t().tokenFor('MEMBER')), 403);
      scimError(await scim('GET', '/Groups', undefined, {}, await t().tokenFor('BILLING_ADMIN')), 403);
    });

    it('SCIM secrets: created once with the secret, listed without, refused at once when revoked; Super Admin only; never elsewhere', async () => {
      const created = await ok(await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: { name: 'Okta' } }), 201);
      expect(created).toMatchObject({ id: expect.any(String), name: 'Okta', createdAt: expect.any(String), secret: expect.stringMatching(/^scim\./) });
      const list = await ok(await t().inject({ method: 'GET', url: '/v1/directory-integration/scim-tokens', token: admin }), 200);
      expect(list.results.map((r: any) => r.name)).toEqual(expect.arrayContaining(['Entra ID', 'Okta']));
      expect(JSON.stringify(list)).not.toContain(created.secret.split('.')[2]);
      const stored = await t().app.store.db.selectFrom('scim_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(created.secret.split('.')[2]);
      expect((await scim('GET', '/Users', undefined, {}, created.secret)).statusCode).toBe(200);
      expect((await scim('GET', '/Users', undefined, { 'account-id': accountId }, created.secret)).statusCode).toBe(200);
      scimError(await scim('GET', '/Users', undefined, { 'account-id': 'another-account' }, created.secret), 403);
      // A SCIM secret is for SCIM paths only.
      expect((await t().inject({ method: 'GET', url: '/v1/projects', token: created.secret })).statusCode).toBe(401);
      const adminCred = await t().tokenFor('ADMIN');
      expect((await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: adminCred, body: { name: 'x' } })).statusCode).toBe(403);
      expect((await t().inject({ method: 'DELETE', url: `/v1/directory-integration/scim-tokens/${created.id}`, token: adminCred })).statusCode).toBe(403);
      expect((await t().inject({ method: 'DELETE', url: `/v1/directory-integration/scim-tokens/${created.id}`, token: admin })).statusCode).toBe(204);
      scimError(await scim('GET', '/Users', undefined, {}, created.secret), 401);
      expect((await t().inject({ method: 'DELETE', url: `/v1/directory-integration/scim-tokens/${created.id}`, token: admin })).statusCode).toBe(404);
      expect((await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: {} })).statusCode).toBe(400);
    });
  });

  describe('errors and paging', () => {
    it('refuses bad filters, PatchOps, bodies and unsupported group operations with RFC 7644 errors', async () => {
      scimError(await scim('GET', `/Users?filter=${encodeURIComponent('userName co "a"')}`), 400, 'invalidFilter');
      scimError(await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq')}`), 400, 'invalidFilter');
      scimError(await scim('GET', '/Users?startIndex=abc'), 400, 'invalidValue');
      scimError(await scim('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
      scimError(await scim('GET', '/Groups/nope'), 404);
      scimError(await scim('GET', '/Groups/00000000-0000-4000-8000-000000000000.OWNER'), 404);
      const u = await ok(await scim('POST', '/Users', { userName: uniq('err') + '@example.com' }), 201);
      scimError(await scim('PATCH', `/Users/${u.id}`, { schemas: [PATCH], Operations: [{ op: 'jump', path: 'active', value: true }] }), 400, 'invalidSyntax');
      scimError(await scim('PATCH', `/Users/${u.id}`, patchOp({ op: 'replace', path: 'active', value: 'maybe' })), 400, 'invalidValue');
      scimError(await scim('PATCH', `/Users/${u.id}`, patchOp({ op: 'replace', path: 'nosuch', value: 1 })), 400, 'invalidPath');
      scimError(await scim('PATCH', `/Users/${u.id}`, patchOp({ op: 'replace', path: 'id', value: 'x' })), 400, 'mutability');
      scimError(await scim('PATCH', `/Users/${u.id}`, patchOp({ op: 'remove' })), 400, 'noTarget');
      scimError(await scim('POST', '/Users', { displayName: 'no userName' }), 400, 'invalidValue');
      scimError(await scim('POST', '/Users', { userName: 'not an email' }), 400, 'invalidValue');
      scimError(await scim('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
      scimError(await scim('POST', '/Users', [1, 2]), 400, 'invalidValue');
      const plain = await t().inject({ method: 'POST', url: `${BASE}/Users`, token: secret, body: 'userName=x', headers: { 'content-type': 'text/plain' } });
      scimError(plain, 415);
      // application/json is accepted as well as application/scim+json.
      expect((await t().inject({ method: 'POST', url: `${BASE}/Users`, token: secret, body: { userName: uniq('json') + '@example.com' } })).statusCode).toBe(201);
      scimError(await scim('POST', '/Bulk', { Operations: [] }), 404);
      scimError(await scim('GET', '/Me'), 404);
      const wrong = await scim('POST', '/Users/abc', { userName: 'x@example.com' });
      scimError(wrong, 405);
      expect(wrong.headers.allow).toBe('GET, PUT, PATCH, DELETE');
      for (const [method, path, allow] of [['POST', '/Groups', 'GET'], ['PUT', '/Groups/x', 'GET, PATCH'], ['DELETE', '/Groups/x', 'GET, PATCH']] as const) {
        const r = await scim(method, path, method === 'DELETE' ? undefined : { displayName: 'x' });
        expect(scimError(r, 405).detail).toMatch(/role bindings/);
        expect(r.headers.allow).toBe(allow);
      }
    });

    it('pages with 1-based startIndex and count', async () => {
      const prefix = uniq('page');
      for (let i = 0; i < 3; i++) await ok(await scim('POST', '/Users', { userName: `${prefix}-${i}@example.com`, externalId: prefix }), 201);
      const all = await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${prefix}"`)}`), 200);
      expect(all.totalResults).toBe(3);
      const page = await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${prefix}"`)}&startIndex=2&count=1`), 200);
      expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, Resources: [{ userName: `${prefix}-1@example.com` }] });
      const none = await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${prefix}"`)}&count=0`), 200);
      expect(none).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
      const unfiltered = await ok(await scim('GET', '/Users?startIndex=0&count=2'), 200);
      expect(unfiltered).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
      expect(unfiltered.totalResults).toBeGreaterThanOrEqual(3);
    });
  });

  describe('groups follow projects and environments', () => {
    it('appear with a project and its environments, and go with them', async () => {
      const { projectId, agentId, projectName } = await projectWithEnvironments(t(), admin, []);
      const ids = async () => (await ok(await scim('GET', `/Groups?count=200&excludedAttributes=members`), 200)).Resources.map((g: any) => g.id).filter((id: string) => id.startsWith(projectId));
      expect(await ids()).toEqual(['OWNER', 'CONTRIBUTOR', 'VIEWER'].map((r) => `${projectId}.${r}`));
      await addEnvironment(t(), admin, projectId, agentId, 'staging area');
      const env = Buffer.from('staging area').toString('base64url');
      expect(await ids()).toEqual([...['OWNER', 'CONTRIBUTOR', 'VIEWER'].map((r) => `${projectId}.${r}`), ...['OWNER', 'CONTRIBUTOR', 'OPERATOR', 'VIEWER'].map((r) => `${projectId}.${env}.${r}`)]);
      const g = await ok(await scim('GET', `/Groups/${projectId}.${env}.OPERATOR`), 200);
      expect(g).toMatchObject({ displayName: `${projectName}/staging area/OPERATOR`, environment: 'staging area', role: 'OPERATOR', members: [] });
      await ok(await t().inject({ method: 'DELETE', url: `/v1/projects/${projectId}/environments/${encodeURIComponent('staging area')}`, token: admin }), 204);
      scimError(await scim('GET', `/Groups/${projectId}.${env}.OPERATOR`), 404);
      expect(await ids()).toHaveLength(3);
      await ok(await t().inject({ method: 'DELETE', url: `/v1/projects/${projectId}`, token: admin }), 204);
      expect(await ids()).toEqual([]);
      scimError(await scim('GET', `/Groups/${projectId}.OWNER`), 404);
    });
  });
});

describe('SCIM across two nodes (PostgreSQL)', () => {
  it('a secret revoked on one node is refused by the other at once; a deactivation and a group removal reach it within the cache bound', async () => {
    await withTwoPgNodes('scim', async (a, b) => {
      const admin = await a.adminToken();
      const tok = await ok(await a.inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: { name: 'two nodes' } }), 201);
      const onB = (method: string, path: string, body?: unknown) => b.inject({ method, url: `${BASE}${path}`, token: tok.secret, body });
      const onA = (method: string, path: string, body?: unknown) => a.inject({ method, url: `${BASE}${path}`, token: tok.secret, body });

      const { projectId } = await projectWithEnvironments(a, admin, []);
      const email = `two.nodes.${randomUUID().slice(0, 8)}@example.com`;
      const user = await ok(await onB('POST', '/Users', { userName: email, password: PASSWORD }), 201);
      await ok(await onA('PATCH', `/Groups/${projectId}.VIEWER`, patchOp({ op: 'Add', path: 'members', value: [{ value: user.id }] })), 200);
      const token = await userToken(b, email, PASSWORD);
      const read = () => b.inject({ method: 'GET', url: `/v1/projects/${projectId}`, token });
      expect((await read()).statusCode).toBe(200);

      // A group removal on A: B's cached grants are dropped by the notice.
      await ok(await onA('PATCH', `/Groups/${projectId}.VIEWER`, patchOp({ op: 'Remove', path: 'members', value: [{ value: user.id }] })), 200);
      await eventually(async () => (await read()).statusCode === 404, 2000, 'node B refusing the revoked grant');
      await ok(await onA('PATCH', `/Groups/${projectId}.VIEWER`, patchOp({ op: 'Add', path: 'members', value: [{ value: user.id }] })), 200);
      await eventually(async () => (await read()).statusCode === 200, 2000, 'node B seeing the grant again');

      // A deactivation on A: B refuses the user's token.
      await ok(await onA('PATCH', `/Users/${user.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' })), 200);
      await eventually(async () => (await read()).statusCode === 401, 2000, 'node B refusing the deactivated user');

      // The secret revoked on A is refused by B at its next request (read on every request).
      expect((await onB('GET', '/Users?count=1')).statusCode).toBe(200);
      await ok(await a.inject({ method: 'DELETE', url: `/v1/directory-integration/scim-tokens/${tok.id}`, token: admin }), 204);
      expect((await onB('GET', '/Users?count=1')).statusCode).toBe(401);
    });
  });
});
