import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeClient, CLI_USER_AGENT } from '../../src/cli/common.js';
import { vaultRewrap } from '../../src/cli/vault-admin.js';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { createAudit, purgeAuditEvents } from '../../src/core/audit.js';
import { loadContract } from '../../src/resources/index.js';
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb, startApp, TestClock, DB_KINDS } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';
import { fullSaasProject, snowflakeProps } from '../helpers/fixtures.js';
import { newProject } from '../helpers/seed.js';
import { startGitLabStub } from '../helpers/gitlab-stub.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';
import { createPgSchema } from '../helpers/pg.js';
import { allEvents, failEventsNamed, oneEvent, WIDE } from '../helpers/audit.js';

const events = (q: Record<string, string>) => `/v1/events?${new URLSearchParams(q)}`;

describeEachDb('Audit events: the query contract', (t) => {
  it('requires from and to as ISO 8601 date-times with an offset', async () => {
    const token = await t().adminToken();
    const none = await t().inject({ method: 'GET', url: '/v1/events', token });
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().violations.join(' ')).toMatch(/query\.from|from/);
    const noTo = await t().inject({ method: 'GET', url: events({ from: WIDE.from }), token });
    expect(noTo.statusCode).toBe(400);
    expect(noTo.body).toContain('to');
    for (const bad of ['yesterday', '2025-02-20', '2025-02-20T07:15:15', '2025-13-01T00:00:00Z']) {
      const r = await t().inject({ method: 'GET', url: events({ from: bad, to: WIDE.to }), token });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().violations.join(' '), bad).toContain('from');
    }
    const ok = await t().inject({ method: 'GET', url: events({ from: '2025-02-20T07:15:15.000-01:00', to: '2025-02-20T07:15:15+05:30' }), token });
    expect(ok.statusCode).toBe(400); // 08:15Z is after 01:45Z
    expect(ok.json().violations).toEqual(['query.from: must not be after to']);
  });

  it('bounds page and size, and defaults them to 0 and 25', async () => {
    const token = await t().adminToken();
    for (const [k, v] of [['size', '0'], ['size', '101'], ['page', '-1'], ['size', 'ten']]) {
      const r = await t().inject({ method: 'GET', url: events({ ...WIDE, [k]: v }), token });
      expect(r.statusCode, `${k}=${v}`).toBe(400);
      expect(r.json().violations.join(' ')).toContain(`query.${k}`);
    }
    const r = await t().inject({ method: 'GET', url: events(WIDE), token });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ page: 0, size: 25 });
    expect(Object.keys(r.json()).sort()).toEqual(['page', 'results', 'size', 'total']);
  });

  it('pages over more than 100 events with a stable order and a consistent total', async () => {
    const token = await t().adminToken();
    const accountId = (await t().app.store.db.selectFrom('api_credentials').select('account_id').where('client_id', '=', ADMIN_ID).executeTakeFirstOrThrow()).account_id;
    // A fixed clock: 130 events in one millisecond, ordered by their time-ordered ids alone.
    const at = new Date('2030-01-01T00:00:00.000Z');
    const writer = createAudit({ clock: () => at });
    for (let i = 0; i < 130; i++) {
      await writer.record(t().app.store.db, { accountId, actorId: 'system:test' }, { eventName: 'test_event', eventType: 'TEST', description: `n${i}`, subjectType: 'TEST', subjectName: `n${i}` });
    }
    const window = { from: '2029-12-31T23:00:00-01:00', to: '2030-01-01T00:00:00.000Z' };
    const seen: string[] = [];
    for (let page = 0; page < 2; page++) {
      const r = await t().inject({ method: 'GET', url: events({ ...window, page: String(page), size: '100' }), token });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ page, size: 100, total: 130 });
      seen.push(...body.results.map((e: { eventDescription: string }) => e.eventDescription));
    }
    expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => `n${i}`));
    const beyond = (await t().inject({ method: 'GET', url: events({ ...window, page: '2', size: '100' }), token })).json();
    expect(beyond).toEqual({ page: 2, size: 100, total: 130, results: [] });
    const desc = (await t().inject({ method: 'GET', url: events({ ...window, size: '3', order: 'desc' }), token })).json();
    expect(desc.results.map((e: { eventDescription: string }) => e.eventDescription)).toEqual(['n129', 'n128', 'n127']);
    // from and to are inclusive; a window after the events is empty (200, not 404).
    const exact = (await t().inject({ method: 'GET', url: events({ from: '2030-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', size: '1' }), token })).json();
    expect(exact.total).toBe(130);
    const after = (await t().inject({ method: 'GET', url: events({ from: '2030-01-01T00:00:00.001Z', to: '2030-01-02T00:00:00Z' }), token })).json();
    expect(after).toEqual({ page: 0, size: 25, total: 0, results: [] });
    const item = desc.results[0];
    expect(Object.keys(item).sort()).toEqual(
      ['actorEmail', 'actorId', 'additionalInfo', 'eventDescription', 'eventId', 'eventName', 'eventProjectId', 'eventSource', 'eventSubjectId', 'eventSubjectName', 'eventSubjectType', 'eventTimestamp', 'eventType'].sort(),
    );
    expect(item).toMatchObject({ actorId: 'system:test', actorEmail: null, eventName: 'test_event', eventSource: 'SYSTEM', eventTimestamp: '2030-01-01T00:00:00.000Z', additionalInfo: { actorType: 'SYSTEM' } });
    expect(item.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Extension filters.
    const named = (await t().inject({ method: 'GET', url: events({ ...WIDE, eventName: 'test_event', actorId: 'system:test', eventType: 'TEST', size: '1' }), token })).json();
    expect(named.total).toBe(130);
    expect((await t().inject({ method: 'GET', url: events({ ...WIDE, eventName: 'test_event', actorId: 'someone-else' }), token })).json().total).toBe(0);
  });
});

describeEachDb('Audit events: who may read them', (t) => {
  it('SUPER_ADMIN and ADMIN read, MEMBER and BILLING_ADMIN get 403, another account sees none of them', async () => {
    const admin = await t().adminToken();
    const created = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'audited', role: 'MEMBER' } })).json();
    for (const role of ['MEMBER', 'BILLING_ADMIN'] as const) {
      const r = await t().inject({ method: 'GET', url: events(WIDE), token: await t().tokenFor(role) });
      expect(r.statusCode, role).toBe(403);
    }
    const asAdmin = await allEvents(t(), await t().tokenFor('ADMIN'), 'api_credential_created');
    expect(asAdmin.map((e) => e.eventSubjectId)).toContain(created.clientId);
    expect((await t().inject({ method: 'GET', url: events(WIDE) })).statusCode).toBe(401);
    const other = await seedAccount(t());
    const theirs = await allEvents(t(), other.token);
    expect(theirs.filter((e) => e.actorId !== other.clientId)).toEqual([]); // at most their own sign-in
    // And theirs stay theirs.
    await t().inject({ method: 'POST', url: '/v1/api-credentials', token: other.token, body: { name: 'theirs', role: 'MEMBER' } });
    expect((await allEvents(t(), other.token, 'api_credential_created')).map((e) => e.eventSubjectName)).toEqual(['theirs']);
    const ours = await allEvents(t(), admin);
    expect(ours.map((e) => e.eventSubjectName)).not.toContain('theirs');
    expect(ours.map((e) => e.actorId)).not.toContain(other.clientId);
  });
});

describeEachDb('Audit events: sources and atomicity', (t) => {
  it('records the actor, the client address and the interface (API, CLI user-agent, console header)', async () => {
    const token = await t().adminToken();
    const viaApi = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-api', role: 'MEMBER' } })).json();
    const viaCli = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-cli', role: 'MEMBER' }, headers: { 'user-agent': 'plinth-cli/0.1.0' } })).json();
    const viaConsole = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-console', role: 'ADMIN' }, headers: { 'x-plinth-client': 'console' } })).json();
    const api = await oneEvent(t(), token, 'api_credential_created', viaApi.clientId);
    expect(api).toMatchObject({
      actorId: ADMIN_ID,
      actorEmail: null,
      eventType: 'CREATE',
      eventSource: 'API',
      eventSubjectType: 'API_CREDENTIAL',
      eventSubjectName: 'via-api',
      eventProjectId: null,
      additionalInfo: { ip: '127.0.0.1', actorType: 'API_CREDENTIAL', role: 'MEMBER' },
    });
    expect((await oneEvent(t(), token, 'api_credential_created', viaCli.clientId)).eventSource).toBe('CLI');
    expect((await oneEvent(t(), token, 'api_credential_created', viaConsole.clientId)).eventSource).toBe('CONSOLE');
    await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${viaApi.clientId}`, token });
    expect(await oneEvent(t(), token, 'api_credential_deleted', viaApi.clientId)).toMatchObject({ eventType: 'DELETE', eventSubjectName: 'via-api' });
    // The client secrets shown once at creation are in no event and no log line.
    const all = JSON.stringify(await allEvents(t(), token));
    for (const c of [viaApi, viaCli, viaConsole]) {
      expect(c.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(all).not.toContain(c.clientSecret);
      expect(t().logs.filter((l) => l.includes(c.clientSecret))).toEqual([]);
    }
  });

  it('the CLI client says it is the CLI: a change made through makeClient is recorded with eventSource CLI', async () => {
    expect(CLI_USER_AGENT).toBe(`plinth-cli/${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}`);
    const address = await t().app.server.listen({ port: 0, host: '127.0.0.1' });
    const saved = { ...process.env };
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-audit-cli-'));
    try {
      Object.assign(process.env, { PLINTH_CONFIG_DIR: dir, PLINTH_CLIENT_SECRET: ADMIN_SECRET });
      delete process.env.PLINTH_PROFILE;
      const client = makeClient({ url: address, clientId: ADMIN_ID });
      const created = await client.request<{ clientId: string }>('POST', '/v1/api-credentials', { body: { name: 'via-real-cli-client', role: 'MEMBER' } });
      const e = await oneEvent(t(), await t().adminToken(), 'api_credential_created', created.clientId);
      expect(e.eventSource).toBe('CLI');
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SCIM provisioning is recorded with eventSource SCIM; managing SCIM tokens is an API change', async () => {
    const admin = await t().adminToken();
    const tok = await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: { name: 'audit-idp' } });
    expect(tok.statusCode).toBe(201);
    const userName = `scim-audit-${Date.now()}@example.com`;
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Ada', familyName: 'Audit' }, emails: [{ primary: true, value: userName }], active: true };
    const r = await t().inject({ method: 'POST', url: '/v1/directory-integration/scim/v2/Users', token: tok.json().secret, body, headers: { 'content-type': 'application/scim+json' } });
    expect(r.statusCode, r.body).toBe(201);
    const created = (await allEvents(t(), admin, 'user_created')).filter((e) => e.eventSubjectName === userName);
    expect(created).toEqual([expect.objectContaining({ eventSource: 'SCIM', eventSubjectType: 'USER' })]);
    const tokens = await allEvents(t(), admin, 'scim_token_created');
    expect(tokens.at(-1)).toMatchObject({ eventSource: 'API', actorId: ADMIN_ID });
    expect(JSON.stringify([...created, ...tokens])).not.toContain(tok.json().secret);
  });

  it('a change and its event commit together: a failure after the write leaves neither, a refused change leaves no event', async () => {
    const token = await t().adminToken();
    const undo = await failEventsNamed(t(), 'boom');
    try {
      const r = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'boom', role: 'MEMBER' } });
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('injected');
    } finally {
      await undo();
    }
    const rows = await t().app.store.db.selectFrom('api_credentials').select('client_id').where('name', '=', 'boom').execute();
    expect(rows).toEqual([]);
    expect((await allEvents(t(), token, 'api_credential_created')).filter((e) => e.eventSubjectName === 'boom')).toEqual([]);
    // Refused (409): no event for the refused attempt.
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'twice', role: 'MEMBER' } })).statusCode).toBe(201);
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'twice', role: 'MEMBER' } })).statusCode).toBe(409);
    expect((await allEvents(t(), token, 'api_credential_created')).filter((e) => e.eventSubjectName === 'twice')).toHaveLength(1);
    // Once the failure is gone the same change commits with its event.
    const ok = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'boom', role: 'MEMBER' } })).json();
    expect((await oneEvent(t(), token, 'api_credential_created', ok.clientId)).eventSubjectName).toBe('boom');
  });
});

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

describeEachDb(
  'Audit events: the test controls',
  (t) => {
    it('reset, snapshot, restore and seed record one event each; reset and restore replace the log', async () => {
      const token = await t().adminToken();
      await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'before-snapshot', role: 'MEMBER' } });
      expect((await control(t(), 'PUT', '/snapshots/audit')).statusCode).toBe(201);
      await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'after-snapshot', role: 'MEMBER' } });
      expect((await control(t(), 'POST', '/snapshots/audit/restore')).statusCode).toBe(200);
      let names = (await allEvents(t(), token)).map((e) => e.eventSubjectName ?? e.eventName);
      expect(names).toContain('before-snapshot');
      expect(names).not.toContain('after-snapshot');
      const restored = await allEvents(t(), token, 'controls_snapshot_restored');
      expect(restored).toEqual([expect.objectContaining({ eventType: 'RESTORE', actorId: ADMIN_ID, eventSubjectType: 'PLINTH', additionalInfo: expect.objectContaining({ snapshot: 'audit' }) })]);
      expect(await allEvents(t(), token, 'controls_snapshot_saved')).toHaveLength(0); // saved after the copy: not in it
      expect((await control(t(), 'POST', '/reset')).statusCode).toBe(200);
      const afterReset = await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET));
      expect(afterReset.filter((e) => !e.eventName.includes('login') && e.eventName !== 'api_credential_token_issued').map((e) => e.eventName)).toEqual(['controls_reset']);
      const seeded = await control(t(), 'POST', '/seed', { apiCredentials: [{ name: 'seeded-cred', role: 'MEMBER' }] });
      expect(seeded.statusCode).toBe(201);
      names = (await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET))).map((e) => e.eventName);
      expect(names).toContain('api_credential_created');
      expect(names.filter((n) => n === 'controls_seeded')).toHaveLength(1);
      expect((await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET), 'controls_seeded'))[0]!.additionalInfo).toMatchObject({ apiCredentialCount: 1, projectCount: 0 });
    });
  },
  { env: CONTROLS_ENV },
);

describe('Audit events: the catalogue', () => {
  /** Every snake_case literal on a line that names an event (`eventName: …`, `…Event(…)`, `event(…)`), across src. */
  function namesInSources(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'generated') walk(p);
        } else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith(path.join('audit-events', 'store.ts'))) {
          for (const raw of readFileSync(p, 'utf8').split('\n')) {
            const line = raw.replace(/Pick<[^>]*>/g, ''); // column names in a type are not event names
            if (!/eventName|event\(/i.test(line)) continue;
            for (const m of line.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)) found.set(m[1]!, path.relative(ROOT, p));
          }
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    return found;
  }
  const ROOT = path.resolve(import.meta.dirname, '../..');

  it('documents every eventName used in src, in the operation description', () => {
    const description: string = loadContract({ fromSources: true }).paths['/v1/events'].get.description;
    const names = namesInSources();
    expect(names.size).toBeGreaterThan(40);
    const missing = [...names].filter(([n]) => !description.includes(`\`${n}\``)).map(([n, file]) => `${n} (${file})`);
    expect(missing).toEqual([]);
    expect(names.has('project_created') && names.has('repository_token_rotated') && names.has('hub_user_login')).toBe(true);
    const rows = [...description.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((n, i) => rows.indexOf(n) !== i)).toEqual([]); // one row per name
  });
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
