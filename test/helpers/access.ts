import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { fullSaasProject, snowflakeProps, uniq } from './fixtures.js';

type Res = Awaited<ReturnType<TestApp['inject']>>;

export function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/** A new API credential with `role`: its client id (the principal id grants name) and a token. */
export async function credential(t: TestApp, role: 'SUPER_ADMIN' | 'BILLING_ADMIN' | 'ADMIN' | 'MEMBER') {
  const r = ok(await t.inject({ method: 'POST', url: '/v1/api-credentials', token: await t.adminToken(), body: { name: uniq(`cred-${role}`), role } }), 201);
  return { clientId: r.clientId as string, clientSecret: r.clientSecret as string, token: await t.tokenWith(r.clientId, r.clientSecret) };
}

/**
 * A FULL_SAAS project (made by the Super Admin) with a Snowflake DWH connection `sf-dwh` whose key
 * is a hosted secret, and one environment per entry of `environments` (name → defaultUserAccessLevel).
 */
export async function projectWithEnvironments(t: TestApp, environments: Record<string, string>) {
  const token = await t.adminToken();
  const { projectId, agentId } = await fullSaasProject(t, token);
  ok(await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } }), 201);
  ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }), 201);
  for (const [name, level] of Object.entries(environments)) {
    ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/environments`, token, body: environmentBody(agentId, name, level) }), 201);
  }
  return { projectId, agentId };
}

export const environmentBody = (agentId: string, name: string, defaultUserAccessLevel = 'default') => ({
  name,
  defaultAgentId: agentId,
  defaultUserAccessLevel,
  defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
  connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }],
});

/** PUT a member through the API as the Super Admin. */
export async function grant(t: TestApp, projectId: string, principalId: string, role: string, environmentRoles?: Record<string, string>) {
  return ok(await t.inject({ method: 'PUT', url: `/v1/projects/${projectId}/members/${principalId}`, token: await t.adminToken(), body: { role, ...(environmentRoles ? { environmentRoles } : {}) } }), 200);
}
