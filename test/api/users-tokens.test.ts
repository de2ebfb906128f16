import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { GENERATION_CLAIM } from '../../src/core/identity/tokens.js';
import { describeEachDb, startApp, type DbKind, type TestApp } from '../helpers/app.js';
import { consoleSignIn, invitedUser } from '../helpers/console.js';
import { createPgSchema } from '../helpers/pg.js';
import { claimsOf, passwordGrant } from '../helpers/users.js';

/**
 * A user's password change ends what was signed in with the old password at once: bearer tokens
 * from the password grant (users.token_generation, migration 0015) and console sessions.
 */

const SCIM = '/v1/directory-integration/scim/v2';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const NEW_PASSWORD = 'a-brand-new-password-42';

const call = (t: TestApp, token: string) => t.inject({ method: 'GET', url: '/v1/projects?size=1', token });

async function tokenOf(t: TestApp, email: string, password: string) {
  const r = await passwordGrant(t, email, password);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().access_token as string;
}

function refused(r: { statusCode: number; headers: Record<string, unknown>; json(): { detail?: string } }) {
  expect(r.statusCode).toBe(401);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json().detail).toBe('The bearer token is invalid or expired');
}

const sessionsOf = (t: TestApp, userId: string) => t.app.store.db.selectFrom('console_sessions').select('id_hash').where('user_id', '=', userId).execute();
const generationOf = async (t: TestApp, userId: string) => (await t.app.store.db.selectFrom('users').select('token_generation').where('id', '=', userId).executeTakeFirstOrThrow()).token_generation;

describeEachDb('user tokens and sessions end with a password change', (t) => {
  let scimSecret: string;
  const scim = (method: string, p: string, body: unknown) => t().inject({ method, url: `${SCIM}${p}`, token: scimSecret, body, headers: { 'content-type': 'application/scim+json' } });

  beforeAll(async () => {
    const created = await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: await t().adminToken(), body: { name: 'tokens-test' } });
    expect(created.statusCode, created.body).toBe(201);
    scimSecret = created.json().secret;
  });

  it('a SCIM password set (the directory update) refuses the old token at once and ends the console session; a new token works', async () => {
    const u = await invitedUser(t(), 'MEMBER');
    const before = await tokenOf(t(), u.email, u.password);
    expect(claimsOf(before)[GENERATION_CLAIM]).toBe(1);
    expect((await call(t(), before)).statusCode).toBe(200); // cached actor on this node
    const { cookie, csrf } = await consoleSignIn(t(), u.email, u.password);
    expect((await t().inject({ method: 'GET', url: '/v1/projects?size=1', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(200);

    const r = await scim('PATCH', `/Users/${u.userId}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'password', value: NEW_PASSWORD }] });
    expect(r.statusCode, r.body).toBe(200);

    refused(await call(t(), before));
    expect(t().logs.join('\n')).toContain('issued before the secret was refreshed or the password changed');
    expect(await sessionsOf(t(), u.userId)).toHaveLength(0);
    expect((await t().inject({ method: 'GET', url: '/console/api/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await t().inject({ method: 'GET', url: '/v1/projects?size=1', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(401);

    expect((await passwordGrant(t(), u.email, u.password)).statusCode).toBe(401);
    const after = await tokenOf(t(), u.email, NEW_PASSWORD);
    expect(claimsOf(after)[GENERATION_CLAIM]).toBe(2);
    expect((await call(t(), after)).statusCode).toBe(200);
    refused(await call(t(), before)); // still refused, also after the cache was refilled
    expect((await consoleSignIn(t(), u.email, NEW_PASSWORD)).cookie).toMatch(/^plinth_console=/);
  });

  it('a SCIM PUT with a password, and a PATCH with the password in its value, do the same', async () => {
    const u = await invitedUser(t(), 'ADMIN');
    const first = await tokenOf(t(), u.email, u.password);
    const put = await scim('PUT', `/Users/${u.userId}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: u.email, active: true, password: NEW_PASSWORD });
    expect(put.statusCode, put.body).toBe(200);
    refused(await call(t(), first));

    const second = await tokenOf(t(), u.email, NEW_PASSWORD);
    await consoleSignIn(t(), u.email, NEW_PASSWORD);
    const patch = await scim('PATCH', `/Users/${u.userId}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { password: 'third-password-000' } }] });
    expect(patch.statusCode, patch.body).toBe(200);
    refused(await call(t(), second));
    expect(await sessionsOf(t(), u.userId)).toHaveLength(0);
    expect(await generationOf(t(), u.userId)).toBe(3);
    expect((await call(t(), await tokenOf(t(), u.email, 'third-password-000'))).statusCode).toBe(200);
  });

  it('deactivation raises the generation too: a token from before stays refused after reactivation; a role change ends nothing', async () => {
    const u = await invitedUser(t(), 'MEMBER');
    const admin = await t().adminToken();
    const token = await tokenOf(t(), u.email, u.password);
    const role = await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: { role: 'ADMIN' } });
    expect(role.statusCode, role.body).toBe(200);
    expect((await call(t(), token)).statusCode).toBe(200);
    expect(await generationOf(t(), u.userId)).toBe(1);

    for (const active of [false, true]) {
      const r = await t().inject({ method: 'PATCH', url: `/v1/users/${u.userId}`, token: admin, body: { active } });
      expect(r.statusCode, r.body).toBe(200);
      refused(await call(t(), token));
    }
    expect(await generationOf(t(), u.userId)).toBe(2); // reactivation raises nothing
    expect((await call(t(), await tokenOf(t(), u.email, u.password))).statusCode).toBe(200);
  });
});

async function database(kind: DbKind) {
  if (kind === 'sqlite') return { url: `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'plinth-user-tokens-')), 'p.db')}`, drop: async () => {} };
  return createPgSchema();
}

for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
  describe(`bootstrap admin password change ends its tokens [${kind}]`, () => {
    it('a token issued with the old PLINTH_BOOTSTRAP_ADMIN_PASSWORD is refused after the restart that changes it; a new one works', async () => {
      const { url, drop } = await database(kind);
      const masterKey = generateMasterKey();
      const env = (password: string) => ({ PLINTH_BOOTSTRAP_ADMIN_EMAIL: 'root@example.com', PLINTH_BOOTSTRAP_ADMIN_PASSWORD: password });
      try {
        const a = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-password-000') });
        const old = await tokenOf(a, 'root@example.com', 'first-password-000');
        const userId = claimsOf(old).sub as string;
        await consoleSignIn(a, 'root@example.com', 'first-password-000');
        await a.app.close();

        const same = await startApp(kind, { databaseUrl: url, masterKey, env: env('first-password-000') });
        expect((await call(same, old)).statusCode).toBe(200); // an unchanged password ends nothing
        await same.app.close();

        const b = await startApp(kind, { databaseUrl: url, masterKey, env: env('second-password-00') });
        try {
          refused(await call(b, old));
          expect(await sessionsOf(b, userId)).toHaveLength(0);
          const fresh = await tokenOf(b, 'root@example.com', 'second-password-00');
          expect(claimsOf(fresh)[GENERATION_CLAIM]).toBe(2);
          expect((await call(b, fresh)).statusCode).toBe(200);
        } finally {
          await b.app.close();
        }
      } finally {
        await drop();
      }
    });
  });
}
