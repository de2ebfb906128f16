import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { fullSaasProject, snowflakeProps } from './fixtures.js';

type Res = Awaited<ReturnType<TestApp['inject']>>;

export async function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/**
 * A FULL_SAAS project with environments named `envs` (each on the project's hosted agent and
 * one Snowflake connection), built through the API.
 */
export async function projectWithEnvironments(t: TestApp, token: string, envs: string[]) {
  const { projectId, agentId } = await fullSaasProject(t, token);
  const req = (url: string, body: unknown) => t.inject({ method: 'POST', url, token, body });
  await ok(await req(`/v1/secrets/${agentId}/secret-value`, { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }), 201);
  await ok(await req(`/v1/projects/${projectId}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }), 201);
  for (const name of envs) {
    await ok(
      await req(`/v1/projects/${projectId}/environments`, {
        name,
        defaultAgentId: agentId,
        defaultUserAccessLevel: 'admin',
        defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
        connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }],
      }),
      201,
    );
  }
  return { projectId, agentId };
}
