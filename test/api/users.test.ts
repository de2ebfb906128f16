import { expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';
import { accept, claimsOf, invite, newEmail, newUser, PASSWORD, passwordGrant, tokenOf } from '../helpers/users.js';

/**
 * People (issue 13, PRODUCT.md "People"): invitations, users, the password grant, the account-role
 * rules and the last-Super-Admin invariant, through the real app on both databases.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every response body a test saw, to check no secret ever left the server. */
function recorder(t: TestApp) {
  const bodies: string[] = [];
  const inject: TestApp['inject'] = async (o) => {
    const r = await t.inject(o);
    bodies.push(r.body);
    return r;
  };
  return { bodies, inject };
}

async function eventNames(t: TestApp, subjectId: string) {
  const rows = await t.app.store.db.selectFrom('audit_events').select(['event_name', 'event_type']).where('subject_id', '=', subjectId).orderBy('event_timestamp').execute();
  return rows.map((r) => `${r.event_name}/${r.event_type}`);
}

describeEachDb('users and invitations', (t) => {
  it('life cycle: invite → accept → sign in → read as the role allows → role change → removal → token refused at once', async () => {
    const admin = await t().adminToken();
    const { bodies, inject } = recorder(t());
    const email = newEmail('alice');

    const created = await inject({ method: 'POST', url: '/v1/invitations', token: admin, body: { email, role: 'MEMBER' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const inv = created.json();
    expect(Object.keys(inv).sort()).toEqual(['email', 'expiresAt', 'invitationId', 'inviteUrl', 'role']);
    expect(inv).toMatchObject({ email: email.toLowerCase(), role: 'MEMBER' });
    expect(inv.invitationId).toMatch(UUID);
    expect(inv.inviteUrl).toMatch(new RegExp(`^${t().config.publicUrl}/console/invitations/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(inv.inviteUrl);
    // Seven days by default.
    expect(Date.parse(inv.expiresAt) - t().clock.now.getTime()).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(Date.parse(inv.expiresAt) - t().clock.now.getTime()).toBeLessThanOrEqual(7 * 86400_000);

    const pending = await inject({ method: 'GET', url: '/v1/invitations?size=100', token: admin });
    expect(pending.statusCode).toBe(200);
    expect(pending.json().results.find((i: { invitationId: string }) => i.invitationId === inv.invitationId)).toMatchObject({ email: email.toLowerCase(), role: 'MEMBER', status: 'PENDING', createdBy: 'test-admin' });

    const accepted = await t().inject({ method: 'POST', url: '/v1/invitations/accept', body: { token, password: PASSWORD } });
    bodies.push(accepted.body);
    expect(accepted.statusCode).toBe(201);
    const user = accepted.json();
    expect(Object.keys(user).sort()).toEqual(['active', 'createdAt', 'displayName', 'email', 'role', 'updatedAt', 'userId']);
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'MEMBER', active: true, displayName: null });
    // Single use; the invitation leaves the pending list.
    const again = await accept(t(), token);
    expect(again.statusCode).toBe(400);
    expect(again.json().violations).toEqual(['body.token: is not a valid invitation (unknown, expired or already used)']);
    const unknown = await accept(t(), 'x'.repeat(43));
    expect(unknown.json()).toEqual({ ...again.json(), instance: unknown.json().instance });
    expect((await inject({ method: 'GET', url: '/v1/invitations?size=100', token: admin })).json().results.some((i: { invitationId: string }) => i.invitationId === inv.invitationId)).toBe(false);

    // The password grant, with the email in any case.
    const signIn = await passwordGrant(t(), email.toUpperCase(), PASSWORD);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({ token_type: 'Bearer', expires_in: 1800, scope: 'pipeline-execution' });
    const userToken = signIn.json().access_token as string;
    expect(claimsOf(userToken)).toMatchObject({ sub: user.userId, client_id: user.userId, 'https://plinth.dev/role': 'MEMBER' });

    // A MEMBER may not read users; an ADMIN may.
    expect((await inject({ method: 'GET', url: '/v1/users', token: userToken })).statusCode).toBe(403);
    const promoted = await inject({ method: 'PATCH', url: `/v1/users/${user.userId}`, token: admin, body: { role: 'ADMIN' } });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ userId: user.userId, role: 'ADMIN', active: true });
    const list = await inject({ method: 'GET', url: '/v1/users?size=100', token: userToken });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 0, size: 100 });
    expect(list.json().total).toBe(list.json().results.length);
    expect(list.json().results.find((u: { userId: string }) => u.userId === user.userId)).toMatchObject({ email: email.toLowerCase(), role: 'ADMIN' });
    expect((await inject({ method: 'GET', url: `/v1/users/${user.userId.toUpperCase()}`, token: userToken })).json()).toMatchObject({ userId: user.userId, role: 'ADMIN' });

    // Removal: 204, and the token is refused on the very next request.
    expect((await inject({ method: 'DELETE', url: `/v1/users/${user.userId}`, token: admin })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/v1/users', token: userToken })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: `/v1/users/${user.userId}`, token: admin })).statusCode).toBe(404);
    expect((await passwordGrant(t(), email, PASSWORD)).statusCode).toBe(401);

    // No response or log line carries the password, a hash or the token, but the one inviteUrl.
    const rest = [...bodies.filter((b) => b !== created.body), ...t().logs];
    for (const text of rest) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(token);
      expect(text).not.toContain('scrypt$');
    }
    expect(t().logs.join('\n')).not.toContain(token);
    const stored = await t().app.store.db.selectFrom('invitations').selectAll().where('id', '=', inv.invitationId).execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    // The audit trail of the person, in the changes' own transactions.
    expect(await eventNames(t(), inv.invitationId)).toEqual(['user_invited/CREATE']);
    expect(await eventNames(t(), user.userId)).toEqual(['invitation_redeemed/CREATE', 'hub_user_login/LOGIN', 'user_role_changed/UPDATE', 'user_removed/DELETE']);
    const events = await t().app.store.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('the first start created a Super Admin user, and printed nothing of it to the log', async () => {
    const generated = (await t().app.generatedAdmin)!;
    expect(generated.email).toBe('admin@plinth.local');
    expect(generated.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const r = await passwordGrant(t(), generated.email, generated.password);
    expect(r.statusCode).toBe(200);
    expect(claimsOf(r.json().access_token)['https://plinth.dev/role']).toBe('SUPER_ADMIN');
    expect(t().logs.join('\n')).not.toContain(generated.password);
    const rows = await t().app.store.db.selectFrom('users').selectAll().where('email', '=', generated.email).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('refuses sign-ins with one generic 401 for a wrong password, an unknown email and a deactivated user', async () => {
    const admin = await t().adminToken();
    const u = await newUser(t(), 'MEMBER');
    const wrong = await passwordGrant(t(), u.email, 'not-the-password', '10.0.1.1');
    const nobody = await passwordGrant(t(), newEmail('nobody'), PASSWORD, '10.0.1.1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    expect(nobody.statusCode).toBe(401);
    expect(nobody.body).toBe(wrong.body);
    // Deactivation: the token is refused at once, sign-in too; reactivation restores both.
    const off = await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: { active: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await t().inject({ method: 'GET', url: '/v1/projects', token: u.token })).statusCode).toBe(401);
    const inactive = await passwordGrant(t(), u.email, PASSWORD, '10.0.1.1');
    expect(inactive.statusCode).toBe(401);
    expect(inactive.body).toBe(wrong.body);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: { active: true } })).statusCode).toBe(200);
    expect((await passwordGrant(t(), u.email, PASSWORD, '10.0.1.1')).statusCode).toBe(200);
    // Failed sign-ins are audited with the email tried, never the password.
    const failed = await t().app.store.db.selectFrom('audit_events').selectAll().where('event_name', '=', 'hub_user_login_failed').execute();
    expect(failed.map((e) => e.actor_id)).toEqual(expect.arrayContaining([u.email]));
    expect(failed.every((e) => e.event_type === 'LOGIN_FAILED')).toBe(true);
    expect(JSON.stringify(failed)).not.toContain('not-the-password');
    expect(JSON.stringify(failed)).not.toContain(PASSWORD);
    expect(await eventNames(t(), u.userId)).toEqual(expect.arrayContaining(['user_deactivated/UPDATE', 'user_activated/UPDATE']));
  });

  it('limits failed sign-ins per email (429 even with the right password), like client secrets', async () => {
    const u = await newUser(t(), 'MEMBER');
    const limit = t().config.authFailureLimit;
    for (let i = 0; i < limit; i++) expect((await passwordGrant(t(), u.email, `wrong-password-${i}`, `10.0.2.${i}`)).statusCode).toBe(401);
    const blocked = await passwordGrant(t(), u.email, PASSWORD, '10.0.2.200');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('temporarily_unavailable');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('records API credential token issuance and failures as LOGIN / LOGIN_FAILED', async () => {
    const r = await t().app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=test-admin&client_secret=wrong-secret-0000000',
      remoteAddress: '10.0.3.1',
    });
    expect(r.statusCode).toBe(401);
    await t().tokenWith('test-admin', 'test-admin-secret-0123456789');
    const rows = await t().app.store.db.selectFrom('audit_events').selectAll().where('subject_id', '=', 'test-admin').execute();
    const names = rows.map((e) => `${e.event_name}/${e.event_type}`);
    expect(names).toEqual(expect.arrayContaining(['api_credential_login_failed/LOGIN_FAILED', 'api_credential_token_issued/LOGIN']));
    expect(rows.find((e) => e.event_name === 'api_credential_login_failed')!.actor_id).toBe('test-admin');
    expect(JSON.stringify(rows)).not.toContain('wrong-secret');
  });

  it('validates input and names the field', async () => {
    const admin = await t().adminToken();
    const post = (body: unknown) => t().inject({ method: 'POST', url: '/v1/invitations', token: admin, body });
    const bad = await post({ email: 'not-an-email', role: 'MEMBER' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations).toEqual(['body.email: must be an email address']);
    expect((await post({ email: 'a@b.co', role: 'OWNER' })).json().violations).toEqual(['body.role: must be one of: SUPER_ADMIN, BILLING_ADMIN, ADMIN, MEMBER']);
    expect((await post({ role: 'MEMBER' })).statusCode).toBe(400);
    // A short password on a valid invitation: the invitation stays usable.
    const inv = await invite(t(), admin, newEmail('shortpw'), 'MEMBER');
    const short = await accept(t(), tokenOf(inv.inviteUrl), 'too-short');
    expect(short.statusCode).toBe(400);
    expect(short.json().violations).toEqual(['body.password: must be at least 12 characters']);
    expect((await accept(t(), tokenOf(inv.inviteUrl))).statusCode).toBe(201);
    // Users: bad id, unknown id, empty or unknown patch.
    expect((await t().inject({ method: 'GET', url: '/v1/users/not-a-uuid', token: admin })).statusCode).toBe(400);
    expect((await t().inject({ method: 'GET', url: '/v1/users/00000000-0000-4000-8000-000000000000', token: admin })).statusCode).toBe(404);
    const u = await newUser(t(), 'MEMBER');
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: {} })).statusCode).toBe(400);
    const badRole = await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: { role: 'OWNER' } });
    expect(badRole.json().violations).toEqual(['body.role: must be one of: SUPER_ADMIN, BILLING_ADMIN, ADMIN, MEMBER']);
    // An existing user's email cannot be invited again.
    const dup = await post({ email: u.email.toUpperCase(), role: 'MEMBER' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().violations).toEqual(['body.email: must not belong to an existing user']);
    // Withdrawn invitations stop working; unknown ones are 404.
    const gone = await invite(t(), admin, newEmail('withdrawn'), 'MEMBER');
    expect((await t().inject({ method: 'DELETE', url: `/v1/invitations/${gone.invitationId}`, token: admin })).statusCode).toBe(204);
    expect((await t().inject({ method: 'DELETE', url: `/v1/invitations/${gone.invitationId}`, token: admin })).statusCode).toBe(404);
    expect((await accept(t(), tokenOf(gone.inviteUrl))).statusCode).toBe(400);
    expect(await eventNames(t(), gone.invitationId)).toEqual(['user_invited/CREATE', 'invitation_deleted/DELETE']);
  });

  it('a resend replaces the pending invitation: only the newest link works', async () => {
    const admin = await t().adminToken();
    const email = newEmail('resend');
    const first = await invite(t(), admin, email, 'MEMBER');
    const second = await invite(t(), admin, email, 'ADMIN');
    expect((await accept(t(), tokenOf(first.inviteUrl))).statusCode).toBe(400);
    const ok = await accept(t(), tokenOf(second.inviteUrl));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().role).toBe('ADMIN');
  });

  it('invitations expire (Plinth clock) with the same generic refusal', async () => {
    const admin = await t().adminToken();
    const inv = await invite(t(), admin, newEmail('late'), 'MEMBER');
    const week = 7 * 86400_000;
    t().clock.advance(week + 1000);
    try {
      const listed = await t().inject({ method: 'GET', url: '/v1/invitations?size=100', token: await t().tokenWith('test-admin', 'test-admin-secret-0123456789') });
      expect(listed.json().results.find((i: { invitationId: string }) => i.invitationId === inv.invitationId).status).toBe('EXPIRED');
      const late = await accept(t(), tokenOf(inv.inviteUrl));
      expect(late.statusCode).toBe(400);
      expect(late.json().violations).toEqual(['body.token: is not a valid invitation (unknown, expired or already used)']);
    } finally {
      t().clock.advance(-(week + 1000));
    }
    // Just before expiry it still works.
    const inv2 = await invite(t(), admin, newEmail('intime'), 'MEMBER');
    t().clock.advance(week - 60_000);
    try {
      expect((await accept(t(), tokenOf(inv2.inviteUrl))).statusCode).toBe(201);
    } finally {
      t().clock.advance(-(week - 60_000));
    }
  });

  it('roles: MEMBER and BILLING_ADMIN manage no one; BILLING_ADMIN reads users; an ADMIN manages ADMIN and MEMBER only', async () => {
    const member = await newUser(t(), 'MEMBER');
    const billing = await newUser(t(), 'BILLING_ADMIN');
    const admin = await newUser(t(), 'ADMIN');
    expect((await t().inject({ method: 'POST', url: '/v1/invitations', token: member.token, body: { email: newEmail(), role: 'MEMBER' } })).statusCode).toBe(403);
    expect((await t().inject({ method: 'GET', url: '/v1/users', token: billing.token })).statusCode).toBe(200);
    expect((await t().inject({ method: 'GET', url: '/v1/invitations', token: billing.token })).statusCode).toBe(403);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${member.userId}`, token: billing.token, body: { role: 'ADMIN' } })).statusCode).toBe(403);

    const superUser = (await t().app.generatedAdmin)!;
    const su = (await t().inject({ method: 'GET', url: '/v1/users?size=100', token: admin.token })).json().results.find((u: { email: string }) => u.email === superUser.email);
    const cannot = await t().inject({ method: 'PATCH', url: `/v1/users/${su.userId}`, token: admin.token, body: { role: 'MEMBER' } });
    expect(cannot.statusCode).toBe(403);
    expect(cannot.json().detail).toBe('Only a Super Admin may change or remove a Super Admin');
    expect((await t().inject({ method: 'DELETE', url: `/v1/users/${su.userId}`, token: admin.token })).statusCode).toBe(403);
    const grant = await t().inject({ method: 'PATCH', url: `/v1/users/${member.userId}`, token: admin.token, body: { role: 'SUPER_ADMIN' } });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().detail).toBe('Only a Super Admin may grant SUPER_ADMIN');
    expect((await t().inject({ method: 'POST', url: '/v1/invitations', token: admin.token, body: { email: newEmail(), role: 'SUPER_ADMIN' } })).statusCode).toBe(403);
    expect((await t().inject({ method: 'POST', url: '/v1/invitations', token: admin.token, body: { email: newEmail(), role: 'BILLING_ADMIN' } })).statusCode).toBe(403);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${billing.userId}`, token: admin.token, body: { role: 'MEMBER' } })).statusCode).toBe(403);
    // What an Admin may do.
    const invited = await invite(t(), admin.token, newEmail('by-admin'), 'MEMBER');
    expect(invited.role).toBe('MEMBER');
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${member.userId}`, token: admin.token, body: { role: 'ADMIN' } })).statusCode).toBe(200);
    expect((await t().inject({ method: 'DELETE', url: `/v1/users/${member.userId}`, token: admin.token })).statusCode).toBe(204);
    expect((await t().inject({ method: 'GET', url: '/v1/projects', token: member.token })).statusCode).toBe(401);
  });

  it('the last active Super Admin user cannot be demoted, deactivated or removed (409); another one unlocks it', async () => {
    const other = await seedAccount(t()); // a fresh account with a Super Admin API credential
    const a = await newUser(t(), 'SUPER_ADMIN', other.token);
    for (const [method, body] of [['PATCH', { role: 'ADMIN' }], ['PATCH', { active: false }], ['DELETE', undefined]] as const) {
      const r = await t().inject({ method, url: `/v1/users/${a.userId}`, token: other.token, body });
      expect(r.statusCode).toBe(409);
      expect(r.json().detail).toMatch(/^The account's last active Super Admin user cannot be (demoted|deactivated|removed)/);
    }
    // Nor by itself.
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${a.userId}`, token: a.token, body: { role: 'MEMBER' } })).statusCode).toBe(409);
    const b = await newUser(t(), 'SUPER_ADMIN', a.token);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${a.userId}`, token: b.token, body: { role: 'ADMIN' } })).statusCode).toBe(200);
    expect((await t().inject({ method: 'DELETE', url: `/v1/users/${b.userId}`, token: other.token })).statusCode).toBe(409);
    // Users of another account are invisible.
    expect((await t().inject({ method: 'GET', url: `/v1/users/${a.userId}`, token: await t().adminToken() })).statusCode).toBe(404);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${a.userId}`, token: await t().adminToken(), body: { role: 'MEMBER' } })).statusCode).toBe(404);
  });

  it('two concurrent demotions of the last two Super Admins: exactly one succeeds', async () => {
    const other = await seedAccount(t());
    const a = await newUser(t(), 'SUPER_ADMIN', other.token);
    const b = await newUser(t(), 'SUPER_ADMIN', other.token);
    for (let round = 0; round < 5; round++) {
      const patch = (id: string) => t().inject({ method: 'PATCH', url: `/v1/users/${id}`, token: other.token, body: round % 2 ? { active: false } : { role: 'MEMBER' } });
      const [ra, rb] = await Promise.all([patch(a.userId), patch(b.userId)]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
      const supers = await t().app.store.db.selectFrom('users').select('id').where('account_id', '=', other.accountId).where('role', '=', 'SUPER_ADMIN').where('active', '=', 1).execute();
      expect(supers).toHaveLength(1);
      // Restore the loser's victim for the next round.
      const demoted = ra.statusCode === 200 ? a.userId : b.userId;
      expect((await t().inject({ method: 'PATCH', url: `/v1/users/${demoted}`, token: other.token, body: { role: 'SUPER_ADMIN', active: true } })).statusCode).toBe(200);
    }
  });

  it('an invitation is redeemed once under concurrent accepts', async () => {
    const inv = await invite(t(), await t().adminToken(), newEmail('race'), 'MEMBER');
    const results = await Promise.all([0, 1, 2].map(() => accept(t(), tokenOf(inv.inviteUrl))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400, 400]);
    expect(await t().app.store.db.selectFrom('users').select('id').where('email', '=', inv.email).execute()).toHaveLength(1);
  });

  it('a user granted project access sees the project; removing the user removes its memberships', async () => {
    const admin = await t().adminToken();
    const u = await newUser(t(), 'MEMBER');
    const project = await t().inject({ method: 'POST', url: '/v1/projects', token: admin, body: { name: `people-${u.userId.slice(0, 8)}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
    expect(project.statusCode).toBe(201);
    const projectId = project.json().projectId as string;
    expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token: u.token })).statusCode).toBe(404);
    expect((await t().inject({ method: 'PUT', url: `/v1/projects/${projectId}/members/${u.userId}`, token: admin, body: { role: 'VIEWER' } })).statusCode).toBe(200);
    expect((await t().inject({ method: 'GET', url: `/v1/projects/${projectId}`, token: u.token })).statusCode).toBe(200);
    expect((await t().inject({ method: 'DELETE', url: `/v1/users/${u.userId}`, token: admin })).statusCode).toBe(204);
    const members = (await t().inject({ method: 'GET', url: `/v1/projects/${projectId}/members?size=100`, token: admin })).json();
    expect(members.results.map((m: { principalId: string }) => m.principalId)).not.toContain(u.userId);
    expect(await t().app.store.db.selectFrom('project_members').select('principal_id').where('principal_id', '=', u.userId).execute()).toEqual([]);
  });
});
