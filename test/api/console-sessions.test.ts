import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { consoleSignIn, invitedUser } from '../helpers/console.js';
import { tampered } from '../helpers/fixtures.js';

describeEachDb('console sessions (extension)', (t) => {
  it('signs in: HttpOnly SameSite=Strict cookie (not Secure over plain HTTP), CSRF token, only a hash stored', async () => {
    const u = await invitedUser(t(), 'ADMIN');
    const { cookie, csrf, response } = await consoleSignIn(t(), u.email.toUpperCase(), u.password);
    const set = String(response.headers['set-cookie']);
    expect(set).toMatch(/^plinth_console=[A-Za-z0-9_-]{43}; /);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).not.toContain('Secure');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ user: { userId: u.userId, email: u.email, role: 'ADMIN' }, csrfToken: csrf });
    const id = cookie.split('=')[1]!;
    const rows = await t().app.store.db.selectFrom('console_sessions').selectAll().where('user_id', '=', u.userId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toBe(createHash('sha256').update(id).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(id);
    const me = await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(csrf);
  });

  it('refuses a wrong password or unknown email with one 401 ProblemDetail and no cookie; validates the body', async () => {
    const u = await invitedUser(t(), 'MEMBER');
    for (const body of [{ email: u.email, password: 'wrong password 123' }, { email: 'nobody@example.com', password: u.password }]) {
      const r = await t().inject({ method: 'POST', url: '/console/api/session', body });
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(r.body).not.toContain(u.password);
    }
    const bad = await t().inject({ method: 'POST', url: '/console/api/session', body: { email: u.email } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().violations).toEqual(['body.password: is required']);
    expect((await t().inject({ method: 'GET', url: '/console/api/session' })).statusCode).toBe(401);
    expect((await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie: 'plinth_console=forged' } })).statusCode).toBe(401);
  });

  it('calls the API with the cookie: the CSRF token is required (403 without or wrong), and the change is the user’s, from the CONSOLE', async () => {
    const u = await invitedUser(t(), 'SUPER_ADMIN');
    const { cookie, csrf } = await consoleSignIn(t(), u.email, u.password);
    const body = { name: `console-${Date.now()}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' };
    const none = await t().inject({ method: 'POST', url: '/v1/projects', body, headers: { cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toMatch(/CSRF/);
    const wrong = await t().inject({ method: 'POST', url: '/v1/projects', body, headers: { cookie, 'x-csrf-token': tampered(csrf) } });
    expect(wrong.statusCode).toBe(403);
    const list = await t().inject({ method: 'GET', url: `/v1/projects?size=100`, token: await t().adminToken() });
    expect(list.json().results.map((p: { name: string }) => p.name)).not.toContain(body.name);
    const ok = await t().inject({ method: 'POST', url: '/v1/projects', body, headers: { cookie, 'x-csrf-token': csrf, 'x-plinth-client': 'console' } });
    expect(ok.statusCode).toBe(201);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const events = await t().inject({ method: 'GET', url: `/v1/events?from=${from}&to=${to}&size=100&actorId=${u.userId}`, token: await t().adminToken() });
    expect(events.statusCode).toBe(200);
    const mine = events.json().results as { eventName: string; eventSource: string; actorId: string; eventSubjectName?: string }[];
    expect(mine.find((e) => e.eventName === 'hub_user_login')).toMatchObject({ actorId: u.userId, eventSource: 'CONSOLE' });
    // The project's own event, once the projects module records it, is the user's and the console's too.
    for (const e of mine.filter((x) => x.eventName === 'project_created')) expect(e).toMatchObject({ eventSource: 'CONSOLE', eventSubjectName: body.name });
  });

  it('a bearer token wins over a cookie, and a session cannot act beyond its user’s role', async () => {
    const member = await invitedUser(t(), 'MEMBER');
    const { cookie, csrf } = await consoleSignIn(t(), member.email, member.password);
    expect((await t().inject({ method: 'GET', url: '/v1/api-credentials', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(403);
    const r = await t().inject({ method: 'GET', url: '/v1/api-credentials', token: await t().adminToken(), headers: { cookie } });
    expect(r.statusCode).toBe(200);
  });

  it('signs out: CSRF needed (403), then 204 with the cookie cleared, and the session no longer works', async () => {
    const u = await invitedUser(t(), 'ADMIN');
    const { cookie, csrf } = await consoleSignIn(t(), u.email, u.password);
    expect((await t().inject({ method: 'DELETE', url: '/console/api/session', headers: { cookie } })).statusCode).toBe(403);
    const out = await t().inject({ method: 'DELETE', url: '/console/api/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^plinth_console=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/);
    expect((await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie } })).statusCode).toBe(401);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const events = await t().inject({ method: 'GET', url: `/v1/events?from=${from}&to=${to}&size=100&actorId=${u.userId}&eventName=hub_user_logout`, token: await t().adminToken() });
    expect(events.json().results).toEqual([expect.objectContaining({ eventType: 'LOGOUT', eventSource: 'CONSOLE', eventSubjectId: u.userId })]);
    const api = await t().inject({ method: 'GET', url: '/v1/projects', headers: { cookie, 'x-csrf-token': csrf } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('revokes sessions when the user is deactivated or removed', async () => {
    const admin = await t().adminToken();
    const a = await invitedUser(t(), 'MEMBER');
    const sa = await consoleSignIn(t(), a.email, a.password);
    expect((await t().inject({ method: 'PATCH', url: `/v1/users/${a.userId}`, token: admin, body: { active: false } })).statusCode).toBe(200);
    expect((await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie: sa.cookie } })).statusCode).toBe(401);
    expect((await t().inject({ method: 'GET', url: '/v1/projects', headers: { cookie: sa.cookie, 'x-csrf-token': sa.csrf } })).statusCode).toBe(401);
    expect((await t().inject({ method: 'POST', url: '/console/api/session', body: { email: a.email, password: a.password } })).statusCode).toBe(401);

    const b = await invitedUser(t(), 'ADMIN');
    const sb = await consoleSignIn(t(), b.email, b.password);
    await consoleSignIn(t(), b.email, b.password); // a second session of the same user
    expect((await t().inject({ method: 'DELETE', url: `/v1/users/${b.userId}`, token: admin })).statusCode).toBe(204);
    const left = await t().app.store.db.selectFrom('console_sessions').select('id_hash').where('user_id', '=', b.userId).execute();
    expect(left).toEqual([]);
    expect((await t().inject({ method: 'GET', url: '/v1/projects', headers: { cookie: sb.cookie, 'x-csrf-token': sb.csrf } })).statusCode).toBe(401);
  });

  it('ends a session after 12 hours, or 2 hours unused', async () => {
    const u = await invitedUser(t(), 'MEMBER');
    const s = await consoleSignIn(t(), u.email, u.password);
    t().clock.advance(2 * 3600_000 + 1000);
    expect((await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const s2 = await consoleSignIn(t(), u.email, u.password);
    for (let i = 0; i < 7; i++) {
      t().clock.advance(3600_000 * 1.75);
      const r = await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie: s2.cookie } });
      expect(r.statusCode).toBe(i < 6 ? 200 : 401);
    }
  });

  it('serves the console page (or says it is not built) with its security headers', async () => {
    const r = await t().inject({ method: 'GET', url: '/console/projects' });
    expect([200, 503]).toContain(r.statusCode);
    if (r.statusCode === 200) {
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    } else expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await t().inject({ method: 'GET', url: '/console/assets/nope.js' })).statusCode).toBe(404);
    expect((await t().inject({ method: 'GET', url: '/console/assets/..%2f..%2fpackage.json' })).statusCode).toBe(404);
  });
});

describeEachDb(
  'console sessions behind an HTTPS proxy (PLINTH_CONSOLE_TRUST_FORWARDED_PROTO=1)',
  (t) => {
    it('marks the cookie Secure when the proxy says https, not otherwise', async () => {
      const u = await invitedUser(t(), 'MEMBER');
      const https = await consoleSignIn(t(), u.email, u.password, { 'x-forwarded-proto': 'https' });
      expect(String(https.response.headers['set-cookie'])).toContain('; Secure');
      const plain = await consoleSignIn(t(), u.email, u.password);
      expect(String(plain.response.headers['set-cookie'])).not.toContain('Secure');
    });
  },
  { env: { PLINTH_CONSOLE_TRUST_FORWARDED_PROTO: '1' } },
);
