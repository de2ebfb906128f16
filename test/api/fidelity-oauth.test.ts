import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, DB_KINDS, describeEachDb, startApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 12, point 5: the token endpoint as the SaaS's identity server (Keycloak) answers it.
 *
 * - Client authentication failures: Keycloak (AuthenticationProcessor.handleClientAuthException,
 *   keycloak/keycloak services/…/authentication/AuthenticationProcessor.java; keycloak#12162 fixed
 *   in PR #14656, Keycloak 20) answers 401 `{"error":"invalid_client","error_description":"Invalid
 *   client or Invalid client credentials"}` for an unknown client, and 401 for a wrong secret
 *   (keycloak#49625 confirms 401 invalid_client for these failures). The body is the same whether
 *   the client id exists or not. RFC 6749 §5.2 additionally requires WWW-Authenticate when the
 *   client used the Authorization header.
 * - Claims: a real (expired) Matillion token (third-party script, index id 67266557430) decodes to
 *   exp, iat, jti, iss = https://keycloak.core.matillion.com/realms/external, aud =
 *   https://api.matillion.com, sub, typ, azp, scope, clientHost, clientAddress (both the caller's
 *   IP address), https://matillion.com/accountId, client_id. Plinth's own role claim stays, under a
 *   collision-resistant (URL) name like the account claim.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const basic = (id: string, secret: string) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');

function token(t: TestApp, payload: string, headers: Record<string, string> = FORM, remoteAddress?: string) {
  return t.app.server.inject({ method: 'POST', url: '/oauth/dpc/token', headers, payload, ...(remoteAddress ? { remoteAddress } : {}) });
}

/** The claim names of the real Matillion token. */
const REAL_CLAIMS = ['exp', 'iat', 'jti', 'iss', 'aud', 'sub', 'typ', 'azp', 'scope', 'clientHost', 'https://matillion.com/accountId', 'clientAddress', 'client_id'];

describeEachDb('issue 12 point 5: token endpoint answers like the SaaS identity server', (t) => {
  it('a wrong client secret sent in the form (client_secret_post) is 401 invalid_client', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: 'wrong-secret', audience: 'https://api.matillion.com' }));
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json().error).toBe('invalid_client');
    expect(typeof r.json().error_description).toBe('string');
    expect(r.body).not.toContain('wrong-secret');
  });

  it('a wrong client secret sent with HTTP Basic (client_secret_basic) is 401 invalid_client with WWW-Authenticate: Basic', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic(ADMIN_ID, 'wrong-secret') });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toBe('invalid_client');
    expect(String(r.headers['www-authenticate'])).toMatch(/^Basic /);
  });

  it('an unknown client id gets the very same answer as a wrong secret, by either method (no client enumeration)', async () => {
    const wrongPost = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: 'nope' }));
    const unknownPost = await token(t(), form({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: 'nope' }));
    expect(unknownPost.statusCode).toBe(401);
    expect(unknownPost.body).toBe(wrongPost.body);
    const wrongBasic = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic(ADMIN_ID, 'nope') });
    const unknownBasic = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic('no-such-client', 'nope') });
    expect(unknownBasic.statusCode).toBe(401);
    expect(unknownBasic.body).toBe(wrongBasic.body);
    expect(unknownBasic.headers['www-authenticate']).toBe(wrongBasic.headers['www-authenticate']);
  });

  it('an x/oauth2-style client (Basic first, form on retry, as the Terraform provider) with a wrong secret ends on 401 invalid_client both times', async () => {
    const first = await token(t(), form({ grant_type: 'client_credentials', audience: 'https://api.matillion.com' }), { ...FORM, authorization: basic(ADMIN_ID, 'stale') });
    const retry = await token(t(), form({ grant_type: 'client_credentials', audience: 'https://api.matillion.com', client_id: ADMIN_ID, client_secret: 'stale' }));
    for (const r of [first, retry]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toBe('invalid_client');
    }
  });

  it('other refusals keep their RFC 6749 status: a malformed request is 400 invalid_request, an unknown grant 400 unsupported_grant_type', async () => {
    const bad = await token(t(), form({ client_id: ADMIN_ID, client_secret: ADMIN_SECRET }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_request');
    const grant = await token(t(), form({ grant_type: 'refresh_token', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }));
    expect(grant.statusCode).toBe(400);
    expect(grant.json().error).toBe('unsupported_grant_type');
  });

  it('issued tokens carry clientHost and clientAddress: the address the token request came from', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }), FORM, '203.0.113.7');
    expect(r.statusCode, r.body).toBe(200);
    const claims = decodeJwt(r.json().access_token);
    expect(claims.clientAddress).toBe('203.0.113.7');
    expect(claims.clientHost).toBe('203.0.113.7');
    const viaBasic = await token(t(), form({ grant_type: 'client_credentials' }), { ...FORM, authorization: basic(ADMIN_ID, ADMIN_SECRET) }, '198.51.100.20');
    const c2 = decodeJwt(viaBasic.json().access_token);
    expect([c2.clientAddress, c2.clientHost]).toEqual(['198.51.100.20', '198.51.100.20']);
  });

  it('issued tokens carry every claim name a real Matillion token carries, and the token works at the API', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET, audience: 'https://api.matillion.com' }));
    expect(r.statusCode).toBe(200);
    const claims = decodeJwt(r.json().access_token) as Record<string, unknown>;
    for (const name of REAL_CLAIMS) expect(claims, name).toHaveProperty([name]);
    expect(claims).toMatchObject({ aud: 'https://api.matillion.com', typ: 'Bearer', azp: ADMIN_ID, client_id: ADMIN_ID, scope: 'pipeline-execution' });
    const api = await t().inject({ method: 'GET', url: '/v1/projects', token: r.json().access_token });
    expect(api.statusCode).toBe(200);
  });

  it('iss is an absolute http(s) URL by default (the real one is https://keycloak.core.matillion.com/realms/external), and the token works at the API', async () => {
    const r = await token(t(), form({ grant_type: 'client_credentials', client_id: ADMIN_ID, client_secret: ADMIN_SECRET }));
    expect(r.statusCode).toBe(200);
    const claims = decodeJwt(r.json().access_token);
    expect(() => new URL(String(claims.iss))).not.toThrow();
    const iss = new URL(String(claims.iss));
    expect(['http:', 'https:']).toContain(iss.protocol);
    expect(iss.host.length).toBeGreaterThan(0);
    const api = await t().inject({ method: 'GET', url: '/v1/projects', token: r.json().access_token });
    expect(api.statusCode).toBe(200);
  });

  it("Plinth's role claim is namespaced (a URL-named claim, like https://matillion.com/accountId); no bare plinth_role", async () => {
    for (const role of ['ADMIN', 'MEMBER'] as const) {
      const tok = await t().tokenFor(role);
      const claims = decodeJwt(tok) as Record<string, unknown>;
      expect(claims).not.toHaveProperty('plinth_role');
      const roleClaims = Object.entries(claims).filter(([k]) => /^https?:\/\/[^/]+\/.*role$/i.test(k));
      expect(roleClaims.map(([, v]) => v)).toEqual([role]);
      // Every non-registered claim Plinth adds has a collision-resistant name.
      const known = new Set([...REAL_CLAIMS, 'nbf']);
      for (const k of Object.keys(claims)) if (!known.has(k)) expect(k, `claim ${k}`).toMatch(/^https?:\/\//);
    }
  });
});

describe('issue 12 point 5: PLINTH_ISSUER as a Keycloak-style realm URL', () => {
  for (const kind of DB_KINDS) {
    describe(`[${kind}]`, () => {
      let t: TestApp;
      const ISSUER = 'https://id.plinth.test/realms/external';
      beforeAll(async () => {
        t = await startApp(kind, { env: { PLINTH_ISSUER: ISSUER } });
      });
      afterAll(async () => {
        await t?.close();
      });
      it('iss is exactly the configured URL and the API accepts the token', async () => {
        const tok = await t.adminToken();
        expect(decodeJwt(tok).iss).toBe(ISSUER);
        expect((await t.inject({ method: 'GET', url: '/v1/projects', token: tok })).statusCode).toBe(200);
      });
    });
  }
});
