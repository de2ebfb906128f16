import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { describeEachDb, startApp, type TestApp } from '../helpers/app.js';
import { createPgSchema } from '../helpers/pg.js';
import { fullSaasProject, snowflakeProps, uniq } from '../helpers/fixtures.js';

const BASE = '/v1/directory-integration/scim/v2';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Res = Awaited<ReturnType<TestApp['inject']>>;

async function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/** An RFC 7644 error answer: status, scimType, the SCIM media type. */
function scimError(r: Res, status: number, scimType?: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/scim\+json/);
  const body = r.json();
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof body.detail).toBe('string');
  if (scimType) expect(body.scimType).toBe(scimType);
  else expect(body.scimType).toBeUndefined();
  return body;
}

const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** A FULL_SAAS project with Snowflake environments (default access `readOnly`: members get VIEWER). */
async function projectWithEnvironments(t: TestApp, token: string, names: string[]) {
  const { projectId, agentId } = await fullSaasProject(t, token);
  await ok(await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } }), 201);
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }), 201);
  for (const name of names) await addEnvironment(t, token, projectId, agentId, name);
  const project = await ok(await t.inject({ method: 'GET', url: `/v1/projects/${projectId}`, token }), 200);
  return { projectId, agentId, projectName: project.name as string };
}

async function addEnvironment(t: TestApp, token: string, projectId: string, agentId: string, name: string) {
  const body = { name, defaultAgentId: agentId, defaultUserAccessLevel: 'readOnly', defaultConnections: { DWH: { snowflake: 'sf-dwh' } }, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }] };
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/environments`, token, body }), 201);
}

/** A person signing in with email and password (the token endpoint's password grant). */
async function signIn(t: TestApp, email: string, password: string) {
  return t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', username: email, password }).toString(),
  });
}

async function userToken(t: TestApp, email: string, password: string) {
  const r = await signIn(t, email, password);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().access_token as string;
}

const PASSWORD = 'Pa55word!Pa55word!';

describeEachDb('SCIM 2.0', (t) => {
  let admin: string;
  let secret: string;
  let accountId: string;
  const scim = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token: string | null = secret) =>
    t().inject({ method, url: `${BASE}${path}`, token, ...(body !== undefined ? { body, headers: { 'content-type': 'application/scim+json', ...headers } } : { headers }) });

  beforeAll(async () => {
    admin = await t().adminToken();
    const created = await ok(await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: { name: 'Entra ID' } }), 201);
    secret = created.secret;
    accountId = t().app.identity.defaultAccountId;
  });

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
      scimError(await scim('GET', '/Users', undefined, {}, `${secret.slice(0, -2)}AA`), 401);
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

  describe('a provisioning run shaped like Entra ID', () => {
    let projectId: string;
    let projectName: string;
    let userId: string;
    const email = () => `ann.lee.${t().kind}@example.com`;

    beforeAll(async () => {
      ({ projectId, projectName } = await projectWithEnvironments(t(), admin, ['dev', 'prod']));
    });

    it('looks the user up, creates it, patches it with capitalised ops and string booleans', async () => {
      const lookup = await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email().toUpperCase()}"`)}`), 200);
      expect(lookup).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

      const body = {
        schemas: [USER, ENTERPRISE],
        externalId: 'aad-0001',
        userName: email().replace('ann', 'Ann'),
        active: true,
        displayName: 'Ann Lee',
        emails: [{ primary: true, type: 'work', value: email() }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Ann Lee', familyName: 'Lee', givenName: 'Ann' },
        password: PASSWORD,
        [ENTERPRISE]: { department: 'Finance' },
      };
      const created = await scim('POST', '/Users', body);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
      const user = created.json();
      userId = user.id;
      expect(created.headers.location).toBe(user.meta.location);
      expect(user).toMatchObject({
        schemas: [USER, ENTERPRISE],
        userName: email(),
        externalId: 'aad-0001',
        active: true,
        displayName: 'Ann Lee',
        name: { formatted: 'Ann Lee', familyName: 'Lee', givenName: 'Ann' },
        emails: [{ primary: true, type: 'work', value: email() }],
        [ENTERPRISE]: { department: 'Finance' },
        groups: [],
        meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String), location: expect.stringMatching(new RegExp(`${BASE}/Users/${userId}$`)) },
      });
      expect(created.body).not.toContain('Pa55word');
      expect(user).not.toHaveProperty('password');
      // The same user as /v1/users: a MEMBER.
      const v1 = await ok(await t().inject({ method: 'GET', url: `/v1/users/${userId}`, token: admin }), 200);
      expect(v1).toMatchObject({ email: email(), role: 'MEMBER', active: true });
      scimError(await scim('POST', '/Users', { ...body, userName: email().toUpperCase() }), 409, 'uniqueness');

      const found = await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email().toUpperCase()}"`)}`), 200);
      expect(found).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id: userId }] });
      expect((await ok(await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "aad-0001"')}`), 200)).totalResults).toBe(1);
      expect((await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`id eq "${userId}" and active eq true`)}`), 200)).totalResults).toBe(1);
      expect((await ok(await scim('GET', `/Users?filter=${encodeURIComponent(`emails[type eq "work" and value eq "${email()}"]`)}`), 200)).totalResults).toBe(1);

      const patched = await ok(
        await scim('PATCH', `/Users/${userId}`, patchOp(
          { op: 'Replace', path: 'displayName', value: 'Ann M. Lee' },
          { op: 'Add', path: 'name.givenName', value: 'Annie' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: email() },
          { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+44 7700 900000' },
          { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
          { op: 'Replace', path: 'active', value: 'True' },
        )),
        200,
      );
      expect(patched).toMatchObject({
        displayName: 'Ann M. Lee',
        name: { givenName: 'Annie', familyName: 'Lee', formatted: 'Ann Lee' },
        phoneNumbers: [{ type: 'mobile', value: '+44 7700 900000' }],
        [ENTERPRISE]: { department: 'Sales' },
        active: true,
      });
      expect((await ok(await scim('GET', `/Users/${userId}`), 200)).name.givenName).toBe('Annie');
    });

    it('finds a group by displayName, adds the user, who then really has access; removes it, and access is gone', async () => {
      // The password sent on creation signs the user in; it sees no project yet.
      const token = await userToken(t(), email(), PASSWORD);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(404);

      const name = `${projectName}/VIEWER`;
      const list = await ok(await scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${name}"`)}`), 200);
      expect(list.totalResults).toBe(1);
      const group = list.Resources[0];
      expect(group).toEqual({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', expect.any(String)],
        id: `${projectId}.VIEWER`,
        displayName: name,
        accountId,
        accountName: expect.any(String),
        projectId,
        projectName,
        role: 'VIEWER',
        meta: { resourceType: 'Group', created: expect.any(String), lastModified: expect.any(String), location: expect.stringContaining(`${BASE}/Groups/${projectId}.VIEWER`) },
      });

      const added = await ok(await scim('PATCH', `/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: userId }] })), 200);
      expect(added.members).toEqual([{ value: userId, display: 'Ann M. Lee', ref: expect.stringContaining(`${BASE}/Users/${userId}`), type: 'USER' }]);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(200);
      // VIEWER reads but cannot write.
      expect((await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'x', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } })).statusCode).toBe(403);

      // An environment group: dev OPERATOR; the environments on their default (readOnly) are VIEWER.
      const devId = `${projectId}.${Buffer.from('dev').toString('base64url')}.OPERATOR`;
      const dev = await ok(await scim('PATCH', `/Groups/${devId}`, patchOp({ op: 'Add', path: 'members', value: [{ value: userId }] })), 200);
      expect(dev).toMatchObject({ environment: 'dev', role: 'OPERATOR', members: [{ value: userId }] });
      const members = await ok(await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/members`, token: admin }), 200);
      expect(members.results).toEqual([expect.objectContaining({ principalId: userId, role: 'VIEWER', environmentRoles: { dev: 'OPERATOR', prod: 'VIEWER' } })]);
      const me = await ok(await scim('GET', `/Users/${userId}`), 200);
      expect(me.groups.map((g: any) => g.display).sort()).toEqual([`${projectName}/VIEWER`, `${projectName}/dev/OPERATOR`, `${projectName}/prod/VIEWER`].sort());
      expect(me.groups[0]).toEqual({ value: expect.any(String), display: expect.any(String), ref: expect.stringContaining(`${BASE}/Groups/`), type: 'DIRECT' });

      // Entra's membership check.
      const q = (u: string) => `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${group.id}" and members[value eq "${u}"]`)}`;
      expect((await ok(await scim('GET', q(userId)), 200)).totalResults).toBe(1);
      expect((await ok(await scim('GET', q('someone-else')), 200)).totalResults).toBe(0);

      // Removing from the environment group sets NONE there; from the project group, the user leaves the project.
      await ok(await scim('PATCH', `/Groups/${devId}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: userId }] })), 200);
      const after = await ok(await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/members`, token: admin }), 200);
      expect(after.results[0].environmentRoles).toEqual({ dev: 'NONE', prod: 'VIEWER' });
      const removed = await ok(await scim('PATCH', `/Groups/${group.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: userId }] })), 200);
      expect(removed.members).toEqual([]);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(404);
      expect((await ok(await scim('GET', `/Users/${userId}`), 200)).groups).toEqual([]);
    });

    it('deactivates with "False": the user\'s tokens are refused at once', async () => {
      await ok(await scim('PATCH', `/Groups/${projectId}.CONTRIBUTOR`, patchOp({ op: 'Add', path: 'members', value: [{ value: userId }] })), 200);
      const token = await userToken(t(), email(), PASSWORD);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(200);
      const off = await ok(await scim('PATCH', `/Users/${userId}`, patchOp({ op: 'Replace', path: 'active', value: 'False' })), 200);
      expect(off.active).toBe(false);
      expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(401);
      expect((await ok(await t().inject({ method: 'GET', url: `/v1/users/${userId}`, token: admin }), 200)).active).toBe(false);
      // Nor can it sign in again.
      expect((await signIn(t(), email(), PASSWORD)).statusCode).toBe(401);
    });

    it('recorded every change as an audit event from SCIM, by the SCIM secret, with no password in any', async () => {
      const now = t().clock.now.getTime();
      const range = `from=${new Date(now - 3600_000).toISOString()}&to=${new Date(now + 3600_000).toISOString()}&size=100`;
      const events = (await ok(await t().inject({ method: 'GET', url: `/v1/events?${range}`, token: admin }), 200)).results as any[];
      const mine = events.filter((e) => e.eventSubjectId === userId || e.subjectId === userId || JSON.stringify(e).includes(userId));
      const names = mine.map((e) => e.eventName);
      expect(names).toEqual(expect.arrayContaining(['user_created', 'user_updated', 'member_added', 'member_removed', 'user_deactivated']));
      const created = mine.find((e) => e.eventName === 'user_created');
      expect(created).toMatchObject({ eventSource: 'SCIM', actorId: expect.stringMatching(/^scim-token:/) });
      expect(JSON.stringify(events)).not.toContain('Pa55word');
      expect(JSON.stringify(events)).not.toContain(secret.split('.')[2]);
    });
  });

  describe('a provisioning run shaped like Okta', () => {
    let userId: string;
    let projectId: string;
    const email = () => `okta.user.${t().kind}@example.com`;

    beforeAll(async () => {
      ({ projectId } = await projectWithEnvironments(t(), admin, []));
    });

    it('creates, replaces with PUT, deactivates with a path-less replace', async () => {
      const created = await ok(await scim('POST', '/Users', { schemas: [USER], userName: email(), name: { givenName: 'Olga', familyName: 'Kent' }, emails: [{ primary: true, value: email(), type: 'work' }], displayName: 'Olga Kent', locale: 'en-US', externalId: '00u1', groups: [], password: 'okta-Pa55word-1', active: true }), 201);
      expect(created).not.toHaveProperty('password');
      userId = created.id;
      // The password sent on creation signs in; Okta's password sync changes it with PUT.
      expect((await signIn(t(), email(), 'okta-Pa55word-1')).statusCode).toBe(200);
      const put = await ok(await scim('PUT', `/Users/${userId}`, { schemas: [USER], id: userId, userName: email(), name: { givenName: 'Olga', familyName: 'Kent-Smith' }, emails: [{ primary: true, value: email(), type: 'work' }], displayName: 'Olga Kent-Smith', active: true, password: 'synced-Pa55word-2', meta: { resourceType: 'User' } }), 200);
      expect(put).not.toHaveProperty('password');
      expect((await signIn(t(), email(), 'okta-Pa55word-1')).statusCode).toBe(401);
      expect((await signIn(t(), email(), 'synced-Pa55word-2')).statusCode).toBe(200);
      scimError(await scim('PATCH', `/Users/${userId}`, patchOp({ op: 'replace', path: 'password', value: 'short' })), 400, 'invalidValue');
      expect(put).toMatchObject({ name: { givenName: 'Olga', familyName: 'Kent-Smith' }, displayName: 'Olga Kent-Smith', active: true });
      // PUT replaces: what it leaves out is gone.
      expect(put).not.toHaveProperty('locale');
      expect(put).not.toHaveProperty('externalId');
      const off = await ok(await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: false } }] }), 200);
      expect(off.active).toBe(false);
      const on = await ok(await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { id: userId, active: true, 'name.familyName': 'Kent' } }] }), 200);
      expect(on).toMatchObject({ active: true, name: { familyName: 'Kent' } });
    });

    it('pushes group membership: add, remove by filter, replace; Plinth\'s attributes are read-only', async () => {
      const gid = `${projectId}.OWNER`;
      const g = await ok(await scim('GET', `/Groups/${gid}`), 200);
      await ok(await scim('PATCH', `/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: userId, display: email() }] })), 200);
      const removed = await ok(await scim('PATCH', `/Groups/${gid}`, patchOp({ op: 'remove', path: `members[value eq "${userId}"]` })), 200);
      expect(removed.members).toEqual([]);
      const replaced = await ok(await scim('PATCH', `/Groups/${gid}`, patchOp({ op: 'replace', value: { id: gid, displayName: g.displayName, members: [{ value: userId }] } })), 200);
      expect(replaced.members.map((m: any) => m.value)).toEqual([userId]);
      // A user holds one project role: joining VIEWER moves it out of OWNER.
      await ok(await scim('PATCH', `/Groups/${projectId}.VIEWER`, patchOp({ op: 'add', path: 'members', value: [{ value: userId }] })), 200);
      expect((await ok(await scim('GET', `/Groups/${gid}`), 200)).members).toEqual([]);
      scimError(await scim('PATCH', `/Groups/${gid}`, patchOp({ op: 'replace', value: { displayName: 'renamed' } })), 400, 'mutability');
      scimError(await scim('PATCH', `/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: 'not-a-user' }] })), 400, 'invalidValue');
      expect((await ok(await scim('GET', `/Groups/${gid}`), 200)).members).toEqual([]);
    });

    it('deletes a user (204); it is gone from SCIM and /v1/users', async () => {
      expect((await scim('DELETE', `/Users/${userId}`)).statusCode).toBe(204);
      scimError(await scim('GET', `/Users/${userId}`), 404);
      expect((await t().inject({ method: 'GET', url: `/v1/users/${userId}`, token: admin })).statusCode).toBe(404);
      scimError(await scim('DELETE', `/Users/${userId}`), 404);
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

async function eventually(probe: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  for (;;) {
    if (await probe()) return Date.now() - (until - ms);
    if (Date.now() > until) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SCIM across two nodes (PostgreSQL)', () => {
  it('a secret revoked on one node is refused by the other at once; a deactivation and a group removal reach it within the cache bound', async () => {
    const schema = await createPgSchema();
    const masterKey = generateMasterKey();
    // A long cache TTL: only the change notice can explain node B seeing the change in time.
    const env = { PLINTH_CREDENTIAL_CACHE_TTL_MS: '600000' };
    const [a, b] = await Promise.all([
      startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: `scim-a-${randomUUID().slice(0, 8)}` } }),
      startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: `scim-b-${randomUUID().slice(0, 8)}` } }),
    ]);
    try {
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
    } finally {
      await a.app.close();
      await b.app.close();
      await schema.drop();
    }
  });
});
