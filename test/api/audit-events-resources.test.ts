import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vaultRewrap } from '../../src/cli/vault-admin.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { createAudit, purgeAuditEvents } from '../../src/core/audit.js';
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, startApp, TestClock, DB_KINDS } from '../helpers/app.js';
import { fullSaasProject, snowflakeProps } from '../helpers/fixtures.js';
import { newProject } from '../helpers/seed.js';
import { startGitLabStub } from '../helpers/gitlab-stub.js';
import { createPgSchema } from '../helpers/pg.js';
import { allEvents } from '../helpers/audit.js';

// Per resource: the events each change records; retention, token rotation and vault rewrap as sources.

describe('Audit events: retention', () => {
  for (const kind of DB_KINDS) {
    it(`purges events older than PLINTH_AUDIT_RETENTION_DAYS by Plinth's clock, in batches [${kind}]`, async () => {
      const clock = new TestClock(new Date('2031-01-01T00:00:00.000Z'), 1);
      const t = await startApp(kind, { clock, env: { PLINTH_AUDIT_RETENTION_DAYS: '30' } });
      try {
        let token = await t.adminToken();
        for (let i = 0; i < 3; i++) await t.inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: `old-${i}`, role: 'MEMBER' } });
        clock.advance(20 * 86_400_000);
        token = await t.tokenWith(ADMIN_ID, ADMIN_SECRET);
        await t.inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'recent', role: 'MEMBER' } });
        expect(await t.app.auditPurge.runOnce()).toBe(0);
        clock.advance(11 * 86_400_000); // the first three are now 31 days old, the last 11
        const cutoff = new Date(clock.now.getTime() - 30 * 86_400_000).toISOString();
        const older = async () => (await t.app.store.db.selectFrom('audit_events').select('event_id').where('event_timestamp', '<', cutoff).execute()).length;
        const due = await older();
        expect(due).toBeGreaterThanOrEqual(3); // the three creations (and the sign-ins of that time)
        expect(await t.app.auditPurge.runOnce()).toBe(due);
        expect(await older()).toBe(0);
        const fresh = await t.tokenWith(ADMIN_ID, ADMIN_SECRET); // the first token expired meanwhile
        expect((await allEvents(t, fresh, 'api_credential_created')).map((e) => e.eventSubjectName)).toEqual(['recent']);
        expect(await t.app.auditPurge.runOnce()).toBe(0); // idempotent
        // Bounded batches: five more past retention, deleted two at a time, all of them.
        const writer = createAudit({ clock: () => new Date(clock.now.getTime() - 40 * 86_400_000) });
        for (let i = 0; i < 5; i++) await writer.record(t.app.store.db, { accountId: t.app.identity.defaultAccountId, actorId: 'system:test' }, { eventName: 'test_event', eventType: 'TEST', description: 'old', subjectType: 'TEST' });
        expect(await purgeAuditEvents(t.app.store.db, new Date(cutoff), 2)).toBe(5);
      } finally {
        await t.close();
      }
    });
  }
});

describeEachDb('Audit events: every change records its event', (t) => {
  it('hosted secrets and secret references: created and deleted, with project and subject, never the value', async () => {
    const token = await t().adminToken();
    const { projectId, agentId } = await fullSaasProject(t(), token);
    const canary = `canary-${Date.now()}-vault-value`;
    expect((await t().inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name: 'audited-pw', type: 'DWH_PASSWORD', key: 'password', value: canary } })).statusCode).toBe(201);
    expect((await t().inject({ method: 'DELETE', url: `/v1/secrets/${agentId}/secret-values/audited-pw`, token })).statusCode).toBe(204);
    const ref = { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: canary } };
    expect((await t().inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/audited-ref`, token, body: ref })).statusCode).toBe(201);
    expect((await t().inject({ method: 'DELETE', url: `/v1/projects/${projectId}/secret-references/audited-ref`, token })).statusCode).toBe(204);
    const all = await allEvents(t(), token);
    const of = (name: string) => all.filter((e) => e.eventName === name && e.eventProjectId === projectId);
    expect(of('secret_created')).toEqual([expect.objectContaining({ eventType: 'CREATE', eventSubjectType: 'SECRET', eventSubjectName: 'audited-pw', actorId: ADMIN_ID, eventSource: 'API' })]);
    expect(of('secret_created')[0]!.additionalInfo).toMatchObject({ agentId, secretType: 'DWH_PASSWORD' });
    expect(of('secret_deleted')).toEqual([expect.objectContaining({ eventType: 'DELETE', eventSubjectName: 'audited-pw' })]);
    expect(of('secret_reference_created')).toEqual([expect.objectContaining({ eventSubjectType: 'SECRET_REFERENCE', eventSubjectName: 'audited-ref', additionalInfo: expect.objectContaining({ agentType: 'Matillion hosted' }) })]);
    expect(of('secret_reference_deleted')).toEqual([expect.objectContaining({ eventSubjectName: 'audited-ref' })]);
    expect(JSON.stringify(all)).not.toContain(canary);
    expect(t().logs.filter((l) => l.includes(canary))).toEqual([]);
  });
  it('projects, connections, environments and overrides: each change its event, with project and subject; no connection password', async () => {
    const token = await t().adminToken();
    const req = async (method: string, url: string, body?: unknown, status = 201) => {
      const r = await t().inject({ method, url, token, body });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
      return r.body ? r.json() : undefined;
    };
    const { projectId, agentId } = await fullSaasProject(t(), token);
    const password = `canary-${Date.now()}-connection-password`;
    await req('POST', `/v1/secrets/${agentId}/secret-value`, { name: 'sf-key', type: 'DWH_PASSWORD', key: 'private_key', value: password });
    const base = `/v1/projects/${projectId}`;
    await req('POST', `${base}/data-platform-connections`, { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' });
    await req('POST', `${base}/connections`, { name: 'c1', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });
    await req('PUT', `${base}/connections?connectionName=c1`, { platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' }, 200);
    await req('POST', `${base}/connections`, { name: 'c2', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });
    await req('DELETE', `${base}/connections?connectionName=c2`, undefined, 204);
    const env = { name: 'dev', defaultAgentId: agentId, defaultUserAccessLevel: 'admin', defaultConnections: { DWH: { snowflake: 'sf-dwh' } }, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }] };
    await req('POST', `${base}/environments`, env);
    await req('PATCH', `${base}/environments/dev`, { description: 'changed' }, 200);
    const ov = { environmentName: 'dev', connectionName: 'c1', authType: 'generic_secret', connectionOverrides: { connectionProperties: { secretName: 'dev-db', secretKey: 'pw' } } };
    await req('POST', `${base}/connections/environment-overrides`, ov);
    await req('PUT', `${base}/connections/environment-overrides`, ov, 200);
    await req('DELETE', `${base}/connections/environment-overrides?environmentName=dev&connectionNames=c1`, undefined, 204);
    await req('DELETE', `${base}/environments/dev`, undefined, 204);
    await req('DELETE', base, undefined, 204);
    const all = (await allEvents(t(), token)).filter((e) => e.eventProjectId === projectId);
    expect(all.map((e) => [e.eventName, e.eventSubjectName])).toEqual([
      ['project_created', expect.any(String)],
      ['secret_created', 'sf-key'],
      ['data_platform_connection_created', 'sf-dwh'],
      ['connection_created', 'c1'],
      ['connection_updated', 'c1'],
      ['connection_created', 'c2'],
      ['connection_deleted', 'c2'],
      ['environment_created', 'dev'],
      ['environment_updated', 'dev'],
      ['environment_override_created', 'dev/c1'],
      ['environment_override_updated', 'dev/c1'],
      ['environment_override_deleted', 'dev/c1'],
      ['environment_deleted', 'dev'],
      ['project_deleted', expect.any(String)],
    ]);
    expect(all.every((e) => e.actorId === ADMIN_ID && e.eventSource === 'API')).toBe(true);
    expect(all[0]).toMatchObject({ eventType: 'CREATE', eventSubjectType: 'PROJECT', eventSubjectId: projectId, additionalInfo: expect.objectContaining({ warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }) });
    expect(all[7]!.additionalInfo).toMatchObject({ defaultAgentId: agentId, connectionOverrides: ['sf-dwh'] });
    expect(all.at(-1)).toMatchObject({ eventType: 'DELETE', eventSubjectType: 'PROJECT', eventSubjectId: projectId });
    expect(JSON.stringify(all)).not.toContain(password);
    expect(t().logs.filter((l) => l.includes(password))).toEqual([]);
  });

  it('agents: create, update, command, allow-list, credential refresh and delete, with the CLI as source; the client secret never appears', async () => {
    const token = await t().adminToken();
    const cli = { 'user-agent': 'plinth-cli/0.1.0' };
    const projectId = await newProject(t());
    const body = { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: `audited-agent-${Date.now()}` };
    const a = (await t().inject({ method: 'POST', url: '/v1/agents', token, body, headers: cli })).json();
    expect((await t().inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}`, token, body: { description: 'changed' } })).statusCode).toBe(202);
    expect((await t().inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command: 'restart' } })).statusCode).toBeLessThan(300);
    expect((await t().inject({ method: 'PATCH', url: `/v1/agents/${a.agentId}/allowlist`, token, body: { projects: { [projectId]: { environments: ['dev'] } } } })).statusCode).toBeLessThan(300);
    const first = (await t().inject({ method: 'GET', url: `/v1/agents/${a.agentId}/credentials`, token })).json();
    const refreshed = (await t().inject({ method: 'POST', url: `/v1/agents/${a.agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } })).json();
    expect(refreshed.clientSecret).not.toBe(first.clientSecret);
    await t().inject({ method: 'POST', url: `/v1/agents/${a.agentId}/commands`, token, body: { command: 'PAUSE' } });
    expect((await t().inject({ method: 'DELETE', url: `/v1/agents/${a.agentId}`, token })).statusCode).toBe(202);
    const mine = (await allEvents(t(), token)).filter((e) => e.eventSubjectType === 'AGENT' && e.eventSubjectId === a.agentId);
    expect(mine.map((e) => e.eventName)).toEqual(['agent_created', 'agent_updated', 'agent_command_issued', 'agent_allowlist_updated', 'agent_credentials_issued', 'agent_credentials_refreshed', 'agent_command_issued', 'agent_deleted']);
    expect(mine[0]).toMatchObject({ eventSource: 'CLI', eventType: 'CREATE', eventSubjectName: body.name, actorId: ADMIN_ID });
    expect(mine[1]!.eventSource).toBe('API');
    expect(mine[2]!.additionalInfo).toMatchObject({ command: 'RESTART', status: 'running' });
    expect(mine[3]!.additionalInfo).toMatchObject({ projectIds: [projectId] });
    expect(mine.map((e) => e.eventType)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
    const text = JSON.stringify(mine);
    for (const secret of [first.clientSecret, refreshed.clientSecret]) {
      expect(text).not.toContain(secret);
      expect(t().logs.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});

describe('Audit events: repositories and the token rotation job', () => {
  for (const kind of DB_KINDS) {
    it(`association (API), a supplied token (CLI) and a scheduled rotation (JOB), never a Git token [${kind}]`, async () => {
      const DAY = 86_400_000;
      const clock = new TestClock(new Date('2031-03-10T09:00:00.000Z'));
      const gl = await startGitLabStub(clock.fn);
      const t = await startApp(kind, { env: { PLINTH_GITLAB_URL: gl.url }, clock, appOptions: { gitlabTimeoutMs: 400 } });
      try {
        const admin = () => t.tokenWith(ADMIN_ID, ADMIN_SECRET);
        gl.grant(77, 4242, 30);
        const projectId = (await t.inject({ method: 'POST', url: '/v1/projects', token: await admin(), body: { name: 'repo-audit', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } })).json().projectId;
        const supplied = gl.issue({ userId: 77, lifetimeDays: 10 });
        const body = { provider: 'gitlab', repositoryName: 'data-project', providerParameters: { repositoryId: 4242 } };
        const r = await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/repositories`, token: await admin(), body, headers: { 'git-provider-access-token': supplied } });
        expect(r.statusCode).toBe(201);
        const second = gl.issue({ userId: 77, lifetimeDays: 10 });
        const m = await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/repositories/token`, token: await admin(), headers: { 'git-provider-access-token': second, 'user-agent': 'plinth-cli/0.1.0' } });
        expect(m.statusCode).toBeLessThan(300);
        clock.advance(7 * DAY);
        expect(await t.app.rotation.runOnce()).toMatchObject({ rotated: 1 });
        const all = await allEvents(t, await admin());
        const repo = all.filter((e) => e.eventSubjectType === 'REPOSITORY');
        expect(repo.map((e) => [e.eventName, e.eventSource, e.actorId])).toEqual([
          ['repository_associated', 'API', ADMIN_ID],
          ['repository_token_rotated', 'CLI', ADMIN_ID],
          ['repository_token_rotated', 'JOB', 'system:gitlab-token-rotation'],
        ]);
        expect(repo.every((e) => e.eventProjectId === projectId && e.eventSubjectName === 'data-project')).toBe(true);
        expect(repo[2]!.additionalInfo).toMatchObject({ trigger: 'schedule', provider: 'gitlab', actorType: 'SYSTEM' });
        expect(repo[2]!.additionalInfo.ip).toBeUndefined();
        const text = JSON.stringify(all);
        for (const token of gl.issued()) {
          expect(text).not.toContain(token);
          expect(t.logs.filter((l) => l.includes(token))).toEqual([]);
        }
      } finally {
        await t.close();
        await gl.close();
      }
    });
  }
});

describe('Audit events: the vault admin CLI', () => {
  for (const kind of DB_KINDS) {
    it(`plinth vault rewrap records vault_rewrapped (counts only) in every account when it re-sealed something [${kind}]`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'plinth-audit-rewrap-'));
      const pgSchema = kind === 'postgres' ? await createPgSchema() : undefined;
      const databaseUrl = pgSchema?.url ?? `sqlite:${path.join(dir, 'plinth.db')}`;
      const OLD = `old:${generateMasterKey()}`;
      const NEW = `new:${generateMasterKey()}`;
      try {
        let t = await startApp(kind, { databaseUrl, masterKey: OLD });
        const { agentId } = await fullSaasProject(t, await t.adminToken());
        const value = `canary-${Date.now()}-rewrapped-value`;
        expect((await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: await t.adminToken(), body: { name: 'rw', type: 'DWH_PASSWORD', key: 'password', value } })).statusCode).toBe(201);
        await t.close();
        t = await startApp(kind, { databaseUrl, masterKey: `${NEW},${OLD}` });
        try {
          const report = await vaultRewrap(t.config);
          expect(report.tables.find((r) => r.table === 'hosted_secrets')?.rewrapped).toBe(1);
          const events = await allEvents(t, await t.adminToken(), 'vault_rewrapped');
          expect(events).toEqual([expect.objectContaining({ eventType: 'UPDATE', eventSource: 'SYSTEM', actorId: 'system:vault-rewrap', eventSubjectType: 'VAULT', eventSubjectName: 'new' })]);
          expect(events[0]!.additionalInfo.tables).toContainEqual({ table: 'hosted_secrets', rewrapped: 1 });
          expect(JSON.stringify(events)).not.toContain(value);
          await vaultRewrap(t.config); // nothing left to re-seal: no second event
          expect(await allEvents(t, await t.adminToken(), 'vault_rewrapped')).toHaveLength(1);
        } finally {
          await t.close();
        }
      } finally {
        await pgSchema?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
