import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';

let n = 0;
/** A project created through the API by the bootstrap Super Admin; its id. */
export async function newProject(t: TestApp, warehouse = 'SNOWFLAKE', agentDeploymentType = 'HYBRID'): Promise<string> {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token: await t.adminToken(), body: { name: `p-${++n}-${Date.now()}`, warehouse, agentDeploymentType } });
  if (r.statusCode !== 201) throw new Error(`project create failed: ${r.statusCode} ${r.body}`);
  return r.json().projectId;
}

/**
 * Rows the agents/secrets endpoints (branch wip-vault) will create through the API. Until they
 * are merged, tests insert them directly; values are sealed by the app's vault as they would be.
 */

export async function accountId(t: TestApp): Promise<string> {
  const row = await t.app.store.db.selectFrom('accounts').select('id').where('slug', '=', 'default').executeTakeFirstOrThrow();
  return row.id;
}

export interface AgentSeed {
  name?: string;
  /** A Matillion-hosted agent of this project (FULL_SAAS). */
  hostedFor?: string;
  restrictedAccess?: boolean;
  /** {"<projectId>": ["env", ...]} */
  allowlist?: Record<string, string[]>;
  accountId?: string;
}

export async function seedAgent(t: TestApp, s: AgentSeed = {}): Promise<{ id: string; name: string }> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const name = s.name ?? `agent-${id.slice(0, 8)}`;
  if (s.accountId) {
    await t.app.store.db
      .insertInto('accounts')
      .values({ id: s.accountId, slug: `other-${s.accountId}`, name: 'other', created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  await t.app.store.db
    .insertInto('agents')
    .values({
      id,
      account_id: s.accountId ?? (await accountId(t)),
      name,
      description: null,
      agent_type: 'data_productivity_cloud',
      cloud_provider: 'aws',
      deployment: 'fargate',
      status: 'running',
      hosted: s.hostedFor ? 1 : 0,
      project_id: s.hostedFor ?? null,
      enable_auto_updates: 0,
      restricted_access: s.restrictedAccess ? 1 : 0,
      track_name: null,
      paused_until: null,
      allowlist: JSON.stringify(s.allowlist ?? {}),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name };
}

export async function seedHostedSecret(t: TestApp, agentId: string, s: { name: string; key: string; value: string; type?: string }) {
  const now = new Date().toISOString();
  const account = await accountId(t);
  await t.app.store.db
    .insertInto('hosted_secrets')
    .values({
      id: randomUUID(),
      account_id: account,
      agent_id: agentId,
      name: s.name,
      type: s.type ?? 'DWH_PASSWORD',
      secret_key: s.key,
      value: t.app.vault.encrypt(s.value, `hosted_secrets:${account}:${agentId}:${s.name}`),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function seedSecretReference(t: TestApp, projectId: string, s: { name: string; secretName: string; secretKey?: string; agentType?: string }) {
  await t.app.store.db
    .insertInto('secret_references')
    .values({
      id: randomUUID(),
      project_id: projectId,
      name: s.name,
      agent_type: s.agentType ?? 'AWS',
      secret_reference_type: 'PASSWORD',
      description: null,
      secret_name: s.secretName,
      secret_key: s.secretKey ?? null,
      vault_name: null,
      agent_id: null,
      value: null,
      created_at: new Date().toISOString(),
    })
    .execute();
}
