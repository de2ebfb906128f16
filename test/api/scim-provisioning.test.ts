import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { BASE, ENTERPRISE, LIST, ok, PASSWORD, PATCH, patchOp, projectWithEnvironments, scimError, scimSuite, signIn, USER, userToken } from '../helpers/scim.js';

// Provisioning runs shaped like Entra ID and Okta, end to end (discovery, errors, tokens, groups: scim.test.ts).

describeEachDb('SCIM 2.0', (t) => {
  const { s, scim } = scimSuite(t);
  let admin: string;
  let secret: string;
  let accountId: string;
  beforeAll(() => void ({ admin, secret, accountId } = s));

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
});
