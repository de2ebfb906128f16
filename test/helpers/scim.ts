import { beforeAll, expect } from 'vitest';
import type { TestApp } from './app.js';
import { fullSaasProject, snowflakeProps } from './fixtures.js';

// Shared by the SCIM suites (scim.test.ts, scim-provisioning.test.ts).

export const BASE = '/v1/directory-integration/scim/v2';
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export type Res = Awaited<ReturnType<TestApp['inject']>>;

export async function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/** An RFC 7644 error answer: status, scimType, the SCIM media type. */
export function scimError(r: Res, status: number, scimType?: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/scim\+json/);
  const body = r.json();
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof body.detail).toBe('string');
  if (scimType) expect(body.scimType).toBe(scimType);
  else expect(body.scimType).toBeUndefined();
  return body;
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** A FULL_SAAS project with Snowflake environments (default access `readOnly`: members get VIEWER). */
export async function projectWithEnvironments(t: TestApp, token: string, names: string[]) {
  const { projectId, agentId } = await fullSaasProject(t, token);
  await ok(await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } }), 201);
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }), 201);
  for (const name of names) await addEnvironment(t, token, projectId, agentId, name);
  const project = await ok(await t.inject({ method: 'GET', url: `/v1/projects/${projectId}`, token }), 200);
  return { projectId, agentId, projectName: project.name as string };
}

export async function addEnvironment(t: TestApp, token: string, projectId: string, agentId: string, name: string) {
  const body = { name, defaultAgentId: agentId, defaultUserAccessLevel: 'readOnly', defaultConnections: { DWH: { snowflake: 'sf-dwh' } }, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }] };
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/environments`, token, body }), 201);
}

/** A person signing in with email and password (the token endpoint's password grant). */
export async function signIn(t: TestApp, email: string, password: string) {
  return t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', username: email, password }).toString(),
  });
}

export async function userToken(t: TestApp, email: string, password: string) {
  const r = await signIn(t, email, password);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().access_token as string;
}

export const PASSWORD = 'Pa55word!Pa55word!';

/** The suite's callers: the Super Admin's token and a SCIM secret named like Entra's, made once before the suite. */
export function scimSuite(t: () => TestApp) {
  const s = { admin: '', secret: '', accountId: '' };
  beforeAll(async () => {
    s.admin = await t().adminToken();
    const created = await ok(await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: s.admin, body: { name: 'Entra ID' } }), 201);
    s.secret = created.secret;
    s.accountId = t().app.identity.defaultAccountId;
  });
  const scim = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token: string | null = s.secret) =>
    t().inject({ method, url: `${BASE}${path}`, token, ...(body !== undefined ? { body, headers: { 'content-type': 'application/scim+json', ...headers } } : { headers }) });
  return { s, scim };
}
