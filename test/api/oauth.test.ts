import { createHash } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ISSUER } from '../../src/config.js';
import { ROLE_CLAIM } from '../../src/core/identity/tokens.js';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, type TestApp } from '../helpers/app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const basic = (id: string, secret: string) =>
  'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');

async function token(t: TestApp, payload: string, headers: Record<string, string> = FORM) {
  return t.app.server.inject({ method: 'POST', url: '/oauth/dpc/token', headers, payload });
}

describeEachDb('token endpoint', (t) => {
  it('issues exactly the seed fields with no-store, as an RS256 JWT with the claims', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET, audience: 'https://api.matillion.com' }));
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const body = r.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'not-before-policy', 'refresh_expires_in', 'scope', 'token_type']);
    expect(body).toMatchObject({ expires_in: 1800, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: 'pipeline-execution' });
    const header = decodeProtectedHeader(body.access_token);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: DEFAULT_ISSUER, sub: ADMIN_ID, aud: 'https://api.matillion.com', azp: ADMIN_ID, [ROLE_CLAIM]: 'SUPER_ADMIN' });
    expect(claims.exp! - claims.iat!).toBe(1800);
    expect(typeof claims['https://matillion.com/accountId']).toBe('string');
    const jwks = await t().app.server.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(jwks.json().keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(JSON.stringify(jwks.json())).not.toMatch(/"d"|"p"|"q"/);
  });

  it('accepts HTTP Basic with RFC 6749 Appendix B encoding, and no audience', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic(ADMIN_ID, ADMIN_SECRET) });
    expect(r.statusCode).toBe(200);
    expect(decodeJwt(r.json().access_token).aud).toBe('https://api.matillion.com');
  });

  it('accepts Basic together with a matching client_id in the body', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID }), { ...FORM, authorization: basic(ADMIN_ID, ADMIN_SECRET) });
    expect(r.statusCode).toBe(200);
  });

  const cases: [string, () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, number, string][] = [
    ['JSON body', () => token(t(), JSON.stringify({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }), { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ['text body', () => token(t(), 'hello', { 'content-type': 'text/plain' }), 400, 'invalid_request'],
    ['no body', () => t().app.server.inject({ method: 'POST', url: '/oauth/dpc/token' }), 400, 'invalid_request'],
    ['missing grant_type', () => token(t(), form({ client_id: ADMIN_ID, client_secret: ADMIN_SECRET })), 400, 'invalid_request'],
    ['unsupported grant_type', () => token(t(), form({ grant_type: 'refresh_token', client_id: ADMIN_ID, client_secret: ADMIN_SECRET })), 400, 'unsupported_grant_type'],
    ['authorization_code grant', () => token(t(), form({ grant_type: 'authorization_code', code: 'x', client_id: ADMIN_ID, client_secret: ADMIN_SECRET })), 400, 'unsupported_grant_type'],
    ['repeated parameter', () => token(t(), `grant_type=client_credentials&client_id=${ADMIN_ID}&client_id=${ADMIN_ID}&client_secret=${ADMIN_SECRET}`), 400, 'invalid_request'],
    ['no client credentials', () => token(t(), form({ grant_type: 'client_credentials' })), 400, 'invalid_request'],
    ['client_id without secret', () => token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID })), 400, 'invalid_request'],
    ['Basic and client_secret both', () => token(t(), form({ grant_type: 'client_credentials', client_secret: ADMIN_SECRET }), { ...FORM, authorization: basic(ADMIN_ID, ADMIN_SECRET) }), 400, 'invalid_request'],
    ['Basic with a different client_id', () => token(t(), form({ grant_type: 'client_credentials', client_id: 'someone-else' }), { ...FORM, authorization: basic(ADMIN_ID, ADMIN_SECRET) }), 400, 'invalid_request'],
    ['malformed Basic (no colon)', () => token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: 'Basic ' + Buffer.from('nocolon').toString('base64') }), 400, 'invalid_request'],
    ['malformed Basic (not base64)', () => token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: 'Basic ***' }), 400, 'invalid_request'],
    ['Bearer instead of Basic', () => token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: 'Bearer abc' }), 400, 'invalid_request'],
    ['unknown audience', () => token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET, audience: 'https://evil.example' })), 400, 'invalid_request'],
    ['unknown scope', () => token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET, scope: 'admin' })), 400, 'invalid_scope'],
    ['wrong secret in body', () => token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: 'nope' })), 401, 'invalid_client'],
    ['unknown client in body', () => token(t(), form({ grant_type: 'client_credentials', client_id: 'does-not-exist', client_secret: 'nope' })), 401, 'invalid_client'],
  ];
  for (const [name, send, status, error] of cases) {
    it(`refuses ${name}: ${status} ${error}`, async () => {
      const r = await send();
      expect(r.statusCode).toBe(status);
      const body = JSON.parse(r.body);
      expect(body.error).toBe(error);
      expect(typeof body.error_description).toBe('string');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).not.toContain(ADMIN_SECRET);
    });
  }

  it('answers a failed Basic authentication with 401 and WWW-Authenticate: Basic, the same body for unknown client and wrong secret', async () => {
    const wrong = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic(ADMIN_ID, 'wrong-secret') });
    const unknown = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic('nobody-here', 'wrong-secret') });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(String(r.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    }
    expect(wrong.body).toBe(unknown.body);
    // The reason is logged, not returned.
    expect(t().logs.some((l) => l.includes('bad_secret'))).toBe(true);
    expect(t().logs.some((l) => l.includes('unknown_client'))).toBe(true);
  });

  it('rate-limits failed authentication per client id, even for the right secret afterwards', async () => {
    const admin = await t().adminToken();
    const c = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'rl', role: 'MEMBER' } });
    const { clientId, clientSecret } = c.json();
    for (let i = 0; i < t().config.authFailureLimit; i++) {
      const r = await token(t(), form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'bad' }));
      expect(r.statusCode).toBe(401);
    }
    const blocked = await token(t(), form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('temporarily_unavailable');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is unaffected.
    const other = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }));
    expect(other.statusCode).toBe(200);
  });
});

describeEachDb('bearer authentication', (t) => {
  const get = (headers: Record<string, string>) => t().app.server.inject({ method: 'GET', url: '/v1/projects', headers });

  async function expect401(headers: Record<string, string>) {
    const r = await get(headers);
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(String(r.headers['www-authenticate'])).toMatch(/^Bearer/);
    expect(r.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/v1/projects' });
    return r;
  }

  it('accepts a valid token on /v1 and /dpc/v1', async () => {
    const tok = await t().adminToken();
    expect((await get({ authorization: `Bearer ${tok}` })).statusCode).toBe(200);
    const dpc = await t().app.server.inject({ method: 'GET', url: '/dpc/v1/projects', headers: { authorization: `Bearer ${tok}` } });
    expect(dpc.statusCode).toBe(200);
  });

  it('refuses a missing header', () => expect401({}));
  it('refuses a non-Bearer scheme', () => expect401({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }));
  it('refuses an empty bearer', () => expect401({ authorization: 'Bearer ' }));
  it('refuses garbage', () => expect401({ authorization: 'Bearer not.a.jwt' }));

  it('refuses a tampered payload (role escalated)', async () => {
    const tok = await t().tokenFor('MEMBER');
    const [h, p, s] = tok.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims[ROLE_CLAIM] = 'SUPER_ADMIN';
    claims.sub = ADMIN_ID;
    await expect401({ authorization: `Bearer ${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}` });
  });

  it('refuses alg: none', async () => {
    const tok = await t().adminToken();
    const [, p] = tok.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect401({ authorization: `Bearer ${none}.${p}.` });
  });

  it('refuses a token re-signed with another key under our kid', async () => {
    const tok = await t().adminToken();
    const claims = decodeJwt(tok);
    const { kid } = decodeProtectedHeader(tok);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    await expect401({ authorization: `Bearer ${forged}` });
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const tok = await t().adminToken();
    const claims = decodeJwt(tok);
    const { kid } = decodeProtectedHeader(tok);
    const jwk = (await t().app.server.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(jwk));
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(secret);
    await expect401({ authorization: `Bearer ${forged}` });
  });

  it('refuses an expired token (and a cached one once it expires)', async () => {
    const tok = await t().tokenFor('SUPER_ADMIN');
    expect((await get({ authorization: `Bearer ${tok}` })).statusCode).toBe(200);
    t().clock.advance(1801 * 1000);
    try {
      await expect401({ authorization: `Bearer ${tok}` });
    } finally {
      t().clock.advance(-1801 * 1000);
    }
  });

  it('refuses a token for another audience or issuer', async () => {
    const tok = await t().adminToken();
    const { kid } = decodeProtectedHeader(tok);
    // Sign with the real key to prove the audience/issuer checks themselves refuse.
    const row = await t().app.store.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid!).executeTakeFirstOrThrow();
    const pem = t().app.vault.decryptString(row.private_key, `signing-key|${kid}`);
    const { importPKCS8 } = await import('jose');
    const key = await importPKCS8(pem, 'RS256');
    const base = decodeJwt(tok);
    const wrongAud = await new SignJWT({ ...base, aud: 'https://elsewhere.example' }).setProtectedHeader({ alg: 'RS256', kid: kid! }).sign(key);
    await expect401({ authorization: `Bearer ${wrongAud}` });
    const wrongIss = await new SignJWT({ ...base, iss: 'someone-else' }).setProtectedHeader({ alg: 'RS256', kid: kid! }).sign(key);
    await expect401({ authorization: `Bearer ${wrongIss}` });
    // Control: the same key and claims with the right aud/iss pass.
    const good = await new SignJWT({ ...base }).setProtectedHeader({ alg: 'RS256', kid: kid! }).sign(key);
    expect((await get({ authorization: `Bearer ${good}` })).statusCode).toBe(200);
  });

  it('refuses an unknown kid', async () => {
    const tok = await t().adminToken();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(tok)).setProtectedHeader({ alg: 'RS256', kid: createHash('sha256').update('x').digest('hex') }).sign(privateKey);
    await expect401({ authorization: `Bearer ${forged}` });
  });

  it('stops accepting tokens of a deleted credential at once', async () => {
    const admin = await t().adminToken();
    const c = await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'to-delete', role: 'SUPER_ADMIN' } });
    const tok = await t().tokenWith(c.json().clientId, c.json().clientSecret);
    expect((await get({ authorization: `Bearer ${tok}` })).statusCode).toBe(200);
    const del = await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${c.json().clientId}`, token: admin });
    expect(del.statusCode).toBe(204);
    await expect401({ authorization: `Bearer ${tok}` });
  });

  it('checks the account-id header against the token', async () => {
    const tok = await t().adminToken();
    const accountId = decodeJwt(tok)['https://matillion.com/accountId'] as string;
    expect((await get({ authorization: `Bearer ${tok}`, 'account-id': accountId })).statusCode).toBe(200);
    const r = await get({ authorization: `Bearer ${tok}`, 'account-id': '00000000-0000-4000-8000-000000000000' });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('verifies tokens signed by a newer key and keeps older keys valid (rotation)', async () => {
    const before = await t().adminToken();
    const newKid = await t().app.tokens.rotate();
    const after = await t().tokenFor('SUPER_ADMIN');
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    expect((await get({ authorization: `Bearer ${after}` })).statusCode).toBe(200);
    expect((await get({ authorization: `Bearer ${before}` })).statusCode).toBe(200);
    const jwks = (await t().app.server.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
  });
});

describe('token signing keys are shared through the database', () => {
  it('a second node on the same PostgreSQL schema verifies the first node\'s tokens and uses the same key', async () => {
    const { startApp } = await import('../helpers/app.js');
    const { createPgSchema } = await import('../helpers/pg.js');
    const { generateMasterKey } = await import('../../src/core/crypto/vault.js');
    const schema = await createPgSchema();
    const masterKey = generateMasterKey();
    const [a, b] = await Promise.all([
      startApp('postgres', { databaseUrl: schema.url, masterKey }),
      startApp('postgres', { databaseUrl: schema.url, masterKey }),
    ]);
    try {
      const fromA = await a.adminToken();
      const fromB = await b.adminToken();
      expect(decodeProtectedHeader(fromA).kid).toBe(decodeProtectedHeader(fromB).kid);
      const r = await b.app.server.inject({ method: 'GET', url: '/v1/projects', headers: { authorization: `Bearer ${fromA}` } });
      expect(r.statusCode).toBe(200);
      const creds = await a.app.store.db.selectFrom('api_credentials').selectAll().execute();
      expect(creds.filter((c) => c.client_id === ADMIN_ID)).toHaveLength(1);
      const accounts = await a.app.store.db.selectFrom('accounts').selectAll().execute();
      expect(accounts).toHaveLength(1);
    } finally {
      await a.app.close();
      await b.app.close();
      await schema.drop();
    }
  });
});

describeEachDb(
  'failed-authentication limit per address',
  (t) => {
    it('blocks an address that keeps failing with different client ids', async () => {
      const limit = t().config.authFailureLimit * 3;
      for (let i = 0; i < limit; i++) {
        const r = await token(t(), form({ grant_type: 'client_credentials', client_id: `guess-${i}`, client_secret: 'x' }));
        expect(r.statusCode).toBe(401);
      }
      const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }));
      expect(r.statusCode).toBe(429);
    });
  },
  { env: { PLINTH_AUTH_FAILURE_LIMIT: '2' } },
);
