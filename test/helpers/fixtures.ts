import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

let n = 0;
export const uniq = (p: string) => `${p}-${++n}-${process.pid}`;

/** A secret with its last two characters always changed. A fixed tail such as `AA` is the secret
 *  itself about once in 1,024 draws (the last base64url character of 32 bytes takes 16 values),
 *  which made a 401 test send the real secret and get 200 (CI, 2026-12-02). */
export const tampered = (secret: string) => `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;

/** A fresh PKCS#8 PEM private key (multi-line). */
export const pem = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A FULL_SAAS project and the id of the hosted agent it got. */
export async function fullSaasProject(t: TestApp, token: string) {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: uniq('saas'), warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' } });
  expect(r.statusCode).toBe(201);
  const projectId = r.json().projectId as string;
  const agents = await t.inject({ method: 'GET', url: '/v1/agents?size=100', token });
  const agent = agents.json().results.find((a: { projectId?: string }) => a.projectId === projectId);
  expect(agent).toBeDefined();
  return { projectId, agentId: agent.agentId as string };
}

/** A valid Snowflake connection-property set for environments and overrides (`over` replaces entries). */
export const snowflakeProps = (over: Record<string, unknown> = {}) => ({
  account: { value: 'xy12345.eu-west-1' },
  username: { value: 'LOADER' },
  privateKey: { secretName: 'sf-key', secretKey: 'private_key' },
  defaultRole: { value: 'SYSADMIN' },
  defaultWarehouse: { value: 'COMPUTE_WH' },
  defaultDatabase: { value: 'ANALYTICS' },
  defaultSchema: { value: 'PUBLIC' },
  ...over,
});
